import { describe, expect, it } from 'vitest';
import type { RuleId, Severity } from '../../../../src/core/checks/rule-ids';
import type { FlowReport } from '../../../../src/core/report/report-schema';
import { base64url, unsignedJwt } from '../../../support/jwt';
import { findingIds, GOOD_CODE, GOOD_STATE, goodCallback, goodRequest, REDIRECT, runScenario, url, type Scenario } from '../../../support/scenario';

const findingsOf = (flow: FlowReport, id: RuleId) => flow.findings.filter((finding) => finding.id === id);
/** The nonce goodRequest sends. */
const NONCE = 'n-0S6_WzA2Mj';
const claims = { iss: 'https://as.example.com', sub: '248289761001', aud: 'demo-client', iat: 1_700_000_000, exp: 1_700_000_300 };
/** A hybrid flow (response_type=code id_token) whose id_token comes back in the fragment. */
const hybrid = (idToken: string, request = goodRequest({ response_type: 'code id_token' })): Scenario => ({
  request,
  callbacks: [url(REDIRECT, {}, { code: GOOD_CODE, id_token: idToken, state: GOOD_STATE })],
});
const clean = hybrid(unsignedJwt({ ...claims, nonce: NONCE }));

describe('id_token rules', () => {
  it.each<[string, RuleId, Scenario, Severity]>([
    ['an id_token that is not a JWT', 'id-token-malformed', hybrid('not-a-jwt'), 'error'],
    ['an encrypted id_token (JWE)', 'id-token-malformed', hybrid('eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d'), 'error'],
    ['an id_token whose payload is not JSON', 'id-token-malformed', hybrid(`${base64url('{"alg":"none"}')}.${base64url('nonce')}.`), 'error'],
    ['an id_token with another nonce', 'id-token-nonce-mismatch', hybrid(unsignedJwt({ ...claims, nonce: 'n-attacker' })), 'error'],
    ['an id_token without a nonce claim', 'id-token-nonce-mismatch', hybrid(unsignedJwt(claims)), 'error'],
    ['an id_token whose nonce is not a string', 'id-token-nonce-mismatch', hybrid(unsignedJwt({ ...claims, nonce: 42 })), 'error'],
  ])('fires on %s', (_, id, scenario, severity) => {
    expect(findingsOf(runScenario(scenario), id).map((finding) => finding.severity)).toEqual([severity]);
  });

  it.each<RuleId>(['id-token-malformed', 'id-token-nonce-mismatch'])('%s stays silent on a clean flow', (id) => {
    expect(findingIds(runScenario(clean))).not.toContain(id);
    expect(findingIds(runScenario({ request: goodRequest(), callbacks: [goodCallback()] }))).not.toContain(id);
  });

  it.each<[string, RuleId, Scenario]>([
    [
      'id-token-nonce-mismatch when the request sent no nonce',
      'id-token-nonce-mismatch',
      hybrid(unsignedJwt({ ...claims, nonce: 'whatever' }), goodRequest({ response_type: 'code id_token', nonce: undefined })),
    ],
    ['id-token-nonce-mismatch for an id_token that does not decode (id-token-malformed reports it)', 'id-token-nonce-mismatch', hybrid('not-a-jwt')],
    [
      'id-token-malformed for an id_token POSTed with form_post that decodes',
      'id-token-malformed',
      {
        request: goodRequest({ response_type: 'code id_token', response_mode: 'form_post' }),
        callbacks: [REDIRECT],
        callbackForm: [
          ['code', GOOD_CODE],
          ['id_token', unsignedJwt({ ...claims, nonce: NONCE })],
          ['state', GOOD_STATE],
        ],
      },
    ],
  ])('stays silent: %s', (_, id, scenario) => {
    expect(findingIds(runScenario(scenario))).not.toContain(id);
  });

  it("id-token-malformed carries decodeJwt's message", () => {
    const [finding] = findingsOf(runScenario(hybrid('not-a-jwt')), 'id-token-malformed');
    expect(finding?.message).toBe('Malformed JWT: a JWT has 3 dot-separated parts; this one has 1.');
    expect(finding?.evidence).toEqual({ param: 'id_token' });
  });

  it('id-token-malformed also reads a form_post id_token', () => {
    const flow = runScenario({
      request: goodRequest({ response_type: 'code id_token', response_mode: 'form_post' }),
      callbacks: [REDIRECT],
      callbackForm: [
        ['code', GOOD_CODE],
        ['id_token', 'a.b'],
        ['state', GOOD_STATE],
      ],
    });
    expect(findingIds(flow)).toContain('id-token-malformed');
  });

  it.each<[string, Scenario, string]>([
    [
      'a different nonce',
      hybrid(unsignedJwt({ ...claims, nonce: 'n-attacker' })),
      `The id_token nonce "n-attacker" is not the nonce the request sent ("${NONCE}").`,
    ],
    ['no nonce', hybrid(unsignedJwt(claims)), 'The id_token carries no nonce claim, but the request sent a nonce.'],
    ['a numeric nonce', hybrid(unsignedJwt({ ...claims, nonce: 42 })), 'The id_token nonce claim is a number, not the string the request sent.'],
  ])('id-token-nonce-mismatch explains %s', (_, scenario, message) => {
    expect(findingsOf(runScenario(scenario), 'id-token-nonce-mismatch')[0]?.message).toBe(message);
  });
});
