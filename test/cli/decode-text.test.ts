import { describe, expect, it } from 'vitest';
import { decodeText, sniffEncoding } from '../../src/cli/decode-text';

const HAR = '{"log": {"entries": [{"request": {"url": "https://as.example/authorize?state=é😀"}}]}}';

const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  return Buffer.from(le.map((_, i) => le[i ^ 1]!));
};

/** The same bytes in pieces of `size`: code units and surrogate pairs cut across pieces. */
function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
  return Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
}

async function decoded(chunks: Iterable<Uint8Array>): Promise<string> {
  let text = '';
  for await (const piece of decodeText(chunks)) text += piece;
  return text;
}

const FILES: Array<[string, Uint8Array, string]> = [
  ['UTF-8', Buffer.from(HAR, 'utf8'), 'utf-8'],
  ['UTF-8 with a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HAR, 'utf8')]), 'utf-8'],
  ['UTF-16LE with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HAR, 'utf16le')]), 'utf-16le'],
  ['UTF-16LE without one', Buffer.from(HAR, 'utf16le'), 'utf-16le'],
  ['UTF-16BE with a byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(HAR)]), 'utf-16be'],
  ['UTF-16BE without one', utf16be(HAR), 'utf-16be'],
];

describe('decodeText', () => {
  it.each(FILES)('reads %s, the mark dropped', async (_name, bytes, encoding) => {
    expect(sniffEncoding(bytes)).toBe(encoding);
    expect(await decoded([bytes])).toBe(HAR);
  });

  it.each([1, 2, 3, 5])('reads every encoding the same in pieces of %i bytes', async (size) => {
    for (const [name, bytes] of FILES) expect(await decoded(pieces(bytes, size)), name).toBe(HAR);
  });

  it('gives nothing for an empty file, and a lone byte as text', async () => {
    expect(await decoded([])).toBe('');
    expect(await decoded([Buffer.from('x')])).toBe('x');
  });

  it('turns bytes that are no UTF-8 into U+FFFD instead of throwing', async () => {
    expect(await decoded([Buffer.from([0x7b, 0xc3, 0x28, 0x7d])])).toBe('{\uFFFD(}');
  });
});
