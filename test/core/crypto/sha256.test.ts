import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64url, sha256, utf8 } from '../../../src/core/crypto/sha256';

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
const nodeSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256', () => {
  // FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and the NIST long-message vector.
  it.each([
    ['the empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['the 448-bit message', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['one million "a"', 'a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ])('hashes %s', (_, text, digest) => {
    expect(hex(sha256(utf8(text)))).toBe(digest);
  });

  it.each([0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129])('agrees with node:crypto on %i bytes', (length) => {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
    expect(hex(sha256(bytes))).toBe(nodeSha256(bytes));
  });

  it('agrees with node:crypto on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => hex(sha256(bytes)) === nodeSha256(bytes)),
      { numRuns: 500 },
    );
  });

  it('agrees with node:crypto on any bytes around the padding boundaries', () => {
    const length = fc.constantFrom(55, 56, 63, 64).chain((edge) => fc.integer({ min: edge - 1, max: edge + 1 }));
    fc.assert(
      fc.property(
        length.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
        (bytes) => hex(sha256(bytes)) === nodeSha256(bytes),
      ),
    );
  });

  it('leaves its input unchanged', () => {
    const bytes = utf8('abc');
    sha256(bytes);
    expect([...bytes]).toEqual([0x61, 0x62, 0x63]);
  });
});

describe('utf8', () => {
  it.each([
    ['ASCII', 'abc', [0x61, 0x62, 0x63]],
    ['a two-byte character', 'é', [0xc3, 0xa9]],
    ['an astral character', '😀', [0xf0, 0x9f, 0x98, 0x80]],
  ])('encodes %s', (_, text, bytes) => {
    expect([...utf8(text)]).toEqual(bytes);
  });
});

describe('base64url', () => {
  // RFC 4648 s10 test vectors, without padding.
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %j as %j', (text, encoded) => {
    expect(base64url(utf8(text))).toBe(encoded);
  });

  it('uses - and _ rather than + and /', () => {
    expect(base64url(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('-_-_');
  });

  it('agrees with Buffer on any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => base64url(bytes) === Buffer.from(bytes).toString('base64url')));
  });
});
