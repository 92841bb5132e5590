import type { AuthorizationRequestFields } from '../../flows/read-fields';
import { defineRule } from '../rule';

const PKCE_BCP = { title: 'RFC 9700 s2.1.1: authorization code grant', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1' };

/** The challenge and its effective method; an empty value counts as absent (RFC 6749 s3.1), and the method defaults to plain (RFC 7636 s4.3). */
function pkceOf(fields: AuthorizationRequestFields): { challenge?: string; method: string; methodSent: boolean } {
  const methodSent = Boolean(fields.codeChallengeMethod);
  return { ...(fields.codeChallenge && { challenge: fields.codeChallenge }), method: fields.codeChallengeMethod || 'plain', methodSent };
}

const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const PLAIN_CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/;

export const pkceMissing = defineRule({
  id: 'pkce-missing',
  severity: 'warning',
  title: 'Authorization code requested without PKCE',
  explanation:
    'Without PKCE a stolen or injected authorization code can be redeemed by someone else; RFC 9700 s2.1.1 requires public clients to use PKCE and recommends it for confidential clients too (RFC 7636).',
  reference: PKCE_BCP,
  fix: 'Generate a random code_verifier per request, send code_challenge=BASE64URL(SHA256(verifier)) with code_challenge_method=S256, and send the verifier with the token request.',
  check({ request }) {
    if (!request || request.fields.requestUri !== undefined) return [];
    const { responseTypes, responseType, scopes, nonce } = request.fields;
    // No response_type at all: the servers that accept that (GitHub) answer with a code.
    if (responseType !== undefined && !responseTypes.includes('code')) return [];
    if (pkceOf(request.fields).challenge !== undefined) return [];
    // RFC 9700 s2.1.1 lets a confidential OpenID Connect client stop code injection with its nonce instead.
    const alternative = scopes.includes('openid') && !nonce ? ' and no nonce either, so nothing stops code injection' : '';
    return [{ message: `The request asks for an authorization code but sends no code_challenge${alternative}.` }];
  },
});

export const pkcePlain = defineRule({
  id: 'pkce-plain',
  severity: 'warning',
  title: 'PKCE uses the plain method',
  explanation:
    'With the plain method the code_challenge is the verifier itself, so anyone who sees the authorization request can redeem the code. RFC 9700 s2.1.1 says clients SHOULD use S256, and a missing code_challenge_method means plain (RFC 7636 s4.3).',
  reference: PKCE_BCP,
  fix: 'Send code_challenge=BASE64URL(SHA256(code_verifier)) with code_challenge_method=S256.',
  check({ request }) {
    if (!request) return [];
    const { challenge, method, methodSent } = pkceOf(request.fields);
    if (challenge === undefined || method !== 'plain') return [];
    if (methodSent) return [{ message: 'The request sends code_challenge_method=plain.' }];
    const looksHashed = S256_CHALLENGE.test(challenge);
    return [
      {
        message: `The request sends no code_challenge_method, so the server treats the challenge as plain${looksHashed ? '; the challenge looks like an S256 hash, so code_challenge_method=S256 is probably missing' : ''}.`,
      },
    ];
  },
});

export const pkceChallengeMalformed = defineRule({
  id: 'pkce-challenge-malformed',
  severity: 'error',
  title: 'Malformed PKCE challenge',
  explanation:
    'An S256 code_challenge is the base64url SHA-256 of the verifier without padding: exactly 43 characters. A plain one is the verifier: 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_" and "~". The only methods are S256 and plain, case-sensitive (RFC 7636 s4.1 and s4.2).',
  reference: { title: 'RFC 7636 s4.2: client creates the code challenge', url: 'https://www.rfc-editor.org/rfc/rfc7636#section-4.2' },
  fix: 'Compute code_challenge as BASE64URL-ENCODE(SHA256(ASCII(code_verifier))) with no "=" padding and send code_challenge_method=S256 exactly.',
  check({ request }) {
    if (!request) return [];
    const { challenge, method } = pkceOf(request.fields);
    if (challenge === undefined) return [];
    // The challenge is public, but a plain one is the verifier: its value stays out of the message.
    if (method === 'S256') {
      if (S256_CHALLENGE.test(challenge)) return [];
      return [
        {
          message: `The S256 code_challenge is ${challenge.length} characters${/[+/=]/.test(challenge) ? ' and uses "+", "/" or "=" (base64, not base64url)' : ''}; it must be 43 base64url characters.`,
          evidence: { param: 'code_challenge' },
        },
      ];
    }
    if (method === 'plain') {
      if (PLAIN_CHALLENGE.test(challenge)) return [];
      return [
        {
          message: `The plain code_challenge is ${challenge.length} characters; it must be 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_" and "~".`,
          evidence: { param: 'code_challenge' },
        },
      ];
    }
    const hint = method.toLowerCase() === 's256' || method.toLowerCase() === 'plain' ? ' (method names are case-sensitive)' : '';
    return [
      { message: `The code_challenge_method "${method}" is neither S256 nor plain${hint}.`, evidence: { param: 'code_challenge_method', value: method } },
    ];
  },
});

export const nonceMissing = defineRule({
  id: 'nonce-missing',
  severity: 'error',
  title: 'OpenID Connect request without a nonce',
  explanation:
    'When an ID token comes from the authorization endpoint, nonce is REQUIRED so the client can tell its own token from a replayed one (OIDC Core s3.2.2.1 and s3.3.2.11). In the code flow it is OPTIONAL (OIDC Core s3.1.2.1): there PKCE stops code injection, and pkce-missing or pkce-plain says so when it does not.',
  reference: {
    title: 'OpenID Connect Core 1.0 s3.2.2.1: authentication request',
    url: 'https://openid.net/specs/openid-connect-core-1_0.html#ImplicitAuthRequest',
  },
  fix: "Send a fresh random nonce with every OpenID Connect request and check it against the ID token's nonce claim; in the code flow, use PKCE with S256 as well.",
  check({ request }) {
    if (!request || request.fields.requestUri !== undefined) return [];
    const { scopes, nonce, responseTypes } = request.fields;
    if (!scopes.includes('openid') || nonce) return [];
    if (!responseTypes.includes('id_token')) return [];
    return [{ message: `The request asks for an ID token from the authorization endpoint (response_type "${request.fields.responseType}") without a nonce.` }];
  },
});

export const PKCE_RULES = [pkceMissing, pkcePlain, pkceChallengeMalformed, nonceMissing];
