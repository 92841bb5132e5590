import { describe, expect, it } from 'vitest';
import { indexFlows, viewFlow } from '../../../../src/core/checks/flow-view';
import type { RuleId } from '../../../../src/core/checks/rule-ids';
import { responseTypeInvalid } from '../../../../src/core/checks/rules/response-type-rules';
import type { Flow } from '../../../../src/core/flows/flow-schema';
import { urlParams } from '../../../../src/core/params/decode-params';
import { resolveProfile } from '../../../../src/core/profiles/resolve-profile';
import type { FlowReport } from '../../../../src/core/report/report-schema';
import { DEFAULT_SETTINGS, type SettingsInput } from '../../../../src/core/settings/settings-schema';
import { findingIds, goodCallback, goodRequest, runScenario } from '../../../support/scenario';

const finding = (flow: FlowReport, id: RuleId) => flow.findings.find((f) => f.id === id);

/** A clean flow asking for `responseType`. */
const asking = (responseType: string | undefined, settings: SettingsInput = {}) =>
  runScenario({ request: goodRequest({ response_type: responseType }), callbacks: [goodCallback()] }, settings);

describe('response type rules', () => {
  it.each([
    ['response-type-invalid', 'code token_x', {}],
    ['response-type-implicit', 'token', {}],
    ['response-type-unsupported', 'code id_token', { forceProfile: 'akoya' }],
  ] as const)('%s fires', (id, responseType, settings) => {
    expect(findingIds(asking(responseType, settings))).toContain(id);
  });

  it.each(['response-type-invalid', 'response-type-implicit', 'response-type-unsupported'] as const)('%s stays silent on a clean flow', (id) => {
    expect(findingIds(asking('code', { forceProfile: 'akoya' }))).not.toContain(id);
    expect(findingIds(asking('code'))).not.toContain(id);
  });

  describe('response-type-invalid', () => {
    it.each([
      ['', 'The response_type is empty.'],
      ['code,id_token', 'The response_type has the unknown value "code,id_token".'],
      ['code token_x device', 'The response_type has the unknown values "token_x" and "device".'],
      ['code code', 'The response_type repeats "code".'],
      ['none code', 'The response_type combines "none" with other values.'],
      ['Code', 'The response_type has the unknown value "Code".'],
    ])('%j: %s', (responseType, message) => {
      expect(finding(asking(responseType), 'response-type-invalid')?.message).toBe(message);
    });

    it.each(['code', 'id_token code', 'code id_token token', 'none', 'token'])('accepts %j', (responseType) => {
      expect(findingIds(asking(responseType))).not.toContain('response-type-invalid');
    });

    it('accepts a PAR request without response_type', () => {
      const par = 'https://as.example.com/authorize?client_id=demo&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc';
      expect(findingIds(runScenario({ request: par, callbacks: [goodCallback()] }))).not.toContain('response-type-invalid');
    });

    // Correlation only starts a flow at a request with response_type or request_uri, so this view is built by hand.
    it('fires on a request with neither response_type nor request_uri', () => {
      const url = 'https://as.example.com/authorize?client_id=demo&scope=openid';
      const flow: Flow = {
        id: 'flow-1',
        tabId: 1,
        context: { kind: 'tab' },
        startedAt: 0,
        updatedAt: 0,
        request: { time: 0, url, method: 'GET', params: urlParams(url) },
        hops: [],
        hopsDropped: 0,
        callbacks: [],
      };
      const view = viewFlow(flow, resolveProfile(flow, DEFAULT_SETTINGS));
      expect(responseTypeInvalid.check(view, { flows: [view], index: indexFlows([view]), settings: DEFAULT_SETTINGS })).toEqual([
        { message: 'The authorization request carries no response_type.' },
      ]);
    });
  });

  describe('response-type-implicit', () => {
    it.each([
      ['token', true],
      ['id_token token', true],
      ['code token', true],
      ['code id_token', false],
      ['id_token', false],
    ])('%j: fires %s', (responseType, fires) => {
      const hit = finding(asking(responseType), 'response-type-implicit');
      expect(hit !== undefined).toBe(fires);
      if (hit) expect(hit.severity).toBe('warning');
    });
  });

  describe('response-type-unsupported', () => {
    it('names what the profile accepts', () => {
      expect(finding(asking('code id_token', { forceProfile: 'akahu' }), 'response-type-unsupported')?.message).toBe(
        'Akahu accepts response_type "code"; this request sends "code id_token".',
      );
    });

    it('compares as a set of values, in any order', () => {
      const settings: SettingsInput = { forceProfile: 'oidc', profileOverrides: { oidc: { allowedResponseTypes: ['code', 'code id_token'] } } };
      expect(findingIds(asking('id_token code', settings))).not.toContain('response-type-unsupported');
      expect(findingIds(asking('id_token', settings))).toContain('response-type-unsupported');
    });

    it('stays silent for a profile that accepts any response type', () => {
      expect(findingIds(asking('code id_token token'))).not.toContain('response-type-unsupported');
    });

    it('leaves an empty response_type to response-type-invalid', () => {
      expect(findingIds(asking('', { forceProfile: 'akoya' }))).not.toContain('response-type-unsupported');
    });
  });
});
