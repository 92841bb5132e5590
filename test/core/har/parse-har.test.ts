import { describe, expect, it } from 'vitest';
import { parseHar } from '../../../src/core/har/har-schema';
import { harText } from '../../support/har';

describe('parseHar', () => {
  it.each([
    ['plain text', 'hello world', /^not JSON \(Unexpected token "h" at position 0\): a HAR file is JSON/],
    ['a word that starts like a literal', 'this is not json', /^not JSON \(Unexpected token "h" at position 1\)/],
    ['an empty file', '', /^not JSON \(Unexpected end of JSON input\)/],
    ['an HTML page over several lines', '<html>\n<body>\n</body>', /^not JSON/],
    ['a JSON object without log', '{"version": "1.2"}', /^not a HAR file: no "log.entries" array$/],
    ['a JSON array', '[1, 2]', /^not a HAR file: no "log.entries" array$/],
    ['null', 'null', /^not a HAR file: no "log.entries" array$/],
    ['a log without entries', '{"log": {"version": "1.2"}}', /^not a HAR file: "log.entries" is not an array$/],
    ['entries that are not an array', '{"log": {"entries": {}}}', /^not a HAR file: "log.entries" is not an array$/],
    ['a log that is not an object', '{"log": [1]}', /^not a HAR file: "log.entries" is not an array$/],
    ['a HAR cut off in the middle', '{"log": {"entries": [{"request": {', /^not JSON \(Unexpected end of JSON input\)/],
  ])('rejects %s with a one-line message', (_name, text, message) => {
    const parsed = parseHar(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toMatch(message);
    expect(parsed.message).not.toContain('\n');
  });

  it.each([
    ['an empty log', '{"log": {"entries": []}}', 0],
    ['a recorded file', harText([{ url: 'https://app.example.com/', status: 200 }]), 1],
    ['a file with a byte-order mark', `\uFEFF${harText([{ url: 'https://app.example.com/', status: 200 }])}`, 1],
    ['entries that are not all valid (they are checked one by one)', '{"log": {"entries": [1, "two", null]}}', 3],
  ])('accepts %s', (_name, text, entries) => {
    const parsed = parseHar(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.har.log.entries).toHaveLength(entries);
  });

  it('keeps the fields of log it does not know', () => {
    const parsed = parseHar('{"log": {"entries": [], "_custom": 1, "creator": {"name": "Fiddler"}}}');
    expect(parsed.ok && parsed.har.log).toEqual({ _custom: 1, creator: { name: 'Fiddler' }, entries: [] });
  });

  it('keeps long strings of a file already in memory', () => {
    const body = 'x'.repeat(3 * 1024 * 1024);
    const parsed = parseHar(JSON.stringify({ log: { entries: [{ response: { content: { text: body } } }] } }));
    expect(parsed.ok && parsed.har.log.entries).toEqual([{ response: { content: { text: body } } }]);
  });
});
