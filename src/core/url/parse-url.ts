import { splitUrl } from './split-url';

export type ParsedUrl = { ok: true; url: URL } | { ok: false; message: string };

/** `new URL` that reports instead of throwing, optionally resolving a relative Location. */
export function parseUrl(input: string, base?: string): ParsedUrl {
  try {
    return { ok: true, url: new URL(input, base) };
  } catch {
    const shown = input.length > 80 ? `${input.slice(0, 77)}...` : input;
    return { ok: false, message: `"${shown}" is not a valid absolute URL` };
  }
}

/** Scheme, host, port and path of a URL, normalised the way a browser would send it. */
export function urlBase(input: string): string | undefined {
  const parsed = parseUrl(input);
  if (!parsed.ok) return undefined;
  const { url } = parsed;
  // Custom schemes (native apps) have no origin: their base is the URL up to query or fragment.
  if (url.origin === 'null') return splitUrl(url.href).base;
  return `${url.origin}${url.pathname}`;
}
