import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../../../src/core/checks/rule-ids';
import type { FlowReport } from '../../../../src/core/report/report-schema';
import { findingIds, GOOD_CHALLENGE, goodCallback, goodRequest, runScenario } from '../../../support/scenario';

const finding = (flow: FlowReport, id: RuleId) => flow.findings.find((f) => f.id === id);

/** A clean flow with these request parameters changed. */
const requesting = (overrides: Record<string, string | undefined>) => runScenario({ request: goodRequest(overrides), callbacks: [goodCallback()] });

const NO_PKCE = { code_challenge: undefined, code_challenge_method: undefined };
const PAR = 'https://as.example.com/authorize?client_id=demo&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc';
/** A valid code_verifier, usable as a plain challenge: 43 unreserved characters. */
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

describe('PKCE and nonce rules', () => {
  it.each([
    ['pkce-missing', NO_PKCE],
    ['pkce-plain', { code_challenge: VERIFIER, code_challenge_method: 'plain' }],
    ['pkce-challenge-malformed', { code_challenge: 'too-short' }],
    ['nonce-missing', { nonce: undefined, response_type: 'code id_token' }],
  ] as const)('%s fires', (id, overrides) => {
    expect(findingIds(requesting(overrides))).toContain(id);
  });

  it.each(['pkce-missing', 'pkce-plain', 'pkce-challenge-malformed', 'nonce-missing'] as const)('%s stays silent on a clean flow', (id) => {
    expect(findingIds(requesting({}))).not.toContain(id);
  });

  it.each(['pkce-missing', 'pkce-plain', 'pkce-challenge-malformed', 'nonce-missing'] as const)('%s stays silent for a PAR request', (id) => {
    expect(findingIds(runScenario({ request: PAR, callbacks: [goodCallback()] }))).not.toContain(id);
  });

  describe('pkce-missing', () => {
    it.each([
      ['code', NO_PKCE, true],
      ['code id_token', NO_PKCE, true],
      ['code', { code_challenge: '', code_challenge_method: 'S256' }, true],
      ['code', { code_challenge_method: 'S256', code_challenge: undefined }, true],
      ['token', NO_PKCE, false],
      ['id_token', NO_PKCE, false],
    ] as const)('response_type %j with %j: fires %s', (responseType, overrides, fires) => {
      const hit = finding(requesting({ response_type: responseType, ...overrides }), 'pkce-missing');
      expect(hit !== undefined).toBe(fires);
      if (hit) expect(hit.severity).toBe('warning');
    });
  });

  describe('pkce-plain', () => {
    it.each([
      [{ code_challenge: VERIFIER, code_challenge_method: 'plain' }, 'The request sends code_challenge_method=plain.'],
      [
        { code_challenge: VERIFIER, code_challenge_method: undefined },
        'The request sends no code_challenge_method, so the server treats the challenge as plain; the challenge looks like an S256 hash, so code_challenge_method=S256 is probably missing.',
      ],
      [
        { code_challenge: `${VERIFIER}.~more`, code_challenge_method: '' },
        'The request sends no code_challenge_method, so the server treats the challenge as plain.',
      ],
    ])('%j', (overrides, message) => {
      const hit = finding(requesting(overrides), 'pkce-plain');
      expect(hit?.message).toBe(message);
      expect(hit?.severity).toBe('warning');
    });

    it('stays silent for S256 and for an unknown method', () => {
      expect(findingIds(requesting({ code_challenge_method: 'S256' }))).not.toContain('pkce-plain');
      expect(findingIds(requesting({ code_challenge_method: 'SHA256' }))).not.toContain('pkce-plain');
    });
  });

  describe('pkce-challenge-malformed', () => {
    it.each([
      [{ code_challenge: GOOD_CHALLENGE.slice(1) }, 'The S256 code_challenge is 42 characters; it must be 43 base64url characters.'],
      [
        { code_challenge: `${GOOD_CHALLENGE}=` },
        'The S256 code_challenge is 44 characters and uses "+", "/" or "=" (base64, not base64url); it must be 43 base64url characters.',
      ],
      [
        { code_challenge: GOOD_CHALLENGE.replace('-', '+') },
        'The S256 code_challenge is 43 characters and uses "+", "/" or "=" (base64, not base64url); it must be 43 base64url characters.',
      ],
      [
        { code_challenge: 'short', code_challenge_method: 'plain' },
        'The plain code_challenge is 5 characters; it must be 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_" and "~".',
      ],
      [
        { code_challenge: 'x'.repeat(129), code_challenge_method: undefined },
        'The plain code_challenge is 129 characters; it must be 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_" and "~".',
      ],
      [
        { code_challenge: `${VERIFIER}!`, code_challenge_method: 'plain' },
        'The plain code_challenge is 44 characters; it must be 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_" and "~".',
      ],
      [{ code_challenge_method: 's256' }, 'The code_challenge_method "s256" is neither S256 nor plain (method names are case-sensitive).'],
      [{ code_challenge_method: 'SHA256' }, 'The code_challenge_method "SHA256" is neither S256 nor plain.'],
    ])('%j', (overrides, message) => {
      const hit = finding(requesting(overrides), 'pkce-challenge-malformed');
      expect(hit?.message).toBe(message);
      expect(hit?.severity).toBe('error');
    });

    it('keeps a plain challenge, which is the verifier, out of the finding', () => {
      const hit = finding(requesting({ code_challenge: 'short-secret', code_challenge_method: 'plain' }), 'pkce-challenge-malformed');
      expect(JSON.stringify(hit)).not.toContain('short-secret');
    });

    it.each([VERIFIER, 'a'.repeat(128)])('accepts the plain challenge %s', (challenge) => {
      expect(findingIds(requesting({ code_challenge: challenge, code_challenge_method: 'plain' }))).not.toContain('pkce-challenge-malformed');
    });
  });

  describe('nonce-missing', () => {
    it.each([
      ['an ID token from the authorization endpoint', { response_type: 'id_token', nonce: undefined }, 'error'],
      ['a hybrid flow, even with PKCE S256', { response_type: 'code id_token', nonce: undefined }, 'error'],
      ['an empty nonce', { response_type: 'id_token token', nonce: '' }, 'error'],
      // OIDC Core s3.1.2.1: optional in the code flow, where pkce-missing and pkce-plain speak instead.
      ['the code flow without PKCE', { nonce: undefined, ...NO_PKCE }, undefined],
      ['the code flow with plain PKCE', { nonce: undefined, code_challenge: VERIFIER, code_challenge_method: 'plain' }, undefined],
      ['the code flow with PKCE S256', { nonce: undefined }, undefined],
      ['a request without the openid scope', { nonce: undefined, scope: 'profile', ...NO_PKCE }, undefined],
      ['an access-token-only request', { nonce: undefined, response_type: 'token' }, undefined],
    ] as const)('%s: %s', (_, overrides, severity) => {
      expect(finding(requesting(overrides), 'nonce-missing')?.severity).toBe(severity);
    });

    it('says which protection is missing', () => {
      expect(finding(requesting({ nonce: undefined, ...NO_PKCE }), 'pkce-missing')?.message).toBe(
        'The request asks for an authorization code but sends no code_challenge and no nonce either, so nothing stops code injection.',
      );
      expect(finding(requesting({ response_type: 'code id_token', nonce: undefined }), 'nonce-missing')?.message).toBe(
        'The request asks for an ID token from the authorization endpoint (response_type "code id_token") without a nonce.',
      );
    });
  });
});
