// Whether a browser sends a cookie to a URL: RFC 6265bis's domain-match and path-match, and the
// "site" that SameSite compares.
/** Whether `host` is `domain` or a subdomain of it (not when `host` is an IP address). */
export function domainMatches(host: string, domain: string): boolean {
  if (host === domain) return true;
  return host.endsWith(`.${domain}`) && !isIpAddress(host);
}

/** Whether a cookie of `cookiePath` goes with a request to `requestPath`. */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/**
 * The site of a host, near enough: its last two labels (an IP address or a one-label name whole).
 * Without the public suffix list, two sites under one two-label suffix (a.co.uk, b.co.uk) look
 * like one, so a cross-site return can go unnamed, never the other way round.
 */
export function siteOf(host: string): string {
  if (isIpAddress(host)) return host;
  return host.split('.').slice(-2).join('.');
}

function isIpAddress(host: string): boolean {
  return host.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}
