import { describe, expect, it } from 'vitest';
import { base64Text, estimateEntropyBits } from '../../../src/core/checks/estimate-entropy';

const b64url = (text: string) => btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

describe('estimateEntropyBits', () => {
  it.each([
    ['a random base64url value of 32 characters', 'Xq3v9Lk2Pz7Rt5Wm8Nb4Hc6Jd1Fg0Ys2', 32 * Math.log2(62)],
    ['a UUID, its dashes not counted', '123e4567-e89b-12d3-a456-426614174000', 128],
    ['digits', '12345678', Math.log2(10) * 8],
    // GitHub's docs app sent base64 of the page to return to as its state.
    ['base64 of a public URL, which anyone can encode again', b64url('https://learn.github.com/courses/git'), 0],
    ['base64 of a URL whose path has long words', b64url('https://learn.github.com/courses/gitHubusagebasedbilling'), 0],
    ['base64 of JSON that holds a random token: only the token counts', b64url('{"to":"/home","n":"Xq3v9Lk2Pz7Rt5Wm"}'), 16 * Math.log2(62)],
  ])('%s', (_, value, bits) => {
    expect(estimateEntropyBits(value)).toBeCloseTo(bits, 5);
  });
});

describe('base64Text', () => {
  it.each([
    ['base64url of text', b64url('https://app.example/return?x=1'), 'https://app.example/return?x=1'],
    ['padded base64 of text', btoa('return-to-the-dashboard'), 'return-to-the-dashboard'],
    ['a value cut short by one character', b64url('https://learn.github.com/courses').slice(0, 41), 'https://learn.github.com/cours'],
    ['random characters that decode to bytes', 'Xq3v9Lk2Pz7Rt5Wm8Nb4Hc6Jd1Fg0Ys2', undefined],
    ['a short value', b64url('hi'), undefined],
    ['not base64 at all', 'state with spaces and more', undefined],
  ])('%s', (_, value, text) => {
    expect(base64Text(value)).toBe(text);
  });
});
