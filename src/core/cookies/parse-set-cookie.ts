// A Set-Cookie line read as RFC 6265bis has browsers read it, keeping what decides whether
// the cookie comes back and dropping its value: only its size is kept of it.
import type { SetCookie } from '../observation/observation-schema';
import { parseCookieDate } from './cookie-date';

/** RFC 6265bis: browsers keep a cookie 400 days at most, whatever Max-Age or Expires say. */
const MAX_LIFETIME_MS = 400 * 24 * 60 * 60 * 1000;
/** RFC 6265bis: an attribute value longer than this is ignored. */
const MAX_ATTRIBUTE_BYTES = 1024;
/** Control characters other than HTAB: a browser ignores a line holding one. */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
const MAX_AGE = /^-?\d+$/;

/**
 * The cookies of Set-Cookie header values received at `receivedAt` (ms). A value may hold several
 * lines (Firefox's webRequest joins them with "\n"); lines a browser would ignore are left out.
 * Never throws.
 */
export function parseSetCookies(values: readonly string[], receivedAt: number): SetCookie[] {
  const cookies: SetCookie[] = [];
  for (const value of values) {
    for (const line of value.split('\n')) {
      const cookie = parseSetCookie(line, receivedAt);
      if (cookie) cookies.push(cookie);
    }
  }
  return cookies;
}

/** One Set-Cookie line, or undefined when a browser would ignore it (no name nor value, a control character). */
export function parseSetCookie(line: string, receivedAt: number): SetCookie | undefined {
  if (CONTROL.test(line)) return undefined;
  const [pair = '', ...attributes] = line.split(';');
  const equals = pair.indexOf('=');
  // RFC 6265bis: a pair without "=" is a value with an empty name.
  const name = equals < 0 ? '' : trim(pair.slice(0, equals));
  const value = equals < 0 ? trim(pair) : trim(pair.slice(equals + 1));
  if (name === '' && value === '') return undefined;
  const cookie: SetCookie = { name, secure: false, httpOnly: false, size: utf8Length(line), nameValueSize: utf8Length(name) + utf8Length(value) };
  let maxAge: number | undefined;
  let expires: number | undefined;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = trim(at < 0 ? attribute : attribute.slice(0, at)).toLowerCase();
    const text = at < 0 ? '' : trim(attribute.slice(at + 1));
    if (utf8Length(text) > MAX_ATTRIBUTE_BYTES) continue;
    switch (key) {
      case 'expires':
        expires = parseCookieDate(text) ?? expires;
        break;
      case 'max-age':
        if (MAX_AGE.test(text)) maxAge = Number(text);
        break;
      case 'domain': {
        const domain = text.replace(/^\./, '').toLowerCase();
        if (domain === '') delete cookie.domain;
        else cookie.domain = domain;
        break;
      }
      case 'path':
        if (text.startsWith('/')) cookie.path = text;
        else delete cookie.path;
        break;
      case 'secure':
        cookie.secure = true;
        break;
      case 'httponly':
        cookie.httpOnly = true;
        break;
      case 'samesite': {
        const sameSite = text.toLowerCase();
        if (sameSite === 'strict' || sameSite === 'lax' || sameSite === 'none') cookie.sameSite = sameSite;
        else delete cookie.sameSite;
        break;
      }
    }
  }
  // Max-Age wins over Expires; a Max-Age of 0 or less deletes the cookie at once.
  const expiresAt = maxAge !== undefined ? receivedAt + Math.max(0, maxAge) * 1000 : expires;
  if (expiresAt !== undefined) cookie.expiresAt = Math.min(expiresAt, receivedAt + MAX_LIFETIME_MS);
  return cookie;
}

/** The names a Cookie request header sends ("a=1; b=2"), in order; never their values. */
export function cookieNamesOf(header: string): string[] {
  const names: string[] = [];
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    const name = trim(equals < 0 ? '' : pair.slice(0, equals));
    if (equals >= 0 || trim(pair) !== '') names.push(name);
  }
  return names;
}

/** RFC 6265bis trims spaces and horizontal tabs only. */
function trim(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '');
}

/** Bytes of a string in UTF-8, as a header travels. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
