import { describe, expect, it } from 'vitest';
import { isLocalhostName, isLoopbackIpLiteral } from '../../../src/core/url/is-loopback';
import { parseUrl, urlBase } from '../../../src/core/url/parse-url';
import { splitUrl, stripFragment } from '../../../src/core/url/split-url';

describe('splitUrl', () => {
  it.each([
    ['https://a/cb?x=1#y=2', { base: 'https://a/cb', query: 'x=1', fragment: 'y=2', hasFragment: true }],
    ['https://a/cb#y=2?z', { base: 'https://a/cb', query: '', fragment: 'y=2?z', hasFragment: true }],
    ['https://a/cb', { base: 'https://a/cb', query: '', fragment: '', hasFragment: false }],
    ['not a url?%%', { base: 'not a url', query: '%%', fragment: '', hasFragment: false }],
  ])('splits %s', (input, expected) => {
    expect(splitUrl(input)).toEqual(expected);
  });

  it('strips only the fragment', () => {
    expect(stripFragment('https://a/cb?x=1#y')).toBe('https://a/cb?x=1');
  });
});

describe('urlBase', () => {
  it.each([
    ['HTTPS://App.Example:443/cb?x=1', 'https://app.example/cb'],
    ['http://127.0.0.1:8080/cb', 'http://127.0.0.1:8080/cb'],
    ['com.example.app:/oauth2redirect?x=1', 'com.example.app:/oauth2redirect'],
    ['/relative/only', undefined],
  ])('normalises %s', (input, expected) => {
    expect(urlBase(input)).toBe(expected);
  });

  it('reports an unparseable URL with a message instead of throwing', () => {
    expect(parseUrl('http://[bad')).toEqual({ ok: false, message: '"http://[bad" is not a valid absolute URL' });
  });
});

describe('loopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.2.3', true],
    ['[::1]', true],
    ['localhost', false],
    ['128.0.0.1', false],
    ['127.0.0.1.example.com', false],
  ])('%s is a loopback IP literal: %s', (host, expected) => {
    expect(isLoopbackIpLiteral(host)).toBe(expected);
  });

  it.each([
    ['localhost', true],
    ['LOCALHOST.', true],
    ['app.localhost', true],
    ['localhost.example.com', false],
  ])('%s is a localhost name: %s', (host, expected) => {
    expect(isLocalhostName(host)).toBe(expected);
  });
});
