import { describe, expect, it } from 'vitest';
import { HarReader } from '../../../src/core/har/har-reader';

interface Read {
  entries: Array<{ index: number; value: unknown; dropped: readonly string[] }>;
  fields: Array<[string, unknown]>;
  /** What write() answered for each piece. */
  wanted: boolean[];
  result: ReturnType<HarReader['end']>;
}

function read(pieces: readonly string[], maxStringLength?: number): Read {
  const out: Omit<Read, 'result'> = { entries: [], fields: [], wanted: [] };
  const reader = new HarReader(
    { entry: (index, value, dropped) => out.entries.push({ index, value, dropped: [...dropped] }), logField: (name, value) => out.fields.push([name, value]) },
    { maxStringLength },
  );
  for (const piece of pieces) out.wanted.push(reader.write(piece));
  return { ...out, result: reader.end() };
}

const inPieces = (text: string, size: number) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

describe('HarReader', () => {
  it('hands over each entry with its index and every other field of log, in file order', () => {
    const text = JSON.stringify({
      _exporter: { big: 'x'.repeat(100) },
      log: { version: '1.2', creator: { name: 'Charles Proxy', version: '4.6' }, entries: [{ a: 1 }, null, 'three'], pages: [{ id: 'page_1' }], comment: '' },
    });
    for (const size of [1, 9, text.length]) {
      const { entries, fields, result } = read(inPieces(text, size));
      expect(result).toEqual({ ok: true });
      expect(entries).toEqual([
        { index: 0, value: { a: 1 }, dropped: [] },
        { index: 1, value: null, dropped: [] },
        { index: 2, value: 'three', dropped: [] },
      ]);
      expect(fields).toEqual([
        ['version', '1.2'],
        ['creator', { name: 'Charles Proxy', version: '4.6' }],
        ['pages', [{ id: 'page_1' }]],
        ['comment', ''],
      ]);
    }
  });

  it('leaves long strings out of an entry and names them', () => {
    const text = JSON.stringify({ log: { entries: [{ response: { status: 200, content: { size: 50, text: 'b'.repeat(50) } } }] } });
    const { entries } = read(inPieces(text, 8), 20);
    expect(entries).toEqual([{ index: 0, value: { response: { status: 200, content: { size: 50 } } }, dropped: ['response.content.text'] }]);
  });

  it('reads a byte-order mark at the start as nothing, even in a piece of its own', () => {
    expect(read(['\uFEFF', '{"log":{"entries":[1]}}']).entries).toHaveLength(1);
    expect(read(['\uFEFF{"log":{"entries":[1]}}']).entries).toHaveLength(1);
  });

  it.each([
    ['a list', ['[{"log": ', '{"entries": []}}]', ']'], 'not a HAR file: no "log.entries" array', [false, false, false]],
    ['entries that are no list', ['{"log": {"entries": {}', '}}'], 'not a HAR file: "log.entries" is not an array', [false, false]],
  ])('stops at %s: write() says the rest need not be read', (_name, pieces, message, wanted) => {
    const result = read(pieces);
    expect(result.result).toEqual({ ok: false, message });
    expect(result.wanted).toEqual(wanted);
  });

  it('keeps the entries of a file cut off after them, and says where it broke', () => {
    const { result, entries } = read(['{"log": {"entries": [{"a": 1}, {"b"']);
    expect(entries.map(({ value }) => value)).toEqual([{ a: 1 }]);
    expect(result).toEqual({
      ok: true,
      brokenAt: { index: 1, reason: 'the file breaks off here (Unexpected end of JSON input): this entry and any after it are lost' },
    });
  });

  it('says where a file stops being JSON after entries, and reads no further', () => {
    const { result, wanted } = read(['{"log": {"entries": [{"a": 1}, {"b": 2}, x', ', {"c": 3}]}}']);
    expect(result).toMatchObject({ ok: true, brokenAt: { index: 2, reason: expect.stringMatching(/^the file stops being JSON here \(/) } });
    expect(wanted).toEqual([false, false]);
  });

  it('tells JSON cut off before any entry from a file that is no HAR', () => {
    expect(read(['{"log": {"entries": [{"a"']).result).toEqual({
      ok: false,
      message: "not JSON (Unexpected end of JSON input): a HAR file is JSON, as saved by the browser's network panel",
    });
  });
});
