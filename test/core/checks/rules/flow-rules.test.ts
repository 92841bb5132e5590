import { describe, expect, it } from 'vitest';
import type { RuleId, Severity } from '../../../../src/core/checks/rule-ids';
import type { FlowReport } from '../../../../src/core/report/report-schema';
import type { Observation } from '../../../../src/core/observation/observation-schema';
import { analyze } from '../../../../src/core/report/analyze';
import { SettingsSchema, type SettingsInput } from '../../../../src/core/settings/settings-schema';
import { AS, findingIds, GOOD_CODE, goodCallback, goodRequest, ingestAll, REDIRECT, runScenario, T0, type Scenario } from '../../../support/scenario';

const findingsOf = (flow: FlowReport, id: RuleId) => flow.findings.filter((finding) => finding.id === id);
const LOGIN = 'https://as.example.com/login';
const CONSENT = 'https://as.example.com/consent';
/** A registered redirect URI makes a callback with no request seen a flow of its own. */
const registered: SettingsInput = { redirectUris: [{ uri: REDIRECT }] };
const clean: Scenario = { request: goodRequest(), hops: [{ url: LOGIN, method: 'POST', status: 303 }], callbacks: [goodCallback()] };
const loginAnswered = (status: number): Scenario => ({ request: goodRequest(), hops: [{ url: LOGIN, method: 'POST', status }], callbacks: [goodCallback()] });

describe('flow rules', () => {
  it.each<[string, RuleId, Scenario, SettingsInput, Severity]>([
    ['a callback with no authorization request seen', 'callback-without-request', { callbacks: [goodCallback()] }, registered, 'warning'],
    [
      'an error callback with no authorization request seen',
      'callback-without-request',
      { callbacks: [goodCallback({ code: undefined, error: 'access_denied' })] },
      registered,
      'warning',
    ],
    ['a login POST answered 307 to the client', 'redirect-after-post-307', loginAnswered(307), {}, 'error'],
    ['a login POST answered 308 to the client', 'redirect-after-post-307', loginAnswered(308), {}, 'error'],
  ])('fires on %s', (_, id, scenario, settings, severity) => {
    expect(findingsOf(runScenario(scenario, settings), id).map((finding) => finding.severity)).toEqual([severity]);
  });

  it.each<RuleId>(['callback-without-request', 'redirect-after-post-307'])('%s stays silent on a clean flow', (id) => {
    expect(findingIds(runScenario(clean))).not.toContain(id);
  });

  it.each<[string, RuleId, Scenario, SettingsInput]>([
    ['callback-without-request for a flow still waiting for its callback', 'callback-without-request', { request: goodRequest() }, {}],
    ['redirect-after-post-307 for a POST answered 303', 'redirect-after-post-307', loginAnswered(303), {}],
    ['redirect-after-post-307 for a POST answered 302', 'redirect-after-post-307', loginAnswered(302), {}],
    [
      'redirect-after-post-307 for a 307 that stays on the same origin',
      'redirect-after-post-307',
      {
        request: goodRequest(),
        hops: [
          { url: LOGIN, method: 'POST', status: 307 },
          { url: CONSENT, method: 'POST', status: 303 },
        ],
        callbacks: [goodCallback()],
      },
      {},
    ],
    [
      'redirect-after-post-307 for a GET answered 307',
      'redirect-after-post-307',
      { request: goodRequest(), hops: [{ url: 'https://as.example.com/resume', status: 307 }], callbacks: [goodCallback()] },
      {},
    ],
  ])('stays silent: %s', (_, id, scenario, settings) => {
    expect(findingIds(runScenario(scenario, settings))).not.toContain(id);
  });

  it('redirect-after-post-307 fires on a POSTed authorization request answered 307 to the client', () => {
    const observations: Observation[] = [
      {
        kind: 'request',
        tabId: 1,
        time: T0,
        url: AS,
        method: 'POST',
        formData: [
          ['client_id', 'c'],
          ['response_type', 'code'],
          ['redirect_uri', REDIRECT],
        ],
      },
      { kind: 'response', tabId: 1, time: T0 + 10, url: AS, status: 307, location: goodCallback() },
      { kind: 'request', tabId: 1, time: T0 + 20, url: goodCallback(), method: 'POST' },
      { kind: 'response', tabId: 1, time: T0 + 30, url: goodCallback(), status: 200 },
    ];
    const [flow] = analyze(ingestAll(observations), SettingsSchema.parse({})).flows;
    expect(flow?.request?.method).toBe('POST');
    expect(findingsOf(flow!, 'redirect-after-post-307').map((finding) => finding.message)).toEqual([
      `The POST to ${AS} was answered 307, so the browser re-POSTs its form to ${REDIRECT}, another origin.`,
    ]);
  });

  it('callback-without-request names the redirect URI, not the code', () => {
    const [finding] = findingsOf(runScenario({ callbacks: [goodCallback()] }, registered), 'callback-without-request');
    expect(finding?.message).toBe(`A callback arrived at ${REDIRECT} with no authorization request seen before it.`);
  });

  it('redirect-after-post-307 names both places without the query that carries the code', () => {
    const [finding] = findingsOf(runScenario(loginAnswered(307)), 'redirect-after-post-307');
    expect(finding?.message).toBe(`The POST to ${LOGIN} was answered 307, so the browser re-POSTs its form to ${REDIRECT}, another origin.`);
    expect(finding?.message).not.toContain(GOOD_CODE);
  });
});
