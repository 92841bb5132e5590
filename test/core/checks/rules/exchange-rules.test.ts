import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../../../src/core/checks/rule-ids';
import { EXCHANGE_RULES } from '../../../../src/core/checks/rules/exchange-rules';
import { redactReport } from '../../../../src/core/report/redact';
import {
  findingIds,
  GOOD_CODE,
  GOOD_VERIFIER,
  goodCallback,
  goodRequest,
  REDIRECT,
  runScenario,
  type Scenario,
  TOKEN_ENDPOINT,
  type TokenRequestStep,
} from '../../../support/scenario';

const EXCHANGE_IDS: RuleId[] = EXCHANGE_RULES.map((rule) => rule.id);

/** A clean flow whose page then makes these token requests. */
const exchanging = (exchanges: readonly TokenRequestStep[], overrides: Partial<Scenario> = {}): Scenario => ({
  request: goodRequest(),
  callbacks: [goodCallback()],
  exchanges,
  ...overrides,
});

const exchangeFindings = (scenario: Scenario, settings = {}) => findingIds(runScenario(scenario, settings)).filter((id) => EXCHANGE_IDS.includes(id));

describe('the code exchange checks', () => {
  it.each<[string, RuleId[], Scenario]>([
    ['a clean exchange', [], exchanging([{}])],
    ['no exchange in sight (a server exchanges the code)', [], exchanging([])],
    ['an exchange 61 s after the code, past the 60 s limit', ['code-exchange-late'], exchanging([{ after: 61_000 }])],
    ['the same code posted twice', ['code-exchanged-twice', 'token-error'], exchanging([{}, { status: 400, oauthError: { error: 'invalid_grant' } }])],
    ['a verifier of another flow', ['pkce-verifier-mismatch'], exchanging([{ form: { code_verifier: 'x'.repeat(43) } }])],
    ['a verifier too short to be one', ['pkce-verifier-malformed'], exchanging([{ form: { code_verifier: 'short' } }])],
    [
      'no verifier where the request sent no challenge',
      [],
      exchanging([{ form: { code_verifier: undefined } }], { request: goodRequest({ code_challenge: undefined, code_challenge_method: undefined }) }),
    ],
    ['another redirect_uri', ['token-redirect-uri-mismatch'], exchanging([{ form: { redirect_uri: `${REDIRECT}/` } }])],
    ['no redirect_uri though the request sent one', ['token-redirect-uri-mismatch'], exchanging([{ form: { redirect_uri: undefined } }])],
    ['client_secret in the body', ['client-secret-in-browser'], exchanging([{ form: { client_secret: 's3cr3t' } }])],
    ['a Basic Authorization header', ['client-secret-in-browser'], exchanging([{ authScheme: 'Basic' }])],
    ['a bearer DPoP-style header is no secret', [], exchanging([{ authScheme: 'DPoP' }])],
    ['an error answer', ['token-error'], exchanging([{ status: 400, oauthError: { error: 'invalid_grant', description: 'code expired' } }])],
    ['no answer at all', ['token-error'], exchanging([{ status: 0 }])],
  ])('%s gives %j', (_name, expected, scenario) => {
    expect(exchangeFindings(scenario, { redirectUris: [{ uri: REDIRECT, profile: 'akahu' }] }).sort()).toEqual([...expected].sort());
  });

  it('ties the exchange to the flow whose callback carried its code, and records the answer', () => {
    const flow = runScenario(exchanging([{ status: 200 }]));
    expect(flow.exchanges).toEqual([
      expect.objectContaining({ url: TOKEN_ENDPOINT, code: GOOD_CODE, codeVerifier: GOOD_VERIFIER, redirectUri: REDIRECT, clientSecret: false, status: 200 }),
    ]);
    expect(flow.hops.map((hop) => hop.url)).not.toContain(TOKEN_ENDPOINT);
  });

  it('says how late and against which lifetime', () => {
    const flow = runScenario(exchanging([{ after: 61_000 }]), { redirectUris: [{ uri: REDIRECT, profile: 'akahu' }] });
    expect(flow.findings.find((finding) => finding.id === 'code-exchange-late')?.message).toBe(
      'The code was posted to the token endpoint 61.0 s after it arrived; Akahu codes live 60 s.',
    );
  });

  it('names the error the token endpoint gave', () => {
    const flow = runScenario(exchanging([{ status: 400, oauthError: { error: 'invalid_grant', description: 'code expired' } }]));
    expect(flow.findings.find((finding) => finding.id === 'token-error')?.message).toBe(
      'The token request got HTTP 400 with error "invalid_grant" ("code expired").',
    );
  });

  it('keeps no code or verifier of an exchange in a redacted report', () => {
    const text = JSON.stringify(
      redactReport({ flows: [runScenario(exchanging([{}]))], summary: { flows: 1, findings: { error: 0, warning: 0, info: 0 } }, redacted: false }),
    );
    expect(text).not.toContain(GOOD_CODE);
    expect(text).not.toContain(GOOD_VERIFIER);
  });
});
