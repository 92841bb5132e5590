import { describe, expect, it } from 'vitest';
import type { RuleId, Severity } from '../../../../src/core/checks/rule-ids';
import type { FlowReport } from '../../../../src/core/report/report-schema';
import type { SettingsInput } from '../../../../src/core/settings/settings-schema';
import { unsignedJwt } from '../../../support/jwt';
import {
  findingIds,
  GOOD_CODE,
  GOOD_STATE,
  goodCallback,
  goodRequest,
  REDIRECT,
  runScenario,
  runScenarios,
  url,
  type Scenario,
} from '../../../support/scenario';

const findingsOf = (flow: FlowReport, id: RuleId) => flow.findings.filter((finding) => finding.id === id);
const clean: Scenario = { request: goodRequest(), callbacks: [goodCallback()] };
const inFragment = (params: Record<string, string>) => url(REDIRECT, {}, params);
const ACCESS_TOKEN = 'at-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const REFRESH_TOKEN = 'rt-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const ID_TOKEN = unsignedJwt({ iss: 'https://as.example.com', nonce: 'n-0S6_WzA2Mj' });

describe('code rules', () => {
  it.each<[string, RuleId, Scenario, Severity]>([
    [
      'code in the fragment of a response_type=code flow',
      'code-in-fragment',
      { request: goodRequest(), callbacks: [inFragment({ code: GOOD_CODE, state: GOOD_STATE })] },
      'warning',
    ],
    [
      'code in the fragment despite response_mode=query',
      'code-in-fragment',
      { request: goodRequest({ response_mode: 'query' }), callbacks: [inFragment({ code: GOOD_CODE, state: GOOD_STATE })] },
      'warning',
    ],
    [
      'an access_token in the fragment',
      'token-in-url',
      { request: goodRequest({ response_type: 'token' }), callbacks: [inFragment({ access_token: ACCESS_TOKEN, token_type: 'Bearer', state: GOOD_STATE })] },
      'error',
    ],
    ['a refresh_token in the query', 'token-in-url', { request: goodRequest(), callbacks: [goodCallback({ refresh_token: REFRESH_TOKEN })] }, 'error'],
    [
      'an access_token the client put in its authorization request',
      'token-in-url',
      { request: goodRequest({ access_token: ACCESS_TOKEN }), callbacks: [goodCallback()] },
      'error',
    ],
    [
      'an id_token in the fragment',
      'token-in-url',
      { request: goodRequest({ response_type: 'code id_token' }), callbacks: [inFragment({ code: GOOD_CODE, id_token: ID_TOKEN, state: GOOD_STATE })] },
      'warning',
    ],
    ['the same callback twice', 'code-replayed', { request: goodRequest(), callbacks: [goodCallback(), goodCallback()] }, 'error'],
    ['a numeric code', 'code-low-entropy', { request: goodRequest(), callbacks: [goodCallback({ code: '1234567890' })] }, 'warning'],
    [
      "Akoya's documented example code (25 base32 characters, 125 bits)",
      'code-low-entropy',
      { request: goodRequest(), callbacks: [goodCallback({ code: 'fogeqqbz2xi23hvgvlu4ka2kq' })] },
      'warning',
    ],
  ])('fires on %s', (_, id, scenario, severity) => {
    expect(findingsOf(runScenario(scenario), id).map((finding) => finding.severity)).toEqual([severity]);
  });

  it.each<RuleId>(['code-in-fragment', 'token-in-url', 'code-replayed', 'code-low-entropy'])('%s stays silent on a clean flow', (id) => {
    expect(findingIds(runScenario(clean))).not.toContain(id);
  });

  it.each<[string, RuleId, Scenario]>([
    [
      'code-in-fragment when response_mode=fragment asked for it',
      'code-in-fragment',
      { request: goodRequest({ response_mode: 'fragment' }), callbacks: [inFragment({ code: GOOD_CODE, state: GOOD_STATE })] },
    ],
    [
      'code-in-fragment for a hybrid response type',
      'code-in-fragment',
      { request: goodRequest({ response_type: 'code id_token' }), callbacks: [inFragment({ code: GOOD_CODE, id_token: ID_TOKEN, state: GOOD_STATE })] },
    ],
    [
      'code-in-fragment for a PAR request, whose response type is not visible',
      'code-in-fragment',
      {
        request: url('https://as.example.com/authorize', { client_id: 'demo-client', request_uri: 'urn:ietf:params:oauth:request_uri:abc' }),
        callbacks: [inFragment({ code: GOOD_CODE, state: GOOD_STATE })],
      },
    ],
    [
      'token-in-url for an id_token POSTed with form_post',
      'token-in-url',
      {
        request: goodRequest({ response_type: 'code id_token', response_mode: 'form_post' }),
        callbacks: [REDIRECT],
        callbackForm: [
          ['code', GOOD_CODE],
          ['id_token', ID_TOKEN],
          ['state', GOOD_STATE],
        ],
      },
    ],
    [
      'code-low-entropy for a UUID (128 bits exactly)',
      'code-low-entropy',
      { request: goodRequest(), callbacks: [goodCallback({ code: 'f47ac10b-58cc-4372-a567-0e02b2c3d479' })] },
    ],
  ])('stays silent: %s', (_, id, scenario) => {
    expect(findingIds(runScenario(scenario))).not.toContain(id);
  });

  it('code-in-fragment names the response mode the request asked for', () => {
    const flow = runScenario({ request: goodRequest({ response_mode: 'query' }), callbacks: [inFragment({ code: GOOD_CODE, state: GOOD_STATE })] });
    expect(findingsOf(flow, 'code-in-fragment')[0]?.message).toContain('response_mode=query');
  });

  it('token-in-url reports each token once, without its value', () => {
    const callback = inFragment({ access_token: ACCESS_TOKEN, refresh_token: REFRESH_TOKEN, id_token: ID_TOKEN, state: GOOD_STATE });
    const flow = runScenario({ request: goodRequest({ response_type: 'id_token token' }), callbacks: [callback, callback] });
    const findings = findingsOf(flow, 'token-in-url');
    expect(findings.map((finding) => [finding.evidence?.param, finding.severity])).toEqual([
      ['access_token', 'error'],
      ['refresh_token', 'error'],
      ['id_token', 'warning'],
    ]);
    for (const finding of findings) {
      expect(finding.message).not.toContain(ACCESS_TOKEN);
      expect(finding.message).not.toContain(REFRESH_TOKEN);
      expect(finding.message).not.toContain(ID_TOKEN);
    }
  });

  it('code-replayed keeps the code out of the message and in the evidence', () => {
    const [finding] = findingsOf(runScenario({ request: goodRequest(), callbacks: [goodCallback(), goodCallback(), goodCallback()] }), 'code-replayed');
    expect(finding?.message).toBe('The same authorization code arrived 3 times at the redirect URI in this flow.');
    expect(finding?.message).not.toContain(GOOD_CODE);
    expect(finding?.evidence).toEqual({ param: 'code', value: GOOD_CODE });
  });

  it.each<[string, Scenario, SettingsInput]>([
    [
      'in the same tab with another state',
      { request: goodRequest({ state: 'Other-State-7Hk2Lm9Pq4Rs8Tv1Wx5Yz3' }), callbacks: [goodCallback({ state: 'Other-State-7Hk2Lm9Pq4Rs8Tv1Wx5Yz3' })] },
      {},
    ],
    ['in another tab', { ...clean, tabId: 2 }, {}],
  ])('code-replayed fires on the later flow only when an earlier flow received the code (%s)', (_, later) => {
    const report = runScenarios([clean, later]);
    expect(report.flows.map((flow) => findingIds(flow).includes('code-replayed'))).toEqual([false, true]);
    expect(findingsOf(report.flows[1]!, 'code-replayed')[0]?.message).toBe(`The same authorization code had already arrived in ${report.flows[0]?.id}.`);
  });

  it('code-replayed stays silent for two flows with different codes', () => {
    const later = {
      request: goodRequest({ state: 'Other-State-7Hk2Lm9Pq4Rs8Tv1Wx5Yz3' }),
      callbacks: [goodCallback({ state: 'Other-State-7Hk2Lm9Pq4Rs8Tv1Wx5Yz3', code: 'AnotherCode-kLm9pQ2vN7wXSplxlOBeZQQYbYS6W' })],
    };
    expect(runScenarios([clean, later]).flows.flatMap(findingIds)).not.toContain('code-replayed');
  });

  it('code-low-entropy reports the estimate, not the code', () => {
    const [finding] = findingsOf(runScenario({ request: goodRequest(), callbacks: [goodCallback({ code: '1234567890' })] }), 'code-low-entropy');
    expect(finding?.message).toBe('The code holds at most about 33 bits of entropy (under 128).');
    expect(finding?.evidence).toEqual({ param: 'code', value: '1234567890' });
  });
});
