/** Alphabets a generated value is usually drawn from, smallest first. */
const ALPHABETS: ReadonlyArray<[RegExp, number]> = [
  [/^[0-9]*$/, 10],
  [/^[0-9a-f]*$/, 16],
  [/^[0-9A-F]*$/, 16],
  [/^[a-z2-7]*$/, 32],
  [/^[0-9a-z]*$/, 36],
  [/^[0-9A-Z]*$/, 36],
  [/^[0-9A-Za-z]*$/, 62],
  [/^[0-9A-Za-z_-]*$/, 64],
  [/^[0-9A-Za-z+/=]*$/, 64],
];

/**
 * Bits of entropy a value could hold if every character were drawn at random from the smallest
 * alphabet that contains it. An upper bound: a value built from a counter or a timestamp holds
 * far less, which is why a low estimate is worth a finding and a high one proves nothing.
 * Separators (`-`, `.`) in UUIDs and similar formats carry no entropy and are not counted.
 */
export function estimateEntropyBits(value: string): number {
  const text = base64Text(value);
  if (text !== undefined) {
    // Base64 of readable text (a return URL, JSON) is as guessable as the text: only the random
    // looking tokens inside it count, long runs mixing letters and digits (not words in a path).
    const tokens = (text.match(/[0-9A-Za-z_-]{16,}/g) ?? []).filter((token) => /\d/.test(token) && /[A-Za-z]/.test(token));
    return tokens.reduce((bits, token) => bits + estimateEntropyBits(token), 0);
  }
  const compact = /^[0-9a-fA-F-]+$/.test(value) ? value.replaceAll('-', '') : value;
  if (compact.length === 0) return 0;
  // A value repeating one or two characters is not random whatever its length.
  if (new Set(compact).size <= 2) return compact.length * (new Set(compact).size - 1);
  const size = ALPHABETS.find(([pattern]) => pattern.test(compact))?.[1] ?? 95;
  return compact.length * Math.log2(size);
}

/**
 * The text a value is the base64 (or base64url) of, when that text is printable ASCII. Random
 * bytes almost never are (under (95/256)^12 for 16 characters), so printable text means the
 * value was built from something readable rather than drawn at random.
 */
export function base64Text(value: string): string | undefined {
  if (value.length < 16 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  const unpadded = value.replace(/=+$/, '').replaceAll('-', '+').replaceAll('_', '/');
  // A length of 4n+1 is no base64; a truncated value loses its last character.
  const whole = unpadded.length % 4 === 1 ? unpadded.slice(0, -1) : unpadded;
  let text: string;
  try {
    text = atob(whole + '='.repeat((4 - (whole.length % 4)) % 4));
  } catch {
    return undefined;
  }
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}
