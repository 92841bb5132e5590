import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCookieDate } from '../../../src/core/cookies/cookie-date';
import { cookieNamesOf, parseSetCookie, parseSetCookies } from '../../../src/core/cookies/parse-set-cookie';
import type { SetCookie } from '../../../src/core/observation/observation-schema';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

describe('parseSetCookie', () => {
  it.each<[string, string, Partial<SetCookie>]>([
    ['a bare cookie', 'sid=abc', { name: 'sid', secure: false, httpOnly: false }],
    [
      'every attribute, in any case',
      'st=x; DOMAIN=.App.Example.com; path=/auth; SECURE; httponly; SameSite=NONE',
      { name: 'st', domain: 'app.example.com', path: '/auth', secure: true, httpOnly: true, sameSite: 'none' },
    ],
    ['Max-Age as a time from the response', 'st=x; Max-Age=600', { expiresAt: NOW + 600_000 }],
    ['Max-Age over Expires, whatever the order', 'st=x; Max-Age=60; Expires=Wed, 21 Oct 2099 07:28:00 GMT', { expiresAt: NOW + 60_000 }],
    ['Max-Age=0: deleted on arrival', 'st=; Max-Age=0', { name: 'st', expiresAt: NOW }],
    ['a negative Max-Age: deleted on arrival', 'st=; Max-Age=-5', { expiresAt: NOW }],
    ['Expires', 'st=x; Expires=Mon, 23 Nov 2026 12:10:00 GMT', { expiresAt: NOW + 600_000 }],
    ['a lifetime capped at 400 days', 'st=x; Max-Age=999999999999', { expiresAt: NOW + 400 * DAY }],
    ['a Max-Age that is no number is ignored', 'st=x; Max-Age=10s', { expiresAt: undefined }],
    ['an Expires that is no date is ignored', 'st=x; Expires=tomorrow', { expiresAt: undefined }],
    ['an unknown SameSite is none of the three (read as Lax)', 'st=x; SameSite=Relaxed', { sameSite: undefined }],
    ['a later empty Domain undoes an earlier one', 'st=x; Domain=a.com; Domain=', { domain: undefined }],
    ['a Path not starting with / is the default path', 'st=x; Path=auth', { path: undefined }],
    ['a value without a name', 'justavalue', { name: '' }],
    ['spaces and tabs around name and value', ' \tst \t= x ; Secure', { name: 'st', secure: true }],
    ['junk attributes', 'st=x; ;;=; Partitioned; Priority=High; Secure', { name: 'st', secure: true }],
    ['an attribute value over 1024 bytes is ignored', `st=x; Path=/${'a'.repeat(1024)}`, { path: undefined }],
  ])('reads %s', (_name, line, expected) => {
    const cookie = parseSetCookie(line, NOW);
    // Only the attributes the row names; an undefined one must be absent.
    const read = Object.fromEntries(Object.keys(expected).map((key) => [key, cookie?.[key as keyof SetCookie]]));
    expect(read).toEqual(expected);
  });

  it.each([
    ['an empty line', ''],
    ['no name and no value', ' = ; Secure'],
    ['a control character', 'st=a\x01b'],
  ])('ignores %s, as browsers do', (_name, line) => {
    expect(parseSetCookie(line, NOW)).toBeUndefined();
  });

  it('measures the whole line and its name and value in UTF-8 bytes, and keeps no value', () => {
    const cookie = parseSetCookie('st=café; Path=/', NOW);
    expect(cookie).toMatchObject({ size: 16, nameValueSize: 7 });
    expect(JSON.stringify(cookie)).not.toContain('caf');
  });

  it('reads several lines in one value, as Firefox joins them', () => {
    expect(parseSetCookies(['a=1; Secure\nb=2', 'c=3'], NOW).map((cookie) => cookie.name)).toEqual(['a', 'b', 'c']);
  });

  it('never throws, and gives a finite expiry or none', () => {
    const attribute = fc.constantFrom('Expires', 'Max-Age', 'Domain', 'Path', 'SameSite', 'Secure', 'HttpOnly', '');
    const line = fc.array(fc.tuple(attribute, fc.string()), { maxLength: 6 }).map((parts) => parts.map(([name, text]) => `${name}=${text}`).join(';'));
    fc.assert(
      fc.property(fc.oneof(fc.string(), line), (text) => {
        const cookie = parseSetCookie(text, NOW);
        if (cookie?.expiresAt !== undefined) expect(Number.isFinite(cookie.expiresAt)).toBe(true);
      }),
    );
  });
});

describe('parseCookieDate', () => {
  it.each<[string, string, number | undefined]>([
    ['RFC 1123', 'Sun, 06 Nov 1994 08:49:37 GMT', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['RFC 850 with dashes', 'Sunday, 06-Nov-94 08:49:37 GMT', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['asctime', 'Sun Nov  6 08:49:37 1994', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['a two-digit year below 70 is 20xx', '06 Nov 26 08:49:37', Date.UTC(2026, 10, 6, 8, 49, 37)],
    ['a day that is not in the month', '31 Feb 2026 00:00:00', undefined],
    ['an hour past 23', '06 Nov 2026 24:00:00', undefined],
    ['a year before 1601', '06 Nov 1600 00:00:00', undefined],
    ['no time', '06 Nov 2026', undefined],
    ['junk', 'tomorrow', undefined],
  ])('%s', (_name, text, expected) => {
    expect(parseCookieDate(text)).toBe(expected);
  });
});

describe('cookieNamesOf', () => {
  it.each([
    ['names in order', 'a=1; b=2;c=3', ['a', 'b', 'c']],
    ['a value without a name', 'solo; b=2', ['', 'b']],
    ['nothing', '', []],
    ['stray separators', ' ; a=1 ;; ', ['a']],
  ])('%s', (_name, header, expected) => {
    expect(cookieNamesOf(header)).toEqual(expected);
  });
});
