// The cookies of a HAR entry: the Set-Cookie lines of its response and the names its request
// sent. Chrome's default export since 130 removes both (no `cookies`, no Cookie or Set-Cookie
// headers), so a file with none anywhere is one whose cookies cannot be checked.
import { cookieNamesOf } from '../cookies/parse-set-cookie';
import type { HarCookie, HarEntry, HarHeader } from './har-schema';

/** Whether the entry holds any cookie, sent or set. */
export function carriesCookies(entry: HarEntry): boolean {
  const { request, response } = entry;
  return request.cookies.length > 0 || response.cookies.length > 0 || hasHeader(request.headers, 'cookie') || hasHeader(response.headers, 'set-cookie');
}

/** The names of the cookies the request sent: its Cookie headers and its `cookies`, each name once, in order. */
export function sentCookieNames(entry: HarEntry): string[] {
  const fromHeaders = headerValues(entry.request.headers, 'cookie').flatMap(cookieNamesOf);
  return [...new Set([...fromHeaders, ...entry.request.cookies.map((cookie) => cookie.name)])];
}

/**
 * The response's Set-Cookie lines as sent; where an export kept only `response.cookies`, lines
 * written back from them, so that one parser reads both. The lines hold values: they are parsed
 * and dropped, never kept.
 */
export function setCookieLines(entry: HarEntry): string[] {
  const lines = headerValues(entry.response.headers, 'set-cookie');
  return lines.length > 0 ? lines : entry.response.cookies.map(lineOf);
}

function lineOf(cookie: HarCookie): string {
  const expires = cookie.expires ? Date.parse(cookie.expires) : Number.NaN;
  return [
    `${cookie.name}=${cookie.value ?? ''}`,
    cookie.domain && `Domain=${cookie.domain}`,
    cookie.path && `Path=${cookie.path}`,
    Number.isFinite(expires) && `Expires=${new Date(expires).toUTCString()}`,
    cookie.secure && 'Secure',
    cookie.httpOnly && 'HttpOnly',
    cookie.sameSite && `SameSite=${cookie.sameSite}`,
  ]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('; ');
}

function headerValues(headers: readonly HarHeader[], name: string): string[] {
  return headers.flatMap((header) => (header.name.toLowerCase() === name && header.value ? [header.value] : []));
}

function hasHeader(headers: readonly HarHeader[], name: string): boolean {
  return headers.some((header) => header.name.toLowerCase() === name);
}
