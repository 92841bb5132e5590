import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../../../src/core/checks/rule-ids';
import { unsignedJwt } from '../../../support/jwt';
import { AS, findingIds, goodCallback, goodRequest, REDIRECT, runScenario, runScenarios, T0, url } from '../../../support/scenario';

const FAPI2 = { redirectUris: [{ uri: REDIRECT, profile: 'fapi2' as const }] };
const REQUEST_URI = 'urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c';
const parRequest = (extra: Record<string, string> = {}) => url(AS, { client_id: 'demo-client', request_uri: REQUEST_URI, ...extra });

describe('FAPI 2.0: PAR required', () => {
  it.each<[string, string, RuleId[]]>([
    ['a request with its parameters in the URL', goodRequest(), ['par-required']],
    ['a pushed request: client_id and request_uri only', parRequest(), []],
  ])('%s gives %j', (_name, request, expected) => {
    const ids = findingIds(runScenario({ request, callbacks: [goodCallback({ iss: undefined })] }, FAPI2));
    expect(ids.filter((id) => id === 'par-required')).toEqual(expected);
  });

  it('makes parameters beside request_uri an error, not a warning', () => {
    const flow = runScenario({ request: parRequest({ scope: 'openid' }), callbacks: [goodCallback()] }, FAPI2);
    expect(flow.findings.find((finding) => finding.id === 'par-extra-params')?.severity).toBe('error');
    const generic = runScenario({ request: parRequest({ scope: 'openid' }), callbacks: [goodCallback()] });
    expect(generic.findings.find((finding) => finding.id === 'par-extra-params')?.severity).toBe('warning');
  });

  it('stays silent in profiles that do not require PAR', () => {
    expect(findingIds(runScenario({ request: goodRequest(), callbacks: [goodCallback()] }))).not.toContain('par-required');
  });

  it('asks for iss and 60-second codes', () => {
    const flow = runScenario({ request: parRequest(), callbacks: [goodCallback()] }, FAPI2);
    expect(flow.profile.values).toMatchObject({ sendsIss: true, codeLifetimeSeconds: 60, requirePar: true, allowedResponseTypes: ['code'] });
    expect(findingIds(flow)).toContain('iss-missing');
  });
});

describe('par-request-uri-reused', () => {
  it('fires on both flows that sent the same request_uri, and not on a fresh one', () => {
    const report = runScenarios([
      { request: parRequest(), callbacks: [goodCallback()] },
      { request: parRequest(), callbacks: [goodCallback({ code: 'Other-code-9Lk2Pz7Rt5Wm8Nb4Hc6Jd1Fg0Ys2' })] },
      {
        request: url(AS, { client_id: 'demo-client', request_uri: `${REQUEST_URI}-2` }),
        callbacks: [goodCallback({ code: 'Third-code-9Lk2Pz7Rt5Wm8Nb4Hc6Jd1Fg0Ys2' })],
      },
    ]);
    expect(report.flows.map((flow) => flow.findings.some((finding) => finding.id === 'par-request-uri-reused'))).toEqual([true, true, false]);
    expect(report.flows[0]!.findings.find((finding) => finding.id === 'par-request-uri-reused')?.message).toBe(
      'The same request_uri started 2 flows (flow-1, flow-2).',
    );
  });
});

describe('id-token-clock-skew', () => {
  const withToken = (claims: Record<string, unknown>) =>
    findingIds(
      runScenario({
        request: goodRequest({ response_type: 'code id_token' }),
        callbacks: [goodCallback({ id_token: unsignedJwt({ nonce: 'n-0S6_WzA2Mj', ...claims }) })],
      }),
    );

  it.each<[string, Record<string, unknown>, boolean]>([
    ['iat at the moment it arrived', { iat: Math.floor(T0 / 1000), exp: T0 / 1000 + 600 }, false],
    ['iat 30 s ahead (within a minute)', { iat: T0 / 1000 + 30, exp: T0 / 1000 + 600 }, false],
    ['iat 5 minutes ahead of the browser', { iat: T0 / 1000 + 300, exp: T0 / 1000 + 900 }, true],
    ['exp before iat', { iat: T0 / 1000, exp: T0 / 1000 - 1 }, true],
    ['no iat at all', { exp: T0 / 1000 + 600 }, false],
  ])('%s: fires %s', (_name, claims, fires) => {
    expect(withToken(claims).includes('id-token-clock-skew')).toBe(fires);
  });
});
