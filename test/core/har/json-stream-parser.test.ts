import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonStreamParser, JsonSyntaxError, type JsonChoice, type JsonKind, type JsonPath } from '../../../src/core/har/json-stream-parser';

interface Kept {
  path: JsonPath;
  value: unknown;
  dropped: readonly string[];
}

/** Feeds `text` in pieces of `size` and returns what the handler was given. */
function parse(text: string, size: number, select: (path: JsonPath, kind: JsonKind) => JsonChoice = () => 'keep', maxStringLength?: number): Kept[] {
  const kept: Kept[] = [];
  const parser = new JsonStreamParser({ select, value: (path, value, dropped) => kept.push({ path, value, dropped: [...dropped] }) }, { maxStringLength });
  for (let i = 0; i < text.length; i += size) parser.write(text.slice(i, i + size));
  parser.end();
  return kept;
}

function parseError(text: string, size = 3): string {
  try {
    parse(text, size);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error.message;
    throw error;
  }
  return 'no error';
}

describe('JsonStreamParser', () => {
  it('builds what JSON.parse builds, in pieces of any size', () => {
    fc.assert(
      fc.property(fc.json(), fc.integer({ min: 1, max: 17 }), (text, size) => {
        expect(parse(text, size)).toEqual([{ path: [], value: JSON.parse(text), dropped: [] }]);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['escapes split across pieces', '"a\\u00e9\\ud83d\\ude00\\n\\"\\\\\\/"', 'aé😀\n"\\/'],
    ['escaped backslashes before a quote', '["\\\\", "\\\\\\"", "a\\\\\\\\"]', ['\\', '\\"', 'a\\\\']],
    ['numbers', '[0, -0, 1.5e3, -2E-2, 10]', [0, -0, 1500, -0.02, 10]],
    ['literals', '[true,false,null]', [true, false, null]],
    ['whitespace of every kind', ' \t\r\n{ "a" :\n[ ] }\n', { a: [] }],
  ])('reads %s', (_name, text, value) => {
    for (const size of [1, 2, 5]) expect(parse(text, size)[0]!.value).toEqual(value);
  });

  it('keeps "__proto__" as a member, as JSON.parse does, not as the prototype', () => {
    const [{ value }] = parse('{"__proto__": {"polluted": true}, "a": 1}', 4) as [Kept];
    expect(Object.keys(value as object)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['an empty text', '', 'Unexpected end of JSON input'],
    ['a cut-off object', '{"a": [1, 2', 'Unexpected end of JSON input'],
    ['a cut-off string', '"abc', 'Unexpected end of JSON input'],
    ['a word', 'hello', 'Unexpected token "h" at position 0'],
    ['a misspelt literal', '[trUe]', 'Unexpected token "U" at position 3'],
    ['a trailing comma', '[1,]', 'Unexpected token "]" at position 3'],
    ['a missing colon', '{"a" 1}', 'Unexpected token "1" at position 5'],
    ['a name that is not a string', '{a: 1}', 'Unexpected token "a" at position 1'],
    ['a second value', '[1] [2]', 'Unexpected token "[" at position 4'],
    ['a leading zero', '01', 'Bad number "01" before position 2'],
    ['a bare minus', '[-]', 'Bad number "-" before position 2'],
    ['a bad escape', '"\\x"', 'Bad escape or control character in the string ending at position 3'],
    ['a bad unicode escape', '"\\u12G4"', 'Bad escape or control character in the string ending at position 7'],
    ['a raw line feed in a string', '["a\nb"]', 'Bad escape or control character in the string ending at position 5'],
    ['a control character, shown escaped', '\u001b', 'Unexpected token "\\u001b" at position 0'],
  ])('rejects %s', (_name, text, message) => {
    expect(parseError(text)).toBe(message);
  });

  it('builds only what the handler keeps, and asks only outside kept values', () => {
    const asked: string[] = [];
    const select = (path: JsonPath, kind: JsonKind): JsonChoice => {
      asked.push(`${path.join('.')}:${kind}`);
      if (path.length === 0) return 'enter';
      // Inside the list, an object's members: an entered scalar is passed over.
      if (path[0] === 'list') return path.length === 3 ? 'keep' : 'enter';
      return path[0] === 'keep' ? 'keep' : 'skip';
    };
    const kept = parse('{"skip": {"deep": [1, {"x": "y"}]}, "keep": {"a": [1, 2]}, "list": [{"b": 1}, "s", 3]}', 3, select);
    expect(kept).toEqual([
      { path: ['keep'], value: { a: [1, 2] }, dropped: [] },
      { path: ['list', 0, 'b'], value: 1, dropped: [] },
    ]);
    expect(asked).toEqual([':object', 'skip:object', 'keep:object', 'list:array', 'list.0:object', 'list.0.b:number', 'list.1:string', 'list.2:number']);
  });

  it.each([1, 4, 64])('leaves out strings over the limit, in pieces of %i, and says where', (size) => {
    const text = JSON.stringify({ keep: { short: 'abc', body: { text: 'x'.repeat(100) }, list: ['y'.repeat(50), 'ok'] } });
    const [kept] = parse(text, size, (path) => (path.length === 0 ? 'enter' : 'keep'), 10);
    expect(kept).toEqual({ path: ['keep'], value: { short: 'abc', body: {}, list: ['ok'] }, dropped: ['body.text', 'list.0'] });
  });

  it('leaves out a member whose name is over the limit, value and all', () => {
    const [kept] = parse(JSON.stringify({ ['n'.repeat(20)]: { a: 1 }, b: 2 }), 3, () => 'keep', 10);
    expect(kept).toEqual({ path: [], value: { b: 2 }, dropped: ['(a member name)'] });
  });

  it('hands over a kept string over the limit as undefined, dropped whole', () => {
    expect(parse('"abcdefghijkl"', 5, () => 'keep', 10)).toEqual([{ path: [], value: undefined, dropped: [''] }]);
  });
});
