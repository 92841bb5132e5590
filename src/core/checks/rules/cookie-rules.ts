import { domainMatches, pathMatches, siteOf } from '../../cookies/cookie-scope';
import type { ClientCookie } from '../../flows/flow-schema';
import { isLocalhostName, isLoopbackIpLiteral } from '../../url/is-loopback';
import { parseUrl } from '../../url/parse-url';
import type { CallbackView, FlowView } from '../flow-view';
import { quoted } from '../hit-helpers';
import { defineRule } from '../rule';

const RFC6265BIS = 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis';
/** RFC 6265bis: browsers ignore a cookie whose name and value exceed this. */
const MAX_COOKIE_BYTES = 4096;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** Where the browser was sent to the callback from: the last hop before it, or the request itself. */
function cameFrom(view: FlowView, callback: CallbackView): URL | undefined {
  const from = view.flow.hops.findLast((hop) => hop.time <= callback.record.time)?.url ?? view.request?.record.url;
  const parsed = from === undefined ? undefined : parseUrl(from);
  return parsed?.ok ? parsed.url : undefined;
}

/**
 * The cookies still set when the callback came: the last line for each name, domain and path
 * wins, and one that expired as it was set (Max-Age=0, an Expires in the past) deleted it.
 */
function liveCookies(cookies: readonly ClientCookie[]): ClientCookie[] {
  const byKey = new Map<string, ClientCookie>();
  for (const cookie of cookies) byKey.set(JSON.stringify([cookie.name, cookie.domain ?? cookie.host, cookie.path ?? cookie.defaultPath]), cookie);
  return [...byKey.values()].filter((cookie) => cookie.expiresAt === undefined || cookie.expiresAt > cookie.time);
}

/** Why a browser would not send this cookie with the callback, where its attributes tell. */
function whyNotSent(cookie: ClientCookie, callback: URL, callbackMethod: string, callbackTime: number, from: URL | undefined): string | undefined {
  if (cookie.sameSite === 'none' && !cookie.secure) return 'it is SameSite=None without Secure, which browsers reject';
  if (cookie.nameValueSize > MAX_COOKIE_BYTES) return `its name and value are ${cookie.nameValueSize} bytes, over the ${MAX_COOKIE_BYTES} browsers keep`;
  if (cookie.name.startsWith('__Host-') && (!cookie.secure || cookie.domain !== undefined || cookie.path !== '/'))
    return 'a __Host- cookie must be Secure, with Path=/ and no Domain, or browsers reject it';
  if (cookie.name.startsWith('__Secure-') && !cookie.secure) return 'a __Secure- cookie must be Secure, or browsers reject it';
  const host = callback.hostname;
  if (cookie.secure && callback.protocol === 'http:' && !isLoopbackIpLiteral(host) && !isLocalhostName(host))
    return `it is Secure and the redirect URI is plain http (${host})`;
  if (cookie.domain !== undefined && !domainMatches(host, cookie.domain)) return `its Domain=${cookie.domain} does not cover ${host}`;
  if (cookie.domain === undefined && cookie.host !== host) return `${cookie.host} set it without Domain, so it goes to ${cookie.host} only, not to ${host}`;
  const path = cookie.path ?? cookie.defaultPath;
  if (!pathMatches(callback.pathname, path)) {
    return cookie.path !== undefined
      ? `its Path=${path} does not cover ${callback.pathname}`
      : `it has no Path, so its path is ${path} (where the page that set it lives), which does not cover ${callback.pathname}`;
  }
  if (cookie.expiresAt !== undefined && cookie.expiresAt <= callbackTime)
    return `it lived ${seconds(cookie.expiresAt - cookie.time)} (Max-Age or Expires) and the callback came ${seconds(callbackTime - cookie.time)} after it was set`;
  const crossSite = from !== undefined && siteOf(from.hostname) !== siteOf(host);
  if (!crossSite) return undefined;
  if (cookie.sameSite === 'strict') return `it is SameSite=Strict and the callback comes from another site (${from.hostname})`;
  if (cookie.sameSite !== 'none' && callbackMethod.toUpperCase() === 'POST') {
    const lax = cookie.sameSite === 'lax' ? 'it is SameSite=Lax' : 'it has no SameSite, which browsers treat as Lax';
    return `${lax}, and the form_post callback is a POST from another site (${from.hostname})`;
  }
  return undefined;
}

