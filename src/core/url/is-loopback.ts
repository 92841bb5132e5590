/**
 * RFC 8252 s7.3 / s8.3: a loopback IP literal (127.0.0.0/8 or [::1]) may use plain http,
 * because the traffic never leaves the machine.
 */
export function isLoopbackIpLiteral(hostname: string): boolean {
  if (hostname === '[::1]' || hostname === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The name `localhost` (and its subdomains): loopback by convention, but resolvable elsewhere. */
export function isLocalhostName(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost');
}
