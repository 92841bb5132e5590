import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../../../src/core/checks/rule-ids';
import { JARM_RULES } from '../../../../src/core/checks/rules/jarm-rules';
import { unsignedJwt } from '../../../support/jwt';
import { GOOD_CODE, GOOD_STATE, goodRequest, REDIRECT, runScenario, T0, url } from '../../../support/scenario';

const ISSUER = 'https://as.example.com';
const SIGNED = { alg: 'PS256', kid: 'k1' };
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  aud: 'demo-client',
  exp: T0 / 1000 + 600,
  code: GOOD_CODE,
  state: GOOD_STATE,
  ...extra,
});
const jarmCallback = (jwt: string, plain: Record<string, string> = {}) => url(REDIRECT, { response: jwt, ...plain });
const JARM_IDS: RuleId[] = JARM_RULES.map((rule) => rule.id);

function analyse(callback: string) {
  return runScenario(
    { request: goodRequest({ response_mode: 'jwt' }), callbacks: [callback] },
    { redirectUris: [{ uri: REDIRECT, overrides: { issuer: ISSUER } }] },
  );
}
const jarmFindings = (callback: string) =>
  analyse(callback)
    .findings.map((finding) => finding.id)
    .filter((id) => JARM_IDS.includes(id));

describe('JARM responses', () => {
  it.each<[string, string, RuleId[]]>([
    ['a signed response for this client', jarmCallback(unsignedJwt(claims(), SIGNED)), []],
    ['alg none', jarmCallback(unsignedJwt(claims())), ['jarm-alg-none']],
    ['no iss', jarmCallback(unsignedJwt(claims({ iss: undefined }), SIGNED)), ['jarm-iss-missing']],
    ['another issuer', jarmCallback(unsignedJwt(claims({ iss: 'https://evil.example' }), SIGNED)), ['jarm-iss-missing']],
    ['for another client', jarmCallback(unsignedJwt(claims({ aud: 'other-client' }), SIGNED)), ['jarm-aud-mismatch']],
    ['aud as a list naming this client', jarmCallback(unsignedJwt(claims({ aud: ['x', 'demo-client'] }), SIGNED)), []],
    ['expired before it arrived', jarmCallback(unsignedJwt(claims({ exp: T0 / 1000 - 60 }), SIGNED)), ['jarm-expired']],
    ['a plain code beside it', jarmCallback(unsignedJwt(claims(), SIGNED), { code: GOOD_CODE }), ['jarm-plain-params']],
    ['not a JWT', jarmCallback('not-a-jwt'), ['jarm-unreadable']],
  ])('%s gives %j', (_name, callback, expected) => {
    expect(jarmFindings(callback)).toEqual(expected);
  });

  it('is read as the response inside: a success with its code and state, checked against the request', () => {
    const flow = analyse(jarmCallback(unsignedJwt(claims({ state: 'Tampered-9Lk2Pz7Rt5Wm8Nb4Hc6Jd1Fg0Ys2' }), SIGNED)));
    expect(flow.outcome).toBe('success');
    expect(flow.callbacks[0]?.fields).toMatchObject({ code: GOOD_CODE, iss: ISSUER });
    expect(flow.findings.map((finding) => finding.id)).toContain('state-mismatch');
  });

  it('says an encrypted response cannot be checked, as information', () => {
    const flow = analyse(jarmCallback('eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d'));
    expect(flow.findings.find((finding) => finding.id === 'jarm-unreadable')?.severity).toBe('info');
  });
});
