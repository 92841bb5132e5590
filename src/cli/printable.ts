// What the command line prints of a recording, made safe for a terminal: a crafted HAR must not set
// the window title, clear the screen or reorder what is shown through a URL, a method or an error.

/**
 * Beyond the C0 controls (newlines included): DEL, the C1 controls (a terminal may read U+009B as
 * an escape), and the bidirectional controls that make text display in another order than it reads.
 */
const BEYOND_C0 = '\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE = new RegExp(`[\\u0000-\\u001f${BEYOND_C0}]`, 'g');
const UNSAFE_IN_JSON = new RegExp(`[${BEYOND_C0}]`, 'g');

/** The text on one line with every unsafe character written as an escape: \x1b, \u{202e}. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/**
 * JSON text safe on a terminal: JSON.stringify escapes the C0 controls only, so the others are
 * escaped here. They can only be inside strings, so the JSON means the same.
 */
export function printableJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
