import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../../../src/core/checks/rule-ids';
import type { FlowReport } from '../../../../src/core/report/report-schema';
import { AS, findingIds, GOOD_STATE, goodCallback, goodRequest, runScenario } from '../../../support/scenario';

const finding = (flow: FlowReport, id: RuleId) => flow.findings.find((f) => f.id === id);
const hits = (flow: FlowReport, id: RuleId) => flow.findings.filter((f) => f.id === id);

const PAR_BASE = 'https://as.example.com/authorize?client_id=demo&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc';

/** The clean request, sent to another authorization endpoint. */
const requestAt = (endpoint: string) => goodRequest().replace(AS, endpoint);

describe('request rules', () => {
  it.each([
    ['authz-endpoint-not-https', { request: requestAt('http://as.example.com/authorize'), callbacks: [goodCallback()] }],
    ['duplicate-param', { request: `${goodRequest()}&scope=email`, callbacks: [goodCallback()] }],
    ['empty-param', { request: goodRequest({ prompt: '' }), callbacks: [goodCallback()] }],
    ['par-extra-params', { request: `${PAR_BASE}&scope=openid`, callbacks: [goodCallback()] }],
  ] as const)('%s fires', (id, scenario) => {
    expect(findingIds(runScenario(scenario))).toContain(id);
  });

  it.each(['authz-endpoint-not-https', 'duplicate-param', 'empty-param', 'par-extra-params'] as const)('%s stays silent on a clean flow', (id) => {
    expect(findingIds(runScenario({ request: goodRequest(), callbacks: [goodCallback()] }))).not.toContain(id);
  });

  describe('authz-endpoint-not-https', () => {
    it.each([
      ['http://as.example.com/authorize', 'error'],
      ['http://localhost:9000/authorize', 'warning'],
      ['http://auth.localhost/authorize', 'warning'],
      ['http://127.0.0.1:9000/authorize', undefined],
      ['http://[::1]:9000/authorize', undefined],
      ['https://localhost:9000/authorize', undefined],
    ])('%s: %s', (endpoint, severity) => {
      const flow = runScenario({ request: requestAt(endpoint), callbacks: [goodCallback()] });
      expect(finding(flow, 'authz-endpoint-not-https')?.severity).toBe(severity);
    });

    it('names the endpoint without its query', () => {
      const flow = runScenario({ request: requestAt('http://as.example.com/authorize'), callbacks: [goodCallback()] });
      expect(finding(flow, 'authz-endpoint-not-https')?.message).toBe('The authorization request went to http://as.example.com/authorize over plain http.');
    });
  });

  describe('duplicate-param', () => {
    it('reports each repeated name once, with where and how often', () => {
      const flow = runScenario({
        request: `${goodRequest()}&scope=email&scope=phone&state=again`,
        callbacks: [`${goodCallback()}&state=${GOOD_STATE}`],
      });
      expect(hits(flow, 'duplicate-param').map((hit) => hit.message)).toEqual([
        '"scope" appears 3 times in the authorization request.',
        '"state" appears 2 times in the authorization request.',
        '"state" appears 2 times in the callback.',
      ]);
      expect(hits(flow, 'duplicate-param').map((hit) => hit.evidence)).toEqual([{ param: 'scope' }, { param: 'state' }, { param: 'state' }]);
    });

    it('counts a parameter repeated across query and fragment', () => {
      const flow = runScenario({ request: goodRequest(), callbacks: [`${goodCallback()}#state=${GOOD_STATE}`] });
      expect(finding(flow, 'duplicate-param')?.message).toBe('"state" appears 2 times in the callback.');
    });

    it("reports a replayed callback's repeats once", () => {
      const callback = `${goodCallback()}&iss=https%3A%2F%2Fas.example.com&iss=https%3A%2F%2Fas.example.com`;
      const flow = runScenario({ request: goodRequest(), callbacks: [callback, callback] });
      expect(flow.callbacks).toHaveLength(2);
      expect(hits(flow, 'duplicate-param')).toHaveLength(1);
    });

    it('allows several resource indicators (RFC 8707)', () => {
      const request = `${goodRequest()}&resource=https%3A%2F%2Fapi.example.com&resource=https%3A%2F%2Ffiles.example.com`;
      expect(findingIds(runScenario({ request, callbacks: [goodCallback()] }))).not.toContain('duplicate-param');
    });
  });

  describe('empty-param', () => {
    it('reports empty parameters in the request and in the callback, one hit each', () => {
      const flow = runScenario({ request: `${goodRequest({ prompt: '', login_hint: '' })}&ui_locales`, callbacks: [`${goodCallback()}&iss=`] });
      expect(hits(flow, 'empty-param').map((hit) => hit.message)).toEqual([
        '"prompt" has an empty value in the authorization request, so it counts as absent.',
        '"login_hint" has an empty value in the authorization request, so it counts as absent.',
        '"ui_locales" has an empty value in the authorization request, so it counts as absent.',
        '"iss" has an empty value in the callback, so it counts as absent.',
      ]);
      expect(hits(flow, 'empty-param').every((hit) => hit.severity === 'warning')).toBe(true);
    });

    it('ignores a value of one space, which is not empty', () => {
      expect(findingIds(runScenario({ request: goodRequest({ prompt: ' ' }), callbacks: [goodCallback()] }))).not.toContain('empty-param');
    });
  });

  describe('par-extra-params', () => {
    it('lists the extra names once each', () => {
      const flow = runScenario({ request: `${PAR_BASE}&scope=openid&state=${GOOD_STATE}&scope=email`, callbacks: [goodCallback()] });
      expect(finding(flow, 'par-extra-params')?.message).toBe(
        'Besides client_id and request_uri, the request also sends "scope" and "state", which the server ignores.',
      );
    });

    it.each([
      ['a PAR request with client_id and request_uri only', PAR_BASE],
      ['a request without request_uri', goodRequest()],
    ])('stays silent for %s', (_, request) => {
      expect(findingIds(runScenario({ request, callbacks: [goodCallback()] }))).not.toContain('par-extra-params');
    });
  });
});
