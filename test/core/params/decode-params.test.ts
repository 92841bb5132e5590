import { describe, expect, it } from 'vitest';
import { decodeParams, urlParams } from '../../../src/core/params/decode-params';
import { percentDecode } from '../../../src/core/params/percent-decode';
import { repeatedNames } from '../../../src/core/params/param-list';

describe('percentDecode', () => {
  it.each([
    ['plain', 'abc', { value: 'abc' }],
    ['plus is a space', 'a+b', { value: 'a b' }],
    ['escapes', 'https%3A%2F%2Fapp%2Fcb', { value: 'https://app/cb' }],
    ['UTF-8 escapes', 'caf%C3%A9', { value: 'café' }],
    ['an encoded plus stays a plus', 'a%2Bb', { value: 'a+b' }],
  ])('%s', (_, raw, expected) => {
    expect(percentDecode(raw)).toEqual(expected);
  });

  it.each([
    ['a stray %', 'ab%zz', 'ab%zz', 'not followed by two hex digits'],
    ['a truncated escape at the end', 'ab%4', 'ab%4', 'not followed by two hex digits'],
    ['bytes that are not UTF-8', 'x%FFy%20z', 'x%FFy z', 'not UTF-8'],
  ])('reports %s without throwing, keeping what decodes', (_, raw, value, problem) => {
    const decoded = percentDecode(raw);
    expect(decoded.value).toBe(value);
    expect(decoded.error).toContain(problem);
  });
});

describe('decodeParams', () => {
  it('keeps duplicates in order and tags their location', () => {
    expect(decodeParams('scope=a&state=1&scope=b', 'query')).toEqual([
      { name: 'scope', value: 'a', in: 'query' },
      { name: 'state', value: '1', in: 'query' },
      { name: 'scope', value: 'b', in: 'query' },
    ]);
  });

  it('gives a name without "=" an empty value and skips empty pairs', () => {
    expect(decodeParams('state&&code=', 'fragment')).toEqual([
      { name: 'state', value: '', in: 'fragment' },
      { name: 'code', value: '', in: 'fragment' },
    ]);
  });

  it('keeps "=" inside a value', () => {
    expect(decodeParams('request=a=b==', 'query')).toEqual([{ name: 'request', value: 'a=b==', in: 'query' }]);
  });

  it('marks the parameter whose encoding is broken', () => {
    const [param] = decodeParams('error_description=bad%E0%A4%A', 'query');
    expect(param?.error).toMatch(/bad percent-encoding/);
  });

  it('decodes a huge parameter without trouble', () => {
    const [param] = decodeParams(`state=${'a'.repeat(1_000_000)}`, 'query');
    expect(param?.value).toHaveLength(1_000_000);
  });
});

describe('urlParams', () => {
  it('reads query, then fragment, then form fields', () => {
    const params = urlParams('https://app/cb?code=1#state=2', [['id_token', 'x']]);
    expect(params.map((p) => [p.name, p.in])).toEqual([
      ['code', 'query'],
      ['state', 'fragment'],
      ['id_token', 'form'],
    ]);
  });

  it('ignores a fragment that is a route rather than parameters', () => {
    expect(urlParams('https://app/cb?code=1#/dashboard')).toHaveLength(1);
  });

  it('never throws on strings that are not URLs', () => {
    expect(urlParams('%%%?%%%=%%%#&&=')).toEqual([{ name: '%%%', value: '%%%', in: 'query', error: expect.any(String) }]);
  });
});

describe('repeatedNames', () => {
  it('lists each repeated name once, in first-seen order', () => {
    expect(repeatedNames(decodeParams('a=1&b=2&a=3&b=4&a=5&c=6', 'query'))).toEqual(['a', 'b']);
  });
});
