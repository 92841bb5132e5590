/** The parts of a URL string, split without parsing so that any string, however broken, splits. */
export interface UrlParts {
  /** Everything before `?` or `#`. */
  base: string;
  /** The query without its `?` ('' when absent). */
  query: string;
  /** The fragment without its `#` ('' when absent). */
  fragment: string;
  hasFragment: boolean;
}

export function splitUrl(url: string): UrlParts {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : url.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  return {
    base: queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt),
    query: queryAt === -1 ? '' : beforeHash.slice(queryAt + 1),
    fragment,
    hasFragment: hashAt !== -1,
  };
}

/** The URL without its fragment: what a browser sends, and how two sightings of one navigation compare. */
export function stripFragment(url: string): string {
  const hashAt = url.indexOf('#');
  return hashAt === -1 ? url : url.slice(0, hashAt);
}
