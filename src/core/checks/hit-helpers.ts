import type { RuleHit } from './rule';

/**
 * Hits with the same message, severity and evidence reported once: a rule that looks at every
 * arrival at the redirect URI would otherwise repeat itself when the same callback is revisited.
 */
export function distinctHits(hits: readonly RuleHit[]): RuleHit[] {
  const seen = new Set<string>();
  return hits.filter((hit) => {
    const key = JSON.stringify([hit.message, hit.severity ?? null, hit.evidence?.param ?? null, hit.evidence?.value ?? null]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Text a server or page supplied (an error description, an event name), made safe for a
 * one-line message: JSON-quoted so control characters show as escapes, and cut to `max`.
 */
export function quoted(text: string, max = 200): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max - 3)}...` : text);
}
