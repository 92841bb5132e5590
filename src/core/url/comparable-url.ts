import { urlBase } from './parse-url';
import { splitUrl, stripFragment } from './split-url';

/**
 * A scheme or authority a browser would write differently: upper case, a default port, an
 * escape. Browsers report normalised URLs, but HAR exports and hand-written redirect_uris do not.
 * Only these are parsed, so the common case stays a string slice.
 */
const NOT_NORMAL = /^[^:/?#]*[A-Z]|^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(?:[A-Z%]|:(?:443|80)(?=[/?#]|$))/;

/** Scheme, host, port and path as the browser would send them: how correlation compares bases. */
export function comparableBase(url: string): string {
  const { base } = splitUrl(url);
  return NOT_NORMAL.test(base) ? (urlBase(base) ?? base) : base;
}

/** The URL without its fragment, its base normalised: two sightings of one navigation compare equal. */
export function comparableUrl(url: string): string {
  const stripped = stripFragment(url);
  if (!NOT_NORMAL.test(stripped)) return stripped;
  const { base } = splitUrl(stripped);
  return comparableBase(base) + stripped.slice(base.length);
}

/**
 * `comparableUrl` of a recorded hop or callback, computed once per record: the callback search
 * compares a sighting with every recent callback, on every navigation.
 */
const memo = new WeakMap<{ url: string }, string>();

export function comparableUrlOf(entry: { url: string }): string {
  let url = memo.get(entry);
  if (url === undefined) memo.set(entry, (url = comparableUrl(entry.url)));
  return url;
}
