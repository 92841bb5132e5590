import { parseUrl } from '../url/parse-url';
import type { Settings } from './settings-schema';

/**
 * The host-permission match patterns the extension needs to see the registered flows: the
 * origin of every registered redirect URI and of its authorization servers, e.g.
 * `https://app.example.com/*`. Custom schemes (native apps) have no origin and are skipped.
 * Patterns carry no port: Firefox rejects ports in match patterns, and Chrome then matches any.
 */
export function watchedOrigins(settings: Pick<Settings, 'redirectUris'>): string[] {
  const urls = settings.redirectUris.flatMap(({ uri, authorizationServers }) => [uri, ...authorizationServers]);
  return uniquePatterns(urls.map(originPattern));
}

/** `scheme://host/*` for an http(s) URL; undefined for anything else. */
export function originPattern(url: string): string | undefined {
  const parsed = parseUrl(url);
  if (!parsed.ok) return undefined;
  const { protocol, hostname } = parsed.url;
  return protocol === 'http:' || protocol === 'https:' ? `${protocol}//${hostname}/*` : undefined;
}

export function uniquePatterns(patterns: ReadonlyArray<string | undefined>): string[] {
  return [...new Set(patterns.filter((pattern) => pattern !== undefined))].sort();
}

/** The schemes `<all_urls>` covers (both browsers also accept ws, wss, ftp and file). */
const ALL_URLS_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);
const PATTERN = /^(\*|[a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)$/i;

/**
 * A predicate telling whether a URL matches any of these match patterns (the WebExtensions
 * syntax: `<all_urls>`, `*://*.example.com/*`, `https://host:8443/path*`). Patterns that do not
 * parse match nothing. Compiled once: it runs for every navigation the browser reports.
 */
export function urlMatcher(patterns: readonly string[]): (url: string) => boolean {
  const tests = patterns.map(compilePattern);
  return (url) => {
    const parsed = parseUrl(url);
    return parsed.ok && tests.some((test) => test(parsed.url));
  };
}

function compilePattern(pattern: string): (url: URL) => boolean {
  if (pattern === '<all_urls>') return (url) => ALL_URLS_SCHEMES.has(url.protocol);
  const match = PATTERN.exec(pattern);
  if (!match) return () => false;
  const [, scheme = '', hostPort = '', path = ''] = match;
  const [host = '', port] = splitPort(hostPort.toLowerCase());
  const pathRe = new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`);
  return (url) =>
    (scheme === '*' ? url.protocol === 'http:' || url.protocol === 'https:' : url.protocol === `${scheme.toLowerCase()}:`) &&
    hostMatches(host, url.hostname) &&
    (port === undefined || port === '*' || port === effectivePort(url)) &&
    pathRe.test(url.pathname + url.search);
}

function splitPort(hostPort: string): [string, string?] {
  // An IPv6 host is bracketed, so only a colon after the closing bracket starts a port.
  const colon = hostPort.lastIndexOf(':');
  return colon > hostPort.lastIndexOf(']') ? [hostPort.slice(0, colon), hostPort.slice(colon + 1)] : [hostPort];
}

function hostMatches(host: string, hostname: string): boolean {
  if (host === '*') return true;
  if (host.startsWith('*.')) return hostname === host.slice(2) || hostname.endsWith(host.slice(1));
  return hostname === host;
}

function effectivePort(url: URL): string {
  if (url.port !== '') return url.port;
  return url.protocol === 'https:' || url.protocol === 'wss:' ? '443' : url.protocol === 'http:' || url.protocol === 'ws:' ? '80' : '';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
