import { hasParam } from '../../params/param-list';
import type { Severity } from '../rule-ids';
import { distinctHits } from '../hit-helpers';
import { estimateEntropyBits } from '../estimate-entropy';
import { defineRule, type RuleHit } from '../rule';

const MIN_ENTROPY_BITS = 128;

export const codeInFragment = defineRule({
  id: 'code-in-fragment',
  severity: 'warning',
  title: 'Code returned in the URL fragment',
  explanation:
    'With response_type=code the authorization server returns the code in the query of the redirect URI (RFC 6749 s4.1.2); the fragment is the default only for response types that include a token or id_token (OAuth 2.0 Multiple Response Types s2). A code in the fragment with plain response_type=code means the server ignored the response mode (or one was set out of sight, e.g. in a request object), and a server-side client never receives it, because browsers do not send the fragment.',
  reference: {
    title: 'OAuth 2.0 Multiple Response Type Encoding Practices: response modes',
    url: 'https://openid.net/specs/oauth-v2-multiple-response-types-1_0.html#ResponseModes',
  },
  fix: 'Request response_mode=query (or omit response_mode) for response_type=code, or response_mode=fragment explicitly if a browser-side client really needs it; check that the server honours the response mode.',
  check({ request, callback }) {
    if (!request || !callback || request.fields.responseType !== 'code') return [];
    const mode = request.fields.responseMode;
    if (mode === 'fragment' || !hasParam(callback.record.params, 'code', 'fragment')) return [];
    return [
      {
        message:
          mode === undefined
            ? 'The code arrived in the URL fragment, but response_type=code returns it in the query.'
            : `The code arrived in the URL fragment, but the request asked for response_mode=${mode}.`,
        evidence: { param: 'code' },
      },
    ];
  },
});

/** Tokens that grant access on their own; an id_token only identifies the user. */
const TOKEN_SEVERITY: Readonly<Record<string, Severity>> = {
  access_token: 'error',
  refresh_token: 'error',
  id_token: 'warning',
};

export const tokenInUrl = defineRule({
  id: 'token-in-url',
  severity: 'error',
  title: 'Token in the callback URL',
  explanation:
    'A token in the redirect URL travels through the front channel: it stays in browser history, reaches server and proxy logs, and leaks to other sites through the Referer header and to scripts on the page. RFC 9700 s2.1.2 says clients should not use the implicit grant or other response types that issue access tokens in the authorization response; s4.3 describes how such tokens leak. An id_token there is less dangerous (it is not an access token) but still exposes personal data.',
  reference: { title: 'RFC 9700 s2.1.2 and s4.3: tokens in the authorization response', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-2.1.2' },
  fix: 'Use response_type=code with PKCE and get tokens from the token endpoint; if an id_token must come back in the front channel, use response_mode=form_post so it stays out of the URL.',
  check({ request, callbacks }) {
    const hits: RuleHit[] = [];
    // A client that puts its own token in the authorization URL (as some next-auth providers do) leaks it the same way.
    const sources = [
      ...(request ? [{ where: 'authorization request', params: request.record.params }] : []),
      ...callbacks.map(({ record }) => ({ where: 'callback', params: record.params })),
    ];
    for (const { where, params } of sources) {
      for (const param of params) {
        const severity = TOKEN_SEVERITY[param.name];
        if (severity === undefined || param.in === 'form') continue;
        hits.push({
          message: `The ${where} URL carries ${param.name} in its ${param.in}.`,
          severity,
          evidence: { param: param.name },
        });
      }
    }
    return distinctHits(hits);
  },
});

export const codeReplayed = defineRule({
  id: 'code-replayed',
  severity: 'error',
  title: 'Authorization code arrived more than once',
  explanation:
    'An authorization code may be used only once (RFC 6749 s4.1.2, s10.5). The same code reaching the redirect URI again means the client is offered it a second time: a reload or history navigation to the callback, or a code injected by an attacker (RFC 9700 s4.5). The client must not redeem it again, and the server must refuse and revoke what the code issued.',
  reference: { title: 'RFC 9700 s4.5: authorization code injection', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-4.5' },
  fix: 'After redeeming a code, redirect away from the callback URL (so reloads and history do not resend it), reject a code the client has seen before, and bind codes to the flow with PKCE.',
  check({ flow, callbacks }, { index }) {
    const arrivals = new Map<string, number>();
    for (const callback of callbacks) {
      const code = callback.fields.code;
      if (code !== undefined && code !== '') arrivals.set(code, (arrivals.get(code) ?? 0) + 1);
    }
    const hits: RuleHit[] = [];
    for (const [code, count] of arrivals) {
      // Flows holding this code, oldest first: the ones before this flow received it earlier.
      const holders = index.byCode.get(code) ?? [];
      const here = holders.findIndex((other) => other.flow.id === flow.id);
      const before = holders.slice(0, Math.max(here, 0)).map((other) => other.flow.id);
      if (count < 2 && before.length === 0) continue;
      const parts = [
        count > 1 && `arrived ${count} times at the redirect URI in this flow`,
        before.length > 0 && `had already arrived in ${before.join(', ')}`,
      ].filter(Boolean);
      hits.push({ message: `The same authorization code ${parts.join(' and ')}.`, evidence: { param: 'code', value: code } });
    }
    return hits;
  },
});

export const codeLowEntropy = defineRule({
  id: 'code-low-entropy',
  severity: 'warning',
  title: 'Authorization code looks guessable',
  explanation: `RFC 6749 s10.10 requires that the probability of an attacker guessing a generated code be at most 2^-128. This estimate assumes each character is random; a code under ${MIN_ENTROPY_BITS} bits cannot meet that, whatever its lifetime.`,
  reference: { title: 'RFC 6749 s10.10: credentials-guessing attacks', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-10.10' },
  fix: 'Have the authorization server generate codes from at least 16 cryptographically random bytes (e.g. 22+ base64url characters) and keep their lifetime short.',
  check({ callbacks }) {
    const codes = new Set(callbacks.map((callback) => callback.fields.code).filter((code): code is string => code !== undefined && code !== ''));
    const hits: RuleHit[] = [];
    for (const code of codes) {
      const bits = Math.floor(estimateEntropyBits(code));
      if (bits >= MIN_ENTROPY_BITS) continue;
      hits.push({ message: `The code holds at most about ${bits} bits of entropy (under ${MIN_ENTROPY_BITS}).`, evidence: { param: 'code', value: code } });
    }
    return hits;
  },
});

export const CODE_RULES = [codeInFragment, tokenInUrl, codeReplayed, codeLowEntropy];
