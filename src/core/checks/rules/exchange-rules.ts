import type { TokenExchange } from '../../flows/flow-schema';
import { quoted } from '../hit-helpers';
import { verifierMatches, verifierProblem } from '../pkce-verifier';
import { defineRule, type RuleHit } from '../rule';

const RFC6749_TOKEN_REQUEST = { title: 'RFC 6749 s4.1.3: access token request', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3' };
const RFC7636_VERIFIER = { title: 'RFC 7636 s4.1 and s4.6: code verifier', url: 'https://www.rfc-editor.org/rfc/rfc7636#section-4.6' };

/** Seconds between two times, as a user reads them: "3.2 s". */
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** "The exchange at +3.2 s" or, with one exchange, "The exchange". */
function which(exchanges: readonly TokenExchange[], exchange: TokenExchange, start: number): string {
  return exchanges.length === 1 ? 'The token request' : `The token request at +${seconds(exchange.time - start)}`;
}

export const codeExchangeLate = defineRule({
  id: 'code-exchange-late',
  severity: 'error',
  title: 'Code exchanged after its lifetime',
  explanation:
    "An authorization code is short-lived (RFC 6749 s4.1.2 recommends at most 10 minutes; Akahu and FAPI 2.0 allow 60 seconds, Akoya 5 minutes). A code posted to the token endpoint after the provider's lifetime is refused with invalid_grant, and the user has to start again.",
  reference: { title: 'RFC 6749 s4.1.2: authorization response (code lifetime)', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2' },
  fix: "Exchange the code as soon as the callback arrives: do not wait for a user action, a slow page load or a retry loop; check the server's clock and the profile's code lifetime.",
  check({ callback, exchanges, profile }) {
    const issuedAt = callback?.record.time;
    if (issuedAt === undefined) return [];
    const limit = profile.values.codeLifetimeSeconds * 1000;
    const late = exchanges.find((exchange) => exchange.time - issuedAt > limit);
    if (!late) return [];
    return [
      {
        message: `The code was posted to the token endpoint ${seconds(late.time - issuedAt)} after it arrived; ${profile.name} codes live ${profile.values.codeLifetimeSeconds} s.`,
        evidence: { param: 'code' },
      },
    ];
  },
});

export const codeExchangedTwice = defineRule({
  id: 'code-exchanged-twice',
  severity: 'error',
  title: 'Code posted to the token endpoint more than once',
  explanation:
    'A code may be redeemed once (RFC 6749 s4.1.2): the second request gets invalid_grant, and a server may revoke the tokens the first one issued (RFC 9700 s4.5). Clients that run their callback handler twice (React StrictMode runs effects twice in development, a retry on a slow network) hit it.',
  reference: { title: 'RFC 6749 s4.1.2: a code is used once', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2' },
  fix: 'Redeem a code once: guard the callback handler (a flag outside the component, or remove the code from the URL before exchanging), and do not retry a token request that reached the server.',
  check({ exchanges }) {
    const counts = new Map<string, number>();
    for (const exchange of exchanges) counts.set(exchange.code, (counts.get(exchange.code) ?? 0) + 1);
    const twice = [...counts.values()].find((count) => count > 1);
    if (twice === undefined) return [];
    return [{ message: `The same code was posted to the token endpoint ${twice} times.`, evidence: { param: 'code' } }];
  },
});

export const pkceVerifierMismatch = defineRule({
  id: 'pkce-verifier-mismatch',
  severity: 'error',
  title: 'code_verifier does not match the code_challenge',
  explanation:
    'With PKCE the token request proves it comes from the client that started the flow: the server checks that BASE64URL(SHA-256(code_verifier)) equals the S256 code_challenge, or that a plain verifier equals a plain challenge (RFC 7636 s4.6). A verifier of another flow (often one kept in storage shared by two tabs, or regenerated on reload) gets invalid_grant.',
  reference: RFC7636_VERIFIER,
  fix: "Keep the verifier with the flow's state (per state, not one per browser), read it back for the callback that carries that state, and send it unchanged.",
  check({ request, exchanges, flow }) {
    const challenge = request?.fields.codeChallenge;
    if (challenge === undefined) return [];
    const method = request?.fields.codeChallengeMethod;
    const hits: RuleHit[] = [];
    for (const exchange of exchanges) {
      const { codeVerifier } = exchange;
      if (codeVerifier === undefined || verifierProblem(codeVerifier) !== undefined || verifierMatches(codeVerifier, challenge, method)) continue;
      hits.push({
        message: `${which(exchanges, exchange, flow.startedAt)} sent a code_verifier whose ${method === 'S256' ? 'S256 hash' : 'value'} is not the request's code_challenge.`,
        evidence: { param: 'code_verifier' },
      });
    }
    return hits;
  },
});

export const pkceVerifierMalformed = defineRule({
  id: 'pkce-verifier-malformed',
  severity: 'error',
  title: 'Malformed code_verifier',
  explanation:
    'A code_verifier is 43 to 128 characters of A-Z, a-z, 0-9 and "-", ".", "_", "~" (RFC 7636 s4.1), high-entropy so it cannot be guessed. A server refuses another one, and a short one weakens PKCE.',
  reference: RFC7636_VERIFIER,
  fix: 'Generate the verifier as 32 random bytes, base64url-encoded without padding (43 characters).',
  check({ exchanges, flow }) {
    return exchanges.flatMap((exchange) => {
      const problem = exchange.codeVerifier === undefined ? undefined : verifierProblem(exchange.codeVerifier);
      return problem === undefined
        ? []
        : [{ message: `${which(exchanges, exchange, flow.startedAt)} sent a malformed code_verifier (${problem}).`, evidence: { param: 'code_verifier' } }];
    });
  },
});

export const tokenRedirectUriMismatch = defineRule({
  id: 'token-redirect-uri-mismatch',
  severity: 'error',
  title: "Token request's redirect_uri is not the authorization request's",
  explanation:
    'When the authorization request carried a redirect_uri, the token request must carry the identical value (RFC 6749 s4.1.3), so that a code sent to one redirect URI cannot be redeemed for another. A server answers a missing or different one with invalid_grant.',
  reference: RFC6749_TOKEN_REQUEST,
  fix: 'Send the exact redirect_uri of the authorization request with the code: the same string, not a normalised or current-page URL.',
  check({ request, exchanges, flow }) {
    const expected = request?.fields.redirectUri;
    if (expected === undefined) return [];
    return exchanges.flatMap((exchange) => {
      if (exchange.redirectUri === expected) return [];
      const message =
        exchange.redirectUri === undefined
          ? `${which(exchanges, exchange, flow.startedAt)} sent no redirect_uri; the authorization request sent ${quoted(expected)}.`
          : `${which(exchanges, exchange, flow.startedAt)} sent redirect_uri ${quoted(exchange.redirectUri)}; the authorization request sent ${quoted(expected)}.`;
      return [{ message, evidence: { param: 'redirect_uri', ...(exchange.redirectUri !== undefined && { value: exchange.redirectUri }) } }];
    });
  },
});

export const clientSecretInBrowser = defineRule({
  id: 'client-secret-in-browser',
  severity: 'error',
  title: 'Client secret sent from the browser',
  explanation:
    'A secret the page sends is a secret every user can read: a browser-based client is a public client and cannot keep one (RFC 6749 s2.1, OAuth 2.0 for Browser-Based Applications). Akahu says never to put the App Secret in frontend code. Anyone who reads it can act as the client.',
  reference: { title: 'RFC 6749 s2.1: client types', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-2.1' },
  fix: 'Rotate the secret now. Exchange the code on a server you control (a backend for frontend), or register the app as a public client that uses PKCE without a secret.',
  check({ exchanges }) {
    const sent = exchanges.find((exchange) => exchange.clientSecret || exchange.authScheme?.toLowerCase() === 'basic');
    if (!sent) return [];
    const how = sent.clientSecret ? 'client_secret in the body' : 'an Authorization: Basic header (client id and secret)';
    return [{ message: `The page sent its token request with ${how}.`, evidence: { param: sent.clientSecret ? 'client_secret' : 'authorization' } }];
  },
});

export const tokenError = defineRule({
  id: 'token-error',
  severity: 'error',
  title: 'Token endpoint answered with an error',
  explanation:
    'The token endpoint refused the code exchange (RFC 6749 s5.2): the flow got no tokens. invalid_grant means the code was expired, already used, or did not match the verifier or redirect_uri; invalid_client a client authentication problem.',
  reference: { title: 'RFC 6749 s5.2: error response', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-5.2' },
  fix: 'Read the error and error_description; the other findings of this flow often name the cause (a late or repeated exchange, a verifier or redirect_uri mismatch).',
  check({ exchanges, flow }) {
    return exchanges.flatMap((exchange) => {
      if (exchange.status === undefined || (exchange.status > 0 && exchange.status < 400)) return [];
      const answer = exchange.status === 0 ? `no answer${exchange.error === undefined ? '' : ` (${quoted(exchange.error)})`}` : `HTTP ${exchange.status}`;
      const named = exchange.oauthError
        ? ` with error ${quoted(exchange.oauthError.error)}${exchange.oauthError.description === undefined ? '' : ` (${quoted(exchange.oauthError.description)})`}`
        : '';
      return [{ message: `${which(exchanges, exchange, flow.startedAt)} got ${answer}${named}.` }];
    });
  },
});

/** The page's code exchange, where the browser makes it. */
export const EXCHANGE_RULES = [
  codeExchangeLate,
  codeExchangedTwice,
  pkceVerifierMismatch,
  pkceVerifierMalformed,
  tokenRedirectUriMismatch,
  clientSecretInBrowser,
  tokenError,
] as const;
