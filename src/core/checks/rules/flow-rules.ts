import { parseUrl } from '../../url/parse-url';
import { splitUrl } from '../../url/split-url';
import { defineRule, type RuleHit } from '../rule';

export const callbackWithoutRequest = defineRule({
  id: 'callback-without-request',
  severity: 'warning',
  title: 'Callback without an authorization request',
  explanation:
    "A response arrived at the redirect URI with no authorization request seen before it. Either the recording began mid-flow, or the response is unsolicited: an attacker who makes the browser visit the callback can log the user in to the attacker's account (login CSRF, RFC 9700 s4.7) or inject a stolen code (RFC 9700 s4.5). A client must accept a response only for a request it started in this browser session.",
  reference: { title: 'RFC 9700 s4.5 and s4.7: code injection and CSRF', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-4.7' },
  fix: 'If the recording simply missed the start, record the whole flow again. Otherwise make the client reject callbacks it has no pending request for: check state (or the PKCE verifier or nonce) against what this session sent.',
  check({ flow, request }) {
    const [first] = flow.callbacks;
    if (request || !first) return [];
    return [{ message: `A callback arrived at ${splitUrl(first.url).base} with no authorization request seen before it.` }];
  },
});

/** Where a URL points, without its query and fragment (which may carry a code). */
function placeOf(url: URL): string {
  return url.origin === 'null' ? splitUrl(url.href).base : `${url.origin}${url.pathname}`;
}

export const redirectAfterPost307 = defineRule({
  id: 'redirect-after-post-307',
  severity: 'error',
  title: 'POST answered by a 307 or 308 redirect to another origin',
  explanation:
    "A 307 or 308 redirect makes the browser repeat the request with the same method and body. When the authorization server answers the POSTed login form with one that leads to the client, the browser re-POSTs the user's credentials to the client, which can then read them (RFC 9700 s4.12). Authorization servers must use 303 after a POST.",
  reference: { title: 'RFC 9700 s4.12: 307 redirect', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-4.12' },
  fix: 'Have the authorization server answer POSTs that lead away from it with 303 See Other (or 302), never 307 or 308.',
  check({ flow }) {
    const hits: RuleHit[] = [];
    for (const hop of flow.hops) {
      if (hop.method?.toUpperCase() !== 'POST' || (hop.status !== 307 && hop.status !== 308) || hop.location === undefined) continue;
      const from = parseUrl(hop.url);
      const to = parseUrl(hop.location, hop.url);
      if (!from.ok || !to.ok || from.url.origin === to.url.origin) continue;
      hits.push({
        message: `The POST to ${placeOf(from.url)} was answered ${hop.status}, so the browser re-POSTs its form to ${placeOf(to.url)}, another origin.`,
      });
    }
    return hits;
  },
});

export const FLOW_RULES = [callbackWithoutRequest, redirectAfterPost307];
