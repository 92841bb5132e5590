import { describe, expect, it } from 'vitest';
import { decodeJwt } from '../../../src/core/jwt/decode-jwt';

const b64url = (value: unknown) =>
  btoa(typeof value === 'string' ? value : JSON.stringify(value))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

describe('decodeJwt', () => {
  it('reads header, payload and the time claims as dates, without verifying', () => {
    const token = `${b64url({ alg: 'RS256', kid: 'k1' })}.${b64url({ iss: 'https://as', nonce: 'n', iat: 1_700_000_000, exp: 1_700_000_300 })}.c2ln`;
    expect(decodeJwt(token)).toEqual({
      ok: true,
      header: { alg: 'RS256', kid: 'k1' },
      payload: { iss: 'https://as', nonce: 'n', iat: 1_700_000_000, exp: 1_700_000_300 },
      issuedAt: '2023-11-14T22:13:20.000Z',
      expiresAt: '2023-11-14T22:18:20.000Z',
    });
  });

  it('reads an unsigned token (empty signature)', () => {
    expect(decodeJwt(`${b64url({ alg: 'none' })}.${b64url({ sub: '1' })}.`).ok).toBe(true);
  });

  it('decodes UTF-8 claims', () => {
    const payload = btoa(String.fromCharCode(...new TextEncoder().encode('{"name":"Zoë"}')))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replace(/=+$/, '');
    const decoded = decodeJwt(`${b64url({ alg: 'none' })}.${payload}.`);
    expect(decoded.ok && decoded.payload.name).toBe('Zoë');
  });

  it.each([
    ['two parts', 'abc.def', '3 dot-separated parts; this one has 2'],
    ['an encrypted JWE', 'a.b.c.d.e', 'encrypted JWT (JWE)'],
    ['a header that is not base64url', 'a+b.e30.', 'header is not base64url'],
    ['a payload that is not JSON', `${b64url({ alg: 'none' })}.${b64url('not json')}.`, 'payload is not JSON'],
    ['a payload that is a JSON array', `${b64url({ alg: 'none' })}.${b64url([1])}.`, 'payload is not a JSON object'],
    ['a payload that is not UTF-8', `${b64url({ alg: 'none' })}._w.`, 'payload is not valid base64url-encoded UTF-8'],
    ['an empty string', '', 'has 1'],
  ])('reports %s as malformed instead of throwing', (_, token, message) => {
    const decoded = decodeJwt(token);
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.message).toContain(message);
  });

  it('ignores time claims that are not numbers', () => {
    const decoded = decodeJwt(`${b64url({ alg: 'none' })}.${b64url({ exp: 'soon', iat: 1e20 })}.`);
    expect(decoded).toMatchObject({ ok: true });
    expect(decoded.ok && [decoded.expiresAt, decoded.issuedAt]).toEqual([undefined, undefined]);
  });
});
