import { describe, expect, it } from 'vitest';
import type { RuleId, Severity } from '../../../../src/core/checks/rule-ids';
import type { FlowReport } from '../../../../src/core/report/report-schema';
import type { SettingsInput } from '../../../../src/core/settings/settings-schema';
import { findingIds, GOOD_CODE, GOOD_STATE, goodCallback, goodRequest, REDIRECT, runScenario, url, type Scenario } from '../../../support/scenario';

const findingsOf = (flow: FlowReport, id: RuleId) => flow.findings.filter((finding) => finding.id === id);

/** An Akahu authorization request: the profile comes from the host. */
const AKAHU_REQUEST = url('https://oauth.akahu.nz/', {
  client_id: 'app_token_1234567890987654321',
  response_type: 'code',
  redirect_uri: REDIRECT,
  scope: 'ENDURING_CONSENT',
  state: GOOD_STATE,
});
const akahu = (callback: Record<string, string | undefined>): Scenario => ({ request: AKAHU_REQUEST, callbacks: [goodCallback(callback)] });

describe('event rules (Akahu)', () => {
  it('applies to Akahu flows', () => {
    expect(runScenario(akahu({ event: 'ACCEPT' })).profile.id).toBe('akahu');
  });

  it.each<[string, RuleId, Scenario, Severity]>([
    ['a success callback without event', 'event-unknown', akahu({}), 'warning'],
    ['an event Akahu does not send', 'event-unknown', akahu({ event: 'DELETE' }), 'warning'],
    ['an event in the wrong case', 'event-unknown', akahu({ event: 'accept' }), 'warning'],
    ['ACCEPT without a code', 'event-code-mismatch', akahu({ event: 'ACCEPT', code: undefined }), 'error'],
    ['UPDATE without a code', 'event-code-mismatch', akahu({ event: 'UPDATE', code: undefined }), 'error'],
    ['REVOKE with a code', 'event-code-mismatch', akahu({ event: 'REVOKE' }), 'error'],
    ['REVOKE in lower case with a code', 'event-code-mismatch', akahu({ event: 'revoke' }), 'error'],
    // The outcome reads "revoked" whatever the profile, so the check that goes with it does too.
    [
      'REVOKE with a code from a provider whose profile has no events',
      'event-code-mismatch',
      { request: goodRequest(), callbacks: [goodCallback({ event: 'REVOKE' })] },
      'error',
    ],
  ])('fires on %s', (_, id, scenario, severity) => {
    expect(findingsOf(runScenario(scenario), id).map((finding) => finding.severity)).toEqual([severity]);
  });

  it.each<[string, Scenario]>([
    ['ACCEPT with a code', akahu({ event: 'ACCEPT' })],
    ['UPDATE with a code', akahu({ event: 'UPDATE' })],
    ['REVOKE without a code', akahu({ event: 'REVOKE', code: undefined })],
  ])('both stay silent on a clean Akahu flow: %s', (_, scenario) => {
    const ids = findingIds(runScenario(scenario));
    expect(ids).not.toContain('event-unknown');
    expect(ids).not.toContain('event-code-mismatch');
  });

  it.each<[string, RuleId, Scenario, SettingsInput]>([
    ['event-unknown for an error callback without event', 'event-unknown', akahu({ code: undefined, error: 'access_denied' }), {}],
    ['event-unknown for a provider that sends no event', 'event-unknown', { request: goodRequest(), callbacks: [goodCallback()] }, {}],
    ['event-code-mismatch for an unknown event with a code (event-unknown reports it)', 'event-code-mismatch', akahu({ event: 'DELETE' }), {}],
    ['event-code-mismatch for an error callback with an event', 'event-code-mismatch', akahu({ code: undefined, event: 'ACCEPT', error: 'access_denied' }), {}],
  ])('stays silent: %s', (_, id, scenario, settings) => {
    expect(findingIds(runScenario(scenario, settings))).not.toContain(id);
  });

  it('both apply to any profile given callback events in settings', () => {
    const settings: SettingsInput = { profileOverrides: { oidc: { callbackEvents: ['DONE', 'CANCELLED'], eventsWithCode: ['DONE'] } } };
    const scenario = (event: string, code?: string): Scenario => ({ request: goodRequest(), callbacks: [goodCallback({ event, code })] });
    expect(findingIds(runScenario(scenario('DONE', GOOD_CODE), settings))).not.toContain('event-unknown');
    expect(findingIds(runScenario(scenario('ACCEPT', GOOD_CODE), settings))).toContain('event-unknown');
    expect(findingIds(runScenario(scenario('CANCELLED', GOOD_CODE), settings))).toContain('event-code-mismatch');
  });

  it.each<[string, Scenario, RuleId, string]>([
    ['no event', akahu({}), 'event-unknown', 'The callback carries no event; Akahu sends one of ACCEPT, UPDATE, REVOKE.'],
    ['an unknown event', akahu({ event: 'DELETE' }), 'event-unknown', 'The callback event "DELETE" is not one of ACCEPT, UPDATE, REVOKE.'],
    ['a lower-case event', akahu({ event: 'accept' }), 'event-unknown', 'The callback event "accept" differs in case from ACCEPT.'],
    [
      'ACCEPT without code',
      akahu({ event: 'ACCEPT', code: undefined }),
      'event-code-mismatch',
      'The callback event is ACCEPT but it carries no code; ACCEPT should come with one.',
    ],
    [
      'REVOKE with code',
      akahu({ event: 'REVOKE' }),
      'event-code-mismatch',
      'The callback event is REVOKE but it carries a code; only ACCEPT and UPDATE should come with one.',
    ],
  ])('explains %s', (_, scenario, id, message) => {
    const [finding] = findingsOf(runScenario(scenario), id);
    expect(finding?.message).toBe(message);
    expect(finding?.message).not.toContain(GOOD_CODE);
  });
});
