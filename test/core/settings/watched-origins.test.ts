import { describe, expect, it } from 'vitest';
import { SettingsSchema, type SettingsInput } from '../../../src/core/settings/settings-schema';
import { originPattern, urlMatcher, watchedOrigins } from '../../../src/core/settings/watched-origins';

describe('watchedOrigins', () => {
  it.each<[string, SettingsInput['redirectUris'], string[]]>([
    ['nothing registered', [], []],
    ['a redirect URI', [{ uri: 'https://app.example.com/callback' }], ['https://app.example.com/*']],
    [
      'a redirect URI and its authorization servers',
      [{ uri: 'https://app.example.com/cb', authorizationServers: ['https://login.example.com/authorize', 'https://idp.example.net'] }],
      ['https://app.example.com/*', 'https://idp.example.net/*', 'https://login.example.com/*'],
    ],
    ['a port, which match patterns cannot carry', [{ uri: 'http://127.0.0.1:8080/cb' }], ['http://127.0.0.1/*']],
    ['a custom scheme, which has no origin', [{ uri: 'com.example.app:/oauth2redirect' }], []],
    [
      'the same origin twice, once',
      [{ uri: 'https://app.example.com/a' }, { uri: 'https://APP.example.com/b', authorizationServers: ['https://app.example.com/as'] }],
      ['https://app.example.com/*'],
    ],
  ])('%s', (_, redirectUris, expected) => {
    expect(watchedOrigins(SettingsSchema.parse({ redirectUris }))).toEqual(expected);
  });
});

describe('originPattern', () => {
  it.each([
    ['https://a.example/x?y#z', 'https://a.example/*'],
    ['http://[::1]:3000/cb', 'http://[::1]/*'],
    ['ftp://a.example/', undefined],
    ['not a url', undefined],
  ])('%s -> %s', (url, pattern) => {
    expect(originPattern(url)).toBe(pattern);
  });
});

describe('urlMatcher', () => {
  it.each<[string, string, boolean]>([
    ['<all_urls>', 'https://any.example/path?q', true],
    ['<all_urls>', 'about:blank', false],
    ['https://app.example.com/*', 'https://app.example.com/cb?code=1', true],
    ['https://app.example.com/*', 'https://app.example.com:8443/cb', true],
    ['https://app.example.com/*', 'http://app.example.com/cb', false],
    ['https://app.example.com/*', 'https://evil.example.com/app.example.com', false],
    ['https://app.example.com/*', 'https://app.example.com.evil.net/', false],
    ['*://*.example.com/*', 'http://deep.sub.example.com/', true],
    ['*://*.example.com/*', 'https://example.com/', true],
    ['*://*.example.com/*', 'https://notexample.com/', false],
    ['*://*/*', 'ws://a.example/', false],
    ['http://127.0.0.1:8080/*', 'http://127.0.0.1:8080/x', true],
    ['http://127.0.0.1:8080/*', 'http://127.0.0.1:9090/x', false],
    ['https://a.example/cb*', 'https://a.example/cb?code=1', true],
    ['https://a.example/cb*', 'https://a.example/other', false],
    ['not a pattern', 'https://a.example/', false],
  ])('%s matches %s: %s', (pattern, url, expected) => {
    expect(urlMatcher([pattern])(url)).toBe(expected);
  });

  it('matches when any pattern does, and nothing with none', () => {
    expect(urlMatcher(['https://a.example/*', 'https://b.example/*'])('https://b.example/x')).toBe(true);
    expect(urlMatcher([])('https://a.example/')).toBe(false);
    expect(urlMatcher(['<all_urls>'])('::not a url::')).toBe(false);
  });
});
