import { distinctHits, quoted } from '../hit-helpers';
import { defineRule, type RuleHit } from '../rule';

export const idTokenMalformed = defineRule({
  id: 'id-token-malformed',
  severity: 'error',
  title: 'id_token cannot be decoded',
  explanation:
    'An ID Token is a JWT: three base64url-encoded parts, of which the first two are JSON objects (OpenID Connect Core s2, RFC 7519 s7.2). One that does not decode cannot be validated, so the client must reject the response (OpenID Connect Core s3.2.2.11, s3.3.2.12).',
  reference: { title: 'OpenID Connect Core 1.0 s2: ID Token', url: 'https://openid.net/specs/openid-connect-core-1_0.html#IDToken' },
  fix: 'Check what alters the token on its way (truncation, double encoding, a proxy); if the server sends encrypted ID Tokens (JWE), they can only be read by the client with its key.',
  check({ callbacks }) {
    const hits: RuleHit[] = [];
    for (const { idToken } of callbacks) {
      if (idToken && !idToken.ok) hits.push({ message: idToken.message, evidence: { param: 'id_token' } });
    }
    return distinctHits(hits);
  },
});

export const idTokenNonceMismatch = defineRule({
  id: 'id-token-nonce-mismatch',
  severity: 'error',
  title: 'id_token nonce differs from the request',
  explanation:
    'When the authentication request sent a nonce, the ID Token must carry a nonce claim with exactly that value, and the client must check it (OpenID Connect Core s3.2.2.11 and s3.3.2.12). This is what binds the token to this browser session and stops a stolen or replayed ID Token from being injected.',
  reference: {
    title: 'OpenID Connect Core 1.0 s3.2.2.11: ID Token validation',
    url: 'https://openid.net/specs/openid-connect-core-1_0.html#ImplicitIDTValidation',
  },
  fix: 'Reject the response in the client; check that the server copies the nonce unchanged into the ID Token and that the client compares it with the nonce stored for this session.',
  check({ request, callbacks }) {
    const sent = request?.fields.nonce;
    if (sent === undefined) return [];
    const hits: RuleHit[] = [];
    for (const { idToken } of callbacks) {
      if (!idToken?.ok) continue;
      const claim = idToken.payload.nonce;
      if (claim === sent) continue;
      hits.push(
        claim === undefined
          ? { message: 'The id_token carries no nonce claim, but the request sent a nonce.', evidence: { param: 'nonce' } }
          : {
              message:
                typeof claim === 'string'
                  ? `The id_token nonce ${quoted(claim, 80)} is not the nonce the request sent (${quoted(sent, 80)}).`
                  : `The id_token nonce claim is a ${claim === null ? 'null' : typeof claim}, not the string the request sent.`,
              evidence: { param: 'nonce', ...(typeof claim === 'string' && { value: claim }) },
            },
      );
    }
    return distinctHits(hits);
  },
});

/** How far ahead of the browser's clock an `iat` may be before it is a clock problem, not rounding. */
const ALLOWED_SKEW_MS = 60_000;

export const idTokenClockSkew = defineRule({
  id: 'id-token-clock-skew',
  severity: 'warning',
  title: "id_token times that do not fit the browser's clock",
  explanation:
    "An ID Token's iat says when it was issued and exp when it expires (OpenID Connect Core s2). An iat ahead of the moment the browser received it means the server's or the user's clock is off, and clients that check iat or nbf strictly reject the token; an exp before iat makes a token that was never valid.",
  reference: { title: 'OpenID Connect Core 1.0 s2: ID Token (iat, exp)', url: 'https://openid.net/specs/openid-connect-core-1_0.html#IDToken' },
  fix: "Synchronise the server's clock (NTP) and allow a small leeway when validating iat and nbf; check the machine's clock where the browser runs.",
  check({ callbacks }) {
    const hits: RuleHit[] = [];
    for (const { idToken, record } of callbacks) {
      if (!idToken?.ok) continue;
      const { iat, exp } = idToken.payload;
      if (typeof iat === 'number' && iat * 1000 - record.time > ALLOWED_SKEW_MS) {
        hits.push({
          message: `The id_token was issued ${Math.round((iat * 1000 - record.time) / 1000)} s after the browser received it (iat ahead of its clock).`,
          evidence: { param: 'id_token' },
        });
      }
      if (typeof iat === 'number' && typeof exp === 'number' && exp < iat)
        hits.push({ message: 'The id_token expires (exp) before it was issued (iat).', evidence: { param: 'id_token' } });
    }
    return distinctHits(hits);
  },
});

export const ID_TOKEN_RULES = [idTokenMalformed, idTokenNonceMismatch, idTokenClockSkew];
