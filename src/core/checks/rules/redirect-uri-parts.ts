import { paramNamesWhere } from '../../params/oauth-vocabulary';
import { percentDecode } from '../../params/percent-decode';
import { isLocalhostName, isLoopbackIpLiteral } from '../../url/is-loopback';
import { parseUrl, urlBase } from '../../url/parse-url';
import type { FlowView } from '../flow-view';

/** Where a flow sends the browser back: the request's redirect_uri, else the URL its callback reached. */
export interface RedirectTarget {
  url: URL;
  /** Scheme, host, port and path only: safe to show, since a callback URL carries the code. */
  base: string;
  from: 'redirect_uri' | 'callback';
}

export function redirectTarget({ request, callback }: FlowView): RedirectTarget | undefined {
  const redirectUri = request?.fields.redirectUri;
  const [raw, from] = redirectUri ? [redirectUri, 'redirect_uri' as const] : [callback?.record.url, 'callback' as const];
  if (raw === undefined) return undefined;
  const parsed = parseUrl(raw);
  const base = urlBase(raw);
  return parsed.ok && base !== undefined ? { url: parsed.url, base, from } : undefined;
}

export type HostKind = 'loopback-ip' | 'localhost' | 'other';

/** RFC 8252 s8.3: loopback IP literals are exempt from TLS; the name `localhost` is discouraged. */
export function hostKind(hostname: string): HostKind {
  if (isLoopbackIpLiteral(hostname)) return 'loopback-ip';
  return isLocalhostName(hostname) ? 'localhost' : 'other';
}

/** What two redirect URIs must share to belong to one app: the host name, or the scheme of a native app's URI. */
export function appKey(uri: string): string | undefined {
  const parsed = parseUrl(uri);
  if (!parsed.ok) return undefined;
  return parsed.url.hostname === '' ? parsed.url.protocol.toLowerCase() : parsed.url.hostname.toLowerCase();
}

/** Where `actual` differs from `registered`, in words; empty when either is not a URL. */
export function describeDifferences(actual: string, registered: string): string[] {
  const a = parseUrl(actual);
  const r = parseUrl(registered);
  if (!a.ok || !r.ok) return [];
  const [x, y] = [a.url, r.url];
  const differences: string[] = [];
  if (x.protocol !== y.protocol) differences.push(`scheme (${x.protocol.slice(0, -1)} instead of ${y.protocol.slice(0, -1)})`);
  if (x.hostname !== y.hostname) differences.push(`host (${x.hostname} instead of ${y.hostname})`);
  if (x.port !== y.port) differences.push(`port (${x.port || 'default'} instead of ${y.port || 'default'})`);
  if (x.pathname !== y.pathname) {
    const trimmed = (path: string) => path.replace(/\/+$/, '');
    differences.push(trimmed(x.pathname) === trimmed(y.pathname) ? 'trailing slash' : `path (${x.pathname} instead of ${y.pathname})`);
  }
  if (x.search !== y.search) differences.push('query');
  if (x.hash !== y.hash) differences.push('fragment');
  // Same URL once parsed, different as written: exact matching still rejects it.
  if (differences.length === 0 && actual !== registered) {
    // `https://as.example` and `https://as.example/` parse alike; an issuer compares as written.
    const slashless = (url: string) => url.replace(/\/+$/, '');
    differences.push(slashless(actual) === slashless(registered) ? 'trailing slash' : 'spelling (letter case, an explicit default port or percent-encoding)');
  }
  return differences;
}

/** The registered URI closest to `actual`: fewest differences, the first on a tie. */
export function nearestUri(actual: string, candidates: readonly string[]): string | undefined {
  let best: { uri: string; score: number } | undefined;
  for (const uri of candidates) {
    const differences = describeDifferences(actual, uri);
    const score = differences.length === 0 ? Number.MAX_SAFE_INTEGER : differences.length;
    if (!best || score < best.score) best = { uri, score };
  }
  return best?.uri;
}

/** Parameters only an authorization response should put on the redirect URI. */
export const RESPONSE_PARAM_NAMES = paramNamesWhere('pollutesRedirectUri');

const NESTED_URL = /^\s*(?:https?:)?[/\\]{2}/i;

/** A value that is an absolute URL (`https://...` or `//host`), even percent-encoded once or twice more. */
export function isNestedUrl(value: string): boolean {
  let text = value;
  for (let round = 0; round < 3; round++) {
    if (NESTED_URL.test(text)) return true;
    const decoded = percentDecode(text).value;
    if (decoded === text) return false;
    text = decoded;
  }
  return NESTED_URL.test(text);
}
