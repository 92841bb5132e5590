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

export const ID_TOKEN_RULES = [idTokenMalformed, idTokenNonceMismatch];
