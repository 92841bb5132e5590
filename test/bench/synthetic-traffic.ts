import type { Observation } from '../../src/core/observation/observation-schema';

/**
 * Deterministic browsing traffic for benchmarks: consent flows (request, login hops, callback)
 * in a few tabs, interleaved with ordinary navigations, which are most of what a browser sees.
 */
export function syntheticObservations(count: number, start = Date.UTC(2026, 0, 1)): Observation[] {
  const out: Observation[] = [];
  let seq = 0;
  let time = start;
  while (out.length < count) {
    const tabId = seq % 4;
    const n = seq++;
    if (n % 3 === 0) out.push(...consentFlow(tabId, n, (time += 50)));
    else {
      const url = `https://news.example/articles/${n}?ref=home&page=${n % 7}`;
      out.push({ kind: 'request', tabId, time: (time += 20), url, method: 'GET' });
      out.push({ kind: 'response', tabId, time: (time += 20), url, status: 200 });
    }
  }
  return out.slice(0, count);
}

function consentFlow(tabId: number, n: number, time: number): Observation[] {
  const state = `st${n.toString(36).padStart(8, '0')}Xq3v9Lk2Pz7Rt5Wm8Nb4Hc6J`;
  const redirect = `https://app${n % 5}.example/callback`;
  const request = `https://as.example/authorize?client_id=app${n % 5}&response_type=code&redirect_uri=${encodeURIComponent(redirect)}&scope=openid%20accounts&state=${state}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&nonce=n${n}`;
  const login = `https://as.example/login/${n}`;
  const callback = `${redirect}?code=c${n.toString(36)}SplxlOBeZQQYbYS6WxSbIAfG8rT3kLm9pQ&state=${state}&iss=https%3A%2F%2Fas.example`;
  let t = time;
  return [
    { kind: 'request', tabId, time: (t += 5), url: request, method: 'GET' },
    { kind: 'response', tabId, time: (t += 5), url: request, status: 303, location: login },
    { kind: 'request', tabId, time: (t += 5), url: login, method: 'GET' },
    { kind: 'response', tabId, time: (t += 5), url: login, status: 200 },
    { kind: 'request', tabId, time: (t += 5), url: login, method: 'POST' },
    { kind: 'response', tabId, time: (t += 5), url: login, status: 303, location: callback },
    { kind: 'request', tabId, time: (t += 5), url: callback, method: 'GET' },
    { kind: 'response', tabId, time: (t += 5), url: callback, status: 200 },
    { kind: 'navigation', tabId, time: (t += 5), url: callback },
  ];
}

/** A HAR 1.2 document of `entries` entries, as Chromium would save for the same traffic. */
export function syntheticHar(entries: number): object {
  const observations = syntheticObservations(entries * 2 + 100).filter((o) => o.kind !== 'navigation');
  const harEntries: object[] = [];
  for (let i = 0; i + 1 < observations.length && harEntries.length < entries; i += 2) {
    const request = observations[i]!;
    const response = observations[i + 1]!;
    if (request.kind !== 'request' || response.kind !== 'response') continue;
    const location = response.location;
    harEntries.push({
      startedDateTime: new Date(request.time).toISOString(),
      time: response.time - request.time,
      request: {
        method: request.method,
        url: request.url,
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'Accept', value: 'text/html,application/xhtml+xml' }],
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: 0,
      },
      response: {
        status: response.status,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        headers: location ? [{ name: 'Location', value: location }] : [],
        cookies: [],
        content: { size: 0, mimeType: 'text/html' },
        redirectURL: location ?? '',
        headersSize: -1,
        bodySize: 0,
      },
      cache: {},
      timings: { send: 0, wait: 0, receive: 0 },
    });
  }
  return { log: { version: '1.2', creator: { name: 'consent-lens-bench', version: '1' }, pages: [], entries: harEntries } };
}
