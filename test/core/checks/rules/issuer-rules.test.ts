import { describe, expect, it } from 'vitest';
import type { RuleId, Severity } from '../../../../src/core/checks/rule-ids';
import type { FlowReport } from '../../../../src/core/report/report-schema';
import type { SettingsInput } from '../../../../src/core/settings/settings-schema';
import { findingIds, goodCallback, goodRequest, REDIRECT, runScenario, type Scenario } from '../../../support/scenario';

const findingsOf = (flow: FlowReport, id: RuleId) => flow.findings.filter((finding) => finding.id === id);
const ISSUER = 'https://as.example.com';
/** goodRequest asks for openid, so its flows are checked against the generic OIDC profile. */
const withIssuer: SettingsInput = { profileOverrides: { oidc: { issuer: ISSUER } } };
const sendsIss: SettingsInput = { profileOverrides: { oidc: { sendsIss: true } } };
const withIss = (iss: string | undefined, extra: Record<string, string | undefined> = {}): Scenario => ({
  request: goodRequest(),
  callbacks: [goodCallback({ iss, ...extra })],
});

describe('issuer rules', () => {
  it.each<[string, RuleId, Scenario, SettingsInput, Severity]>([
    ['an iss other than the configured issuer', 'iss-mismatch', withIss('https://evil.example.net'), withIssuer, 'error'],
    ['an iss that differs from the issuer only by a trailing slash', 'iss-mismatch', withIss(`${ISSUER}/`), withIssuer, 'error'],
    ['an iss on another origin than the request, no issuer configured', 'iss-mismatch', withIss('https://evil.example.net'), {}, 'warning'],
    ['an iss that is not a URL, no issuer configured', 'iss-mismatch', withIss('as.example.com'), {}, 'warning'],
    ['a callback without iss from a server that sends it', 'iss-missing', withIss(undefined), sendsIss, 'error'],
    ['a callback without iss when the issuer is configured', 'iss-missing', withIss(undefined), withIssuer, 'error'],
    ['an error callback without iss', 'iss-missing', withIss(undefined, { code: undefined, error: 'access_denied' }), sendsIss, 'error'],
  ])('fires on %s', (_, id, scenario, settings, severity) => {
    expect(findingsOf(runScenario(scenario, settings), id).map((finding) => finding.severity)).toEqual([severity]);
  });

  it.each<[RuleId, SettingsInput]>([
    ['iss-mismatch', {}],
    ['iss-mismatch', withIssuer],
    ['iss-missing', {}],
    ['iss-missing', withIssuer],
    ['iss-missing', sendsIss],
  ])('%s stays silent on a clean flow that carries the issuer (settings %j)', (id, settings) => {
    expect(findingIds(runScenario(withIss(ISSUER), settings))).not.toContain(id);
  });

  it.each<[string, RuleId, Scenario, SettingsInput]>([
    ['iss-mismatch for an iss on the request origin with a path, no issuer configured', 'iss-mismatch', withIss(`${ISSUER}/tenants/t1`), {}],
    ['iss-mismatch for a callback without iss', 'iss-mismatch', withIss(undefined), withIssuer],
    [
      'iss-mismatch for a callback with no request to compare origins with',
      'iss-mismatch',
      { callbacks: [goodCallback({ iss: 'https://evil.example.net' })] },
      { redirectUris: [{ uri: REDIRECT }] },
    ],
    ['iss-missing when the profile does not expect iss', 'iss-missing', withIss(undefined), {}],
  ])('stays silent: %s', (_, id, scenario, settings) => {
    expect(findingIds(runScenario(scenario, settings))).not.toContain(id);
  });

  it('iss-mismatch compares with the issuer from a registered redirect URI', () => {
    const settings: SettingsInput = { redirectUris: [{ uri: REDIRECT, profile: 'oauth2', overrides: { issuer: 'https://login.example.org' } }] };
    const [finding] = findingsOf(runScenario(withIss(ISSUER), settings), 'iss-mismatch');
    expect(finding?.message).toBe(
      'The callback iss is "https://as.example.com", but the expected issuer is "https://login.example.org". They differ in host (as.example.com instead of login.example.org).',
    );
    expect(finding?.evidence).toEqual({ param: 'iss', value: ISSUER });
  });

  it.each([
    ['a trailing slash', `${ISSUER}/`, 'trailing slash'],
    ['letter case', ISSUER.toUpperCase(), 'spelling'],
  ])('iss-mismatch stays exact on an iss that differs only by %s, and says so', (_, expected, difference) => {
    const settings: SettingsInput = { redirectUris: [{ uri: REDIRECT, profile: 'oauth2', overrides: { issuer: expected } }] };
    const [finding] = findingsOf(runScenario(withIss(ISSUER), settings), 'iss-mismatch');
    expect(finding?.message).toContain(difference);
  });

  it('iss-mismatch without a configured issuer names both origins', () => {
    const [finding] = findingsOf(runScenario(withIss('https://evil.example.net/issuer')), 'iss-mismatch');
    expect(finding?.message).toBe(
      'The callback iss is on https://evil.example.net, but the authorization request went to https://as.example.com (no issuer is configured to compare with).',
    );
  });

  it('iss-missing says why iss was expected', () => {
    const [bySendsIss] = findingsOf(runScenario(withIss(undefined), sendsIss), 'iss-missing');
    const [byIssuer] = findingsOf(runScenario(withIss(undefined, { code: undefined, error: 'access_denied' }), withIssuer), 'iss-missing');
    expect(bySendsIss?.message).toBe('The callback carries no iss, but Generic OpenID Connect is set to send iss in every authorization response.');
    expect(byIssuer?.message).toBe('The error callback carries no iss, but the issuer "https://as.example.com" is configured for Generic OpenID Connect.');
  });
});
