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
  const compact = /^[0-9a-fA-F-]+$/.test(value) ? value.replaceAll('-', '') : value;
  if (compact.length === 0) return 0;
  // A value repeating one or two characters is not random whatever its length.
  if (new Set(compact).size <= 2) return compact.length * (new Set(compact).size - 1);
  const size = ALPHABETS.find(([pattern]) => pattern.test(compact))?.[1] ?? 95;
  return compact.length * Math.log2(size);
}
