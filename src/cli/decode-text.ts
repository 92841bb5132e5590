// A file's bytes as text, whatever Unicode encoding the tool that saved it chose: HAR is JSON and
// JSON is UTF-8, but Windows tools (PowerShell's Out-File, some Fiddler set-ups) save UTF-16.
// Decoded as the bytes arrive, so a large file is never held whole.

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The encoding the first bytes show: a byte-order mark, else JSON's first character (always
 * ASCII: `{`, `[` or white space) with a zero byte after it (UTF-16LE) or before it (UTF-16BE).
 */
export function sniffEncoding(head: Uint8Array): Encoding {
  const [a, b] = head;
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  if (a !== undefined && a !== 0 && b === 0) return 'utf-16le';
  if (a === 0 && b !== undefined && b !== 0) return 'utf-16be';
  return 'utf-8';
}

export async function* decodeText(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  // Two bytes tell the encoding: a first chunk of one byte waits for the next.
  let head: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    let bytes = chunk;
    if (decoder === undefined) {
      head = concat(head, chunk);
      if (head.length < 2) continue;
      // The decoder drops the byte-order mark; bytes that are no text become U+FFFD, which JSON refuses where it matters.
      decoder = new TextDecoder(sniffEncoding(head));
      bytes = head;
    }
    const text = decoder.decode(bytes, { stream: true });
    if (text !== '') yield text;
  }
  const last = decoder === undefined ? new TextDecoder(sniffEncoding(head)).decode(head) : decoder.decode();
  if (last !== '') yield last;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
