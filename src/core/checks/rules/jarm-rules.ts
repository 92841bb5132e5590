import type { CallbackView } from '../flow-view';
import { distinctHits, quoted } from '../hit-helpers';
import { defineRule, type RuleHit } from '../rule';

const JARM = {
  title: 'JWT Secured Authorization Response Mode (JARM) s4.4: processing rules',
  url: 'https://openid.net/specs/oauth-v2-jarm-final.html#section-4.4',
};

/** Every JARM response's decoded JWT with its callback, for rules that read claims. */
function jarmClaims(callbacks: readonly CallbackView[]) {
  return callbacks.flatMap((callback) => (callback.jarm?.ok ? [{ callback, header: callback.jarm.header, claims: callback.jarm.payload }] : []));
}

export const jarmUnreadable = defineRule({
  id: 'jarm-unreadable',
  severity: 'error',
  title: 'JARM response cannot be decoded',
  explanation:
    "With JARM the whole authorization response is one JWT in the `response` parameter (JARM s2). One that does not decode cannot be validated, and the client must reject it; an encrypted one (JWE) can only be read with the client's key, so Consent Lens cannot check what is inside.",
  reference: JARM,
  fix: 'Check what alters the response on its way (truncation, double encoding); for an encrypted response, decrypt it in the client and check its claims there.',
  check({ callbacks }) {
    const hits: RuleHit[] = [];
    for (const { jarm } of callbacks) {
      if (jarm && !jarm.ok)
        hits.push({
          message: `The JARM response is not readable: ${jarm.message}.`,
          evidence: { param: 'response' },
          ...(jarm.message.includes('JWE') && { severity: 'info' as const }),
        });
    }
    return distinctHits(hits);
  },
});

export const jarmAlgNone = defineRule({
  id: 'jarm-alg-none',
  severity: 'error',
  title: 'JARM response is not signed',
  explanation:
    'A JARM response must be signed (JARM s2.1; `none` is not allowed): the signature is what tells the client that the code and state come from its authorization server and were not changed on the way.',
  reference: JARM,
  fix: 'Have the server sign authorization responses (authorization_signed_response_alg, e.g. PS256 or ES256) and make the client reject alg none.',
  check({ callbacks }) {
    return distinctHits(
      jarmClaims(callbacks)
        .filter(({ header }) => typeof header.alg !== 'string' || header.alg.toLowerCase() === 'none')
        .map(() => ({ message: 'The JARM response JWT has alg "none": it is not signed.', evidence: { param: 'response' } })),
    );
  },
});

export const jarmIssMissing = defineRule({
  id: 'jarm-iss-missing',
  severity: 'error',
  title: 'JARM response without its issuer',
  explanation:
    'A JARM response must carry `iss`, the issuer that made it, and the client must check it against the server it sent the user to (JARM s4.4): it is what defends against mix-up attacks.',
  reference: JARM,
  fix: "Have the server put its issuer identifier in iss; check it in the client against the authorization server's metadata.",
  check({ callbacks, profile }) {
    const expected = profile.values.issuer;
    return distinctHits(
      jarmClaims(callbacks).flatMap(({ claims }): RuleHit[] => {
        if (typeof claims.iss !== 'string') return [{ message: 'The JARM response JWT has no iss claim.', evidence: { param: 'response' } }];
        if (expected !== undefined && claims.iss !== expected)
          return [
            { message: `The JARM response's iss ${quoted(claims.iss)} is not the expected issuer ${quoted(expected)}.`, evidence: { param: 'response' } },
          ];
        return [];
      }),
    );
  },
});

export const jarmAudMismatch = defineRule({
  id: 'jarm-aud-mismatch',
  severity: 'error',
  title: 'JARM response not addressed to this client',
  explanation: "A JARM response's `aud` must be the client_id of the client that made the request (JARM s4.4); one for another client must be rejected.",
  reference: JARM,
  fix: 'Check that the server sets aud to the requesting client_id, and that the client rejects responses meant for another.',
  check({ callbacks, request }) {
    const clientId = request?.fields.clientId;
    if (clientId === undefined) return [];
    return distinctHits(
      jarmClaims(callbacks).flatMap(({ claims }): RuleHit[] => {
        const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
        if (audiences.includes(clientId)) return [];
        const said = typeof claims.aud === 'string' ? ` is ${quoted(claims.aud)}` : claims.aud === undefined ? ' is missing' : ' does not name it';
        return [{ message: `The JARM response's aud${said}, not the client_id ${quoted(clientId)}.`, evidence: { param: 'response' } }];
      }),
    );
  },
});

export const jarmExpired = defineRule({
  id: 'jarm-expired',
  severity: 'error',
  title: 'JARM response expired when it arrived',
  explanation:
    "A JARM response's `exp` bounds how long it may be used (JARM s2.1); one already past it when the browser delivered it must be rejected, and points at a slow redirect or a clock off.",
  reference: JARM,
  fix: "Check the server's clock and the lifetime it gives responses (a few minutes is usual), and that nothing holds the redirect back.",
  check({ callbacks }) {
    return distinctHits(
      jarmClaims(callbacks).flatMap(({ claims, callback }): RuleHit[] =>
        typeof claims.exp === 'number' && claims.exp * 1000 < callback.record.time
          ? [
              {
                message: `The JARM response expired ${Math.round((callback.record.time - claims.exp * 1000) / 1000)} s before the browser delivered it.`,
                evidence: { param: 'response' },
              },
            ]
          : [],
      ),
    );
  },
});

/** Parameters that belong inside the JWT: beside it, they are unsigned. */
const PLAIN_RESPONSE_PARAMS: ReadonlySet<string> = new Set(['code', 'state', 'error', 'iss', 'id_token', 'access_token']);

export const jarmPlainParams = defineRule({
  id: 'jarm-plain-params',
  severity: 'error',
  title: 'Unsigned parameters beside the JARM response',
  explanation:
    'With JARM the code, state and errors travel inside the signed `response` JWT (JARM s2). The same parameters beside it are not protected by the signature; a client that reads them instead can be fed an injected code.',
  reference: JARM,
  fix: 'Read code, state and error only from the validated response JWT, and have the server send nothing else in the redirect.',
  check({ callbacks }) {
    const hits: RuleHit[] = [];
    for (const { record, jarm } of callbacks) {
      if (!jarm) continue;
      const plain = [...new Set(record.params.map(({ name }) => name).filter((name) => PLAIN_RESPONSE_PARAMS.has(name)))];
      if (plain.length > 0)
        hits.push({ message: `Beside the response JWT the callback also carries ${plain.join(', ')} in the clear.`, evidence: { param: plain[0]! } });
    }
    return distinctHits(hits);
  },
});

/** The JWT Secured Authorization Response Mode: the response as one signed JWT. */
export const JARM_RULES = [jarmUnreadable, jarmAlgNone, jarmIssMissing, jarmAudMismatch, jarmExpired, jarmPlainParams] as const;
