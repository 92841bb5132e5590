export type Decoded = { value: string; error?: string };

const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/**
 * application/x-www-form-urlencoded decoding that never throws: `+` is a space, valid escapes
 * decode, and whatever is not valid (a stray `%`, bytes that are not UTF-8) stays as written
 * and is reported.
 */
export function percentDecode(raw: string): Decoded {
  const text = raw.includes('+') ? raw.replaceAll('+', ' ') : raw;
  if (!text.includes('%')) return { value: text };
  try {
    return { value: decodeURIComponent(text) };
  } catch {
    return decodeLeniently(text);
  }
}

function decodeLeniently(text: string): Decoded {
  let invalid = false;
  const value = text.replace(PERCENT_RUN, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      invalid = true;
      return run;
    }
  });
  const stray = /%(?![0-9A-Fa-f]{2})/.test(text);
  const problems = [stray && 'a "%" not followed by two hex digits', invalid && 'escapes that are not UTF-8'];
  return { value, error: `bad percent-encoding: ${problems.filter(Boolean).join(' and ')}` };
}
