import { describe, expect, it } from 'vitest';
import type { RuleId, Severity } from '../../../../src/core/checks/rule-ids';
import type { FlowReport } from '../../../../src/core/report/report-schema';
import { findingIds, GOOD_CODE, GOOD_STATE, goodCallback, goodRequest, REDIRECT, runScenario, type Scenario } from '../../../support/scenario';

const findingsOf = (flow: FlowReport, id: RuleId) => flow.findings.filter((finding) => finding.id === id);
const errorCallback = (params: Record<string, string | undefined>) => goodCallback({ code: undefined, ...params });
const withCallback = (callback: string): Scenario => ({ request: goodRequest(), callbacks: [callback] });

describe('error rules', () => {
  it.each<[string, RuleId, string, Severity]>([
    ['access_denied, as a warning', 'error-response', errorCallback({ error: 'access_denied' }), 'warning'],
    ['invalid_scope, as an error', 'error-response', errorCallback({ error: 'invalid_scope' }), 'error'],
    ['an unknown error code, as an error', 'error-response', errorCallback({ error: 'bank_unavailable' }), 'error'],
    ['an error that came with a code', 'error-with-code', goodCallback({ error: 'server_error' }), 'error'],
    [
      'a non-ASCII error_description',
      'error-invalid-chars',
      errorCallback({ error: 'access_denied', error_description: 'Zugriff verweigert – Nutzer hat abgelehnt' }),
      'warning',
    ],
    [
      'a double quote in error_description',
      'error-invalid-chars',
      errorCallback({ error: 'access_denied', error_description: 'The user said "no"' }),
      'warning',
    ],
    ['a backslash in error', 'error-invalid-chars', errorCallback({ error: 'access\\denied' }), 'warning'],
    [
      'a space in error_uri',
      'error-invalid-chars',
      errorCallback({ error: 'access_denied', error_uri: 'https://as.example.com/errors/access denied' }),
      'warning',
    ],
    [
      'bad percent-encoding in error_description',
      'error-invalid-chars',
      `${REDIRECT}?error=access_denied&error_description=100%25%zz&state=${GOOD_STATE}`,
      'warning',
    ],
    ['escapes that are not UTF-8 in error', 'error-invalid-chars', `${REDIRECT}?error=access%C3%28denied&state=${GOOD_STATE}`, 'warning'],
  ])('fires on %s', (_, id, callback, severity) => {
    expect(findingsOf(runScenario(withCallback(callback)), id).map((finding) => finding.severity)).toEqual([severity]);
  });

  it.each<RuleId>(['error-response', 'error-with-code', 'error-invalid-chars'])('%s stays silent on a clean flow', (id) => {
    expect(findingIds(runScenario(withCallback(goodCallback())))).not.toContain(id);
  });

  it.each<[string, RuleId, string]>([
    ['error-with-code for an error without a code', 'error-with-code', errorCallback({ error: 'access_denied' })],
    [
      'error-invalid-chars for plain ASCII text with spaces and punctuation',
      'error-invalid-chars',
      errorCallback({
        error: 'invalid_request',
        error_description: "The 'scope' parameter is missing! [code #12]",
        error_uri: 'https://as.example.com/errors?code=12#invalid_request',
      }),
    ],
    ['error-invalid-chars for a non-ASCII parameter that is not an error field', 'error-invalid-chars', goodCallback({ note: 'Größe' })],
  ])('stays silent: %s', (_, id, callback) => {
    expect(findingIds(runScenario(withCallback(callback)))).not.toContain(id);
  });

  it('error-response shows the decoded error, description and URI, and explains the code', () => {
    const callback = errorCallback({
      error: 'invalid_scope',
      error_description: 'Scope "payments" is not enabled',
      error_uri: 'https://as.example.com/errors/invalid_scope',
    });
    const [finding] = findingsOf(runScenario(withCallback(callback)), 'error-response');
    expect(finding?.message).toBe(
      'The authorization server answered error=invalid_scope: "Scope \\"payments\\" is not enabled" (more at "https://as.example.com/errors/invalid_scope").' +
        ' It means a requested scope is invalid, unknown or malformed.',
    );
    expect(finding?.evidence).toEqual({ param: 'error', value: 'invalid_scope' });
  });

  it.each([
    'invalid_request',
    'unauthorized_client',
    'access_denied',
    'unsupported_response_type',
    'invalid_scope',
    'server_error',
    'temporarily_unavailable',
    'login_required',
    'consent_required',
    'interaction_required',
  ])('error-response explains %s', (error) => {
    const [finding] = findingsOf(runScenario(withCallback(errorCallback({ error }))), 'error-response');
    expect(finding?.message).toMatch(new RegExp(`^The authorization server answered error=${error}\\. It means .+\\.$`));
  });

  it('error-response leaves an unknown code unexplained and cuts a very long description', () => {
    const [finding] = findingsOf(runScenario(withCallback(errorCallback({ error: 'bank_unavailable', error_description: 'x'.repeat(500) }))), 'error-response');
    expect(finding?.message).not.toContain('It means');
    expect(finding?.message.length).toBeLessThan(300);
  });

  it('error-response reports a callback revisited with the same error once', () => {
    const callback = errorCallback({ error: 'access_denied' });
    expect(findingsOf(runScenario({ request: goodRequest(), callbacks: [callback, callback] }), 'error-response')).toHaveLength(1);
  });

  it('error-with-code keeps the code out of the message', () => {
    const [finding] = findingsOf(runScenario(withCallback(goodCallback({ error: 'server_error' }))), 'error-with-code');
    expect(finding?.message).toBe('The callback carries error=server_error together with a code.');
    expect(finding?.message).not.toContain(GOOD_CODE);
  });

  it('error-invalid-chars lists the offending characters by code point', () => {
    const callback = errorCallback({ error: 'access_denied', error_description: 'Zugriff für "Konto" verweigert\n' });
    const [finding] = findingsOf(runScenario(withCallback(callback)), 'error-invalid-chars');
    expect(finding?.message).toBe('error_description contains characters RFC 6749 does not allow there: U+00FC (ü), U+0022 ("), U+000A.');
    expect(finding?.evidence?.param).toBe('error_description');
  });

  it('error-invalid-chars reports broken percent-encoding with the decoder message', () => {
    const [finding] = findingsOf(
      runScenario(withCallback(`${REDIRECT}?error=access_denied&error_description=100%25%zz&state=${GOOD_STATE}`)),
      'error-invalid-chars',
    );
    expect(finding?.message).toBe('error_description is not valid percent-encoding (bad percent-encoding: a "%" not followed by two hex digits).');
  });

  it('error-invalid-chars allows a space in error_description but not in error_uri', () => {
    const callback = errorCallback({ error: 'access_denied', error_description: 'user cancelled', error_uri: 'https://as.example.com/a b' });
    const findings = findingsOf(runScenario(withCallback(callback)), 'error-invalid-chars');
    expect(findings.map((finding) => finding.evidence?.param)).toEqual(['error_uri']);
  });
});
