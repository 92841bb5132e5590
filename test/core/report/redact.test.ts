import { describe, expect, it } from 'vitest';
import { redactReport, redactUrl } from '../../../src/core/report/redact';
import { GOOD_CODE, goodCallback, goodRequest, runScenarios } from '../../support/scenario';

describe('redactUrl', () => {
  it.each([
    ['a code in the query', 'https://app/cb?code=abc123&state=s', 'https://app/cb?code=[redacted 6 chars]&state=s'],
    ['tokens in the fragment', 'https://app/cb#access_token=t0k&id_token=a.b.c', 'https://app/cb#access_token=[redacted 3 chars]&id_token=[redacted 5 chars]'],
    ['an encoded parameter name', 'https://as/x?client%5Fsecret=s3cr3t', 'https://as/x?client%5Fsecret=[redacted 6 chars]'],
    ['nothing secret', 'https://app/cb?state=s&iss=https%3A%2F%2Fas', 'https://app/cb?state=s&iss=https%3A%2F%2Fas'],
    ['a broken URL', 'not a url?code=%%%', 'not a url?code=[redacted 3 chars]'],
  ])('hides %s', (_, input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });
});

describe('redactReport', () => {
  const report = runScenarios([
    { request: goodRequest(), callbacks: [goodCallback({ id_token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.' })] },
  ]);

  it('leaves no secret value anywhere in the report', () => {
    const redacted = JSON.stringify(redactReport(report));
    expect(redacted).not.toContain(GOOD_CODE);
    expect(redacted).not.toContain('eyJhbGciOiJub25lIn0');
    expect(redacted).toContain('[redacted');
  });

  it('keeps what is not secret, including the decoded id_token claims', () => {
    const redacted = redactReport(report);
    expect(redacted.redacted).toBe(true);
    expect(redacted.flows[0]?.callbacks[0]?.fields.state).toBe(report.flows[0]?.callbacks[0]?.fields.state);
    expect(redacted.flows[0]?.callbacks[0]?.idToken).toEqual(report.flows[0]?.callbacks[0]?.idToken);
  });

  it('does not change the report it is given', () => {
    const before = JSON.stringify(report);
    redactReport(report);
    expect(JSON.stringify(report)).toBe(before);
  });
});
