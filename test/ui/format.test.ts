import { describe, expect, it } from 'vitest';
import { countdownText, hostPath, lifetimeText, sinceStart } from '../../src/popup/format';

describe('popup formatting', () => {
  it.each([
    [420, '+0.42 s'],
    [0, '+0.00 s'],
    [61_500, '+61.50 s'],
    [-250, '−0.25 s'],
  ])('writes %d ms after the request as %s', (ms, text) => {
    expect(sinceStart(1_000_000 + ms, 1_000_000)).toBe(text);
  });

  it.each([
    [300_000, '05:00'],
    [299_001, '05:00'],
    [299_000, '04:59'],
    [59_000, '00:59'],
    [1, '00:01'],
    [0, '00:00'],
    [-5_000, '00:00'],
    [3_600_000, '1:00:00'],
  ])('shows %d ms left as %s', (ms, text) => {
    expect(countdownText(ms)).toBe(text);
  });

  it.each([
    ['https://as.example.com/authorize?client_id=a&code=secret#x', 'as.example.com/authorize'],
    ['https://as.example.com/?x=1', 'as.example.com'],
    ['http://127.0.0.1:8080/cb', '127.0.0.1:8080/cb'],
    ['com.example.app:/oauth2redirect?code=secret', 'com.example.app:/oauth2redirect'],
    ['not a url?code=secret', 'not a url'],
  ])('shows %s as %s, never its query', (url, shown) => {
    expect(hostPath(url)).toBe(shown);
  });

  it.each([
    [60, '60 s'],
    [300, '5 min'],
    [600, '10 min'],
    [90, '90 s'],
  ])('writes a %d s lifetime as %s', (seconds, text) => {
    expect(lifetimeText(seconds)).toBe(text);
  });
});
