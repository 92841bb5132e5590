import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OAUTH_PARAMS } from '../../../src/core/params/oauth-vocabulary';
import { redactReport, redactUrl, redactValue } from '../../../src/core/report/redact';
import { unsignedJwt } from '../../support/jwt';
import { GOOD_CODE, goodCallback, goodRequest, runScenarios } from '../../support/scenario';

const r = (value: string) => redactValue(value);
const JWT = unsignedJwt({ sub: 'user-42', aud: 'demo-client' }, { alg: 'RS256' });
/** A random-looking 40-character value, as login pages carry for their session. */
const HANDLE = 'Hk3Pj6Ds1Fa0GeZr8YtN5Lw2Qm7Xc4Vb9Ab3Cd5E';

describe('redactUrl', () => {
  it.each([
    ['a code in the query', 'https://app/cb?code=abc123&state=s', `https://app/cb?code=${r('abc123')}&state=s`],
    ['tokens in the fragment', 'https://app/cb#access_token=t0k&id_token=a.b.c', `https://app/cb#access_token=${r('t0k')}&id_token=${r('a.b.c')}`],
    ['an encoded parameter name', 'https://as/x?client%5Fsecret=s3cr3t', `https://as/x?client%5Fsecret=${r('s3cr3t')}`],
    ['a broken URL', 'not a url?code=%%%', `not a url?code=${r('%%%')}`],
    ['id_token_hint, a whole JWT', `https://as/authorize?client_id=c&id_token_hint=${JWT}`, `https://as/authorize?client_id=c&id_token_hint=${r(JWT)}`],
    ["Okta's stateToken", 'https://okta/signin?stateToken=00abcDEF', `https://okta/signin?stateToken=${r('00abcDEF')}`],
    ["Google's rapt", 'https://accounts/x?rapt=AEjHL4N', `https://accounts/x?rapt=${r('AEjHL4N')}`],
    ['a SAMLResponse', 'https://sp/acs?SAMLResponse=PHNhbWw', `https://sp/acs?SAMLResponse=${r('PHNhbWw')}`],
    ['a JWT under a name nobody lists', `https://app/x?blob=${JWT}`, `https://app/x?blob=${r(JWT)}`],
    ['a JWT in a path segment', `https://app/magic/${JWT}/done`, `https://app/magic/${r(JWT)}/done`],
  ])('hides %s', (_, input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it.each([
    [
      'state, nonce, client_id, scope, redirect_uri, code_challenge',
      `https://as/authorize?state=${HANDLE}&nonce=${HANDLE}&client_id=${HANDLE}&scope=openid&redirect_uri=https%3A%2F%2Fapp%2Fcb&code_challenge=${HANDLE}`,
    ],
    ['token_type and session_state', 'https://app/cb#token_type=Bearer&session_state=abc.def'],
    ['iss', 'https://app/cb?state=s&iss=https%3A%2F%2Fas'],
  ])('keeps %s readable, even in a hop', (_, url) => {
    expect(redactUrl(url, 'hop')).toBe(url);
  });

  it('hides a long random value under any name in a hop URL, not in the request the user reads', () => {
    const url = `https://as/login?flow=${HANDLE}&lang=en`;
    expect(redactUrl(url, 'hop')).toBe(`https://as/login?flow=${r(HANDLE)}&lang=en`);
    expect(redactUrl(url)).toBe(url);
  });
});

describe('redactValue', () => {
  it('keeps the length and a short hash, the same for the same value, so it can be followed across hops', () => {
    expect(redactValue(GOOD_CODE)).toMatch(new RegExp(`^\\[redacted ${GOOD_CODE.length} chars #[0-9a-f]{6}\\]$`));
    expect(redactValue(GOOD_CODE)).toBe(redactValue(GOOD_CODE));
    expect(redactValue(GOOD_CODE)).not.toBe(redactValue(`${GOOD_CODE}x`));
    // FNV-1a of "abc123" is 0x38b29a05 (checked independently), pinned so the CLI and the extension keep writing the same hash.
    expect(redactValue('abc123')).toBe('[redacted 6 chars #38b29a]');
  });
});

describe('redactReport', () => {
  const report = runScenarios([{ request: goodRequest(), callbacks: [goodCallback({ id_token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.' })] }]);

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

  it('leaves no JWT anywhere, whatever parameter, hop or message carries it', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9_-]{4,40}$/);
    const jwt = fc.tuple(part, part, part).map(([a, b, c]) => `eyJ${a}.${b}.${c}`);
    // Any name, and every name the report also decodes into a field (login_hint, state, error_description...).
    const name = fc.oneof(fc.stringMatching(/^[a-z_]{1,12}$/), fc.constantFrom(...OAUTH_PARAMS.map((row) => row.name)));
    fc.assert(
      fc.property(jwt, name, fc.constantFrom('request', 'hop', 'callback'), (token, param, where) => {
        const carrying = `${param}=${encodeURIComponent(token)}`;
        const scenario =
          where === 'request'
            ? { request: `${goodRequest()}&${carrying}`, callbacks: [goodCallback()] }
            : where === 'hop'
              ? { request: goodRequest(), hops: [{ url: `https://as.example.com/login?${carrying}`, status: 302 }], callbacks: [goodCallback()] }
              : { request: goodRequest(), callbacks: [`${goodCallback()}&${carrying}`] };
        const redacted = JSON.stringify(redactReport(runScenarios([scenario])));
        expect(redacted).not.toContain(token);
      }),
      { numRuns: 200 },
    );
  });

  it('does not change the report it is given', () => {
    const before = JSON.stringify(report);
    redactReport(report);
    expect(JSON.stringify(report)).toBe(before);
  });
});