export const cookieNotReturned = defineRule({
  id: 'cookie-not-returned',
  severity: 'error',
  title: 'A cookie set as the flow started did not come back on the callback',
  explanation:
    'Clients keep the flow\'s state, nonce or PKCE verifier in a cookie set when they send the browser to the authorization server, and read it back on the callback. When the browser does not send it, the client fails with "state cookie was missing", "checks.state argument is missing" or "CSRF cookie not found". The cause is usually in the cookie\'s attributes (RFC 6265bis): SameSite (a form_post callback is a cross-site POST, so Lax cookies stay home; Strict ones stay home on any return from another site), Secure over plain http, a Domain or Path that does not cover the redirect URI, or a lifetime shorter than the time spent signing in.',
  reference: { title: 'RFC 6265bis: the SameSite attribute and the retrieval of cookies', url: RFC6265BIS },
  fix: 'Set the state cookie so it reaches the redirect URI: SameSite=None; Secure for a form_post callback (Lax for a query callback), Path=/ or a path that covers the callback, no Domain or one that covers its host, https, and a Max-Age of several minutes.',
  check(view) {
    const { callback } = view;
    const sent = callback?.record.cookieNames;
    if (!callback || sent === undefined) return [];
    const url = parseUrl(callback.record.url);
    if (!url.ok) return [];
    const from = cameFrom(view, callback);
    return liveCookies(view.cookies)
      .filter((cookie) => !sent.includes(cookie.name))
      .map((cookie) => {
        const why = whyNotSent(cookie, url.url, callback.record.method, callback.record.time, from);
        return {
          message: `The cookie ${quoted(cookie.name)} set as the flow started did not come back on the callback: ${why ?? 'no reason shows in its attributes (did the page or the browser clear it?)'}.`,
          evidence: { param: `cookie ${cookie.name}` },
        };
      });
  },
});

export const cookieSameSiteNoneInsecure = defineRule({
  id: 'cookie-samesite-none-insecure',
  severity: 'warning',
  title: 'SameSite=None cookie without Secure',
  explanation:
    'Browsers reject a cookie that says SameSite=None but not Secure (RFC 6265bis): it is never stored, so it never comes back. SameSite=None is what a cookie needs to survive a form_post callback, so this is a state cookie that was meant to survive one and cannot.',
  reference: { title: 'RFC 6265bis: the SameSite attribute (None requires Secure)', url: RFC6265BIS },
  fix: 'Add Secure to the cookie (and serve the client over https; browsers allow Secure on http://localhost).',
  check({ cookies }) {
    const names = new Set(cookies.filter((cookie) => cookie.sameSite === 'none' && !cookie.secure).map((cookie) => cookie.name));
    return [...names].map((name) => ({
      message: `The cookie ${quoted(name)} is set with SameSite=None but without Secure: browsers reject it.`,
      evidence: { param: `cookie ${name}` },
    }));
  },
});

export const cookieTooLarge = defineRule({
  id: 'cookie-too-large',
  severity: 'warning',
  title: 'Cookie over 4096 bytes',
  explanation:
    'Browsers ignore a cookie whose name and value together exceed 4096 bytes (RFC 6265bis): the Set-Cookie arrives and nothing is stored. Clients that keep the whole authorization request, or a session with its tokens, in one cookie hit it.',
  reference: { title: 'RFC 6265bis: the Set-Cookie header field (size limits)', url: RFC6265BIS },
  fix: 'Keep a short random key in the cookie and the state it points to on the server, or split the value over several cookies (chunking, as many auth libraries offer).',
  check({ cookies }) {
    const sizes = new Map<string, number>();
    for (const cookie of cookies) if (cookie.nameValueSize > MAX_COOKIE_BYTES) sizes.set(cookie.name, cookie.nameValueSize);
    return [...sizes].map(([name, size]) => ({
      message: `The cookie ${quoted(name)} is ${size} bytes (name and value): browsers drop a cookie over ${MAX_COOKIE_BYTES}.`,
      evidence: { param: `cookie ${name}` },
    }));
  },
});

export const cookiesNotVisible = defineRule({
  id: 'cookies-not-visible',
  severity: 'info',
  title: 'Cookies could not be checked',
  explanation:
    "The callback's Cookie header was not visible, so whether the cookies that carry the flow's state came back could not be checked: the cookie checks did not pass, they did not run. Chrome's default HAR export leaves every cookie out; the extension sees them only on origins it has access to.",
  reference: { title: 'RFC 6265bis: the Cookie header field', url: RFC6265BIS },
  fix: "In Chrome, turn on DevTools Settings → Preferences → Network → Allow to generate HAR with sensitive data, and save with Export HAR (with sensitive data); Firefox and Playwright keep cookies. In the extension, grant access to the redirect URI's origin.",
  check({ callback }) {
    if (!callback || callback.record.cookieNames !== undefined) return [];
    return [{ message: "The callback's cookies were not visible (a HAR saved without cookies?), so the cookie checks could not run." }];
  },
});

/** The cookies that carry the flow's state from its start to its callback. */
export const COOKIE_RULES = [cookieNotReturned, cookieSameSiteNoneInsecure, cookieTooLarge, cookiesNotVisible] as const;
