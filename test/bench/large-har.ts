import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Writes a HAR file of about `bytes` bytes the way Chrome saves a long session: pages with their
 * scripts, images and XHR, every body in `content.text`, a consent flow on every fifth page and a
 * 12 MB bundle on every 25th. Written piece by piece, so the bench itself never holds the file.
 */
export function writeLargeHar(path: string, bytes: number, start = Date.UTC(2026, 0, 1)): { entries: number } {
  const fd = openSync(path, 'w');
  let written = 0;
  const write = (text: string) => {
    written += writeSync(fd, text);
  };
  try {
    write('{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[],"entries":[\n');
    let entries = 0;
    let time = start;
    const entry = (fields: EntryFields) => {
      write(`${entries++ === 0 ? '' : ',\n'}`);
      writeEntry(write, fields, (time += 7));
    };
    for (let page = 0; written < bytes; page++) {
      const site = `https://shop${page % 9}.example`;
      entry({ url: `${site}/products/${page}?ref=home`, dest: 'document', status: 200, mimeType: 'text/html', body: 60_000 });
      for (let i = 0; i < 15; i++) {
        const kind = SUBRESOURCES[i % SUBRESOURCES.length]!;
        entry({ url: `${site}/${kind.dest}/${page}-${i}`, dest: kind.dest, status: 200, mimeType: kind.mimeType, body: kind.body });
      }
      if (page % 25 === 24) entry({ url: `${site}/bundle-${page}.js`, dest: 'script', status: 200, mimeType: 'text/javascript', body: 12_000_000 });
      if (page % 5 === 0) for (const step of consentFlow(page)) entry(step);
    }
    write('\n]}}\n');
    return { entries };
  } finally {
    closeSync(fd);
  }
}

interface EntryFields {
  url: string;
  method?: string;
  dest: string;
  status: number;
  location?: string;
  form?: string;
  mimeType: string;
  body: number;
}

const SUBRESOURCES = [
  { dest: 'script', mimeType: 'text/javascript', body: 90_000 },
  { dest: 'image', mimeType: 'image/png', body: 30_000 },
  { dest: 'empty', mimeType: 'application/json', body: 5_000 },
  { dest: 'style', mimeType: 'text/css', body: 40_000 },
  { dest: 'font', mimeType: 'font/woff2', body: 50_000 },
];

function consentFlow(page: number): EntryFields[] {
  const state = `st${page.toString(36).padStart(8, '0')}Xq3v9Lk2Pz7Rt5Wm8Nb4Hc6J`;
  const redirect = `https://app${page % 5}.example/callback`;
  const authorize = `https://as.example/authorize?client_id=app${page % 5}&response_type=code&redirect_uri=${encodeURIComponent(redirect)}&scope=openid&state=${state}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256`;
  const login = `https://as.example/login/${page}`;
  const callback = `${redirect}?code=c${page.toString(36)}SplxlOBeZQQYbYS6WxSbIAfG8rT3kLm9pQ&state=${state}`;
  return [
    { url: authorize, dest: 'document', status: 302, location: login, mimeType: 'text/html', body: 0 },
    { url: login, dest: 'document', status: 200, mimeType: 'text/html', body: 20_000 },
    { url: login, method: 'POST', dest: 'document', status: 303, location: callback, form: 'login=alice&password=secret', mimeType: 'text/html', body: 0 },
    { url: callback, dest: 'document', status: 200, mimeType: 'text/html', body: 30_000 },
    // An analytics pixel echoing the state: a subresource that carries OAuth parameters.
    { url: `https://metrics.example/p.gif?page=${encodeURIComponent(callback)}`, dest: 'image', status: 200, mimeType: 'image/gif', body: 100 },
  ];
}

/** Body text as a JSON string's inside: quotes, newlines and escapes like real HTML and script. */
const BODY_PIECE = JSON.stringify(
  'function render(items) {\n\tconst html = "<li class=\\"item\\">" + items.map((i) => i.name).join("</li><li>");\n\treturn html; // \u00e9t\u00e9 \u2713\n}\n'.repeat(
    200,
  ),
).slice(1, -1);
const BODY_MARK = '"@@BODY@@"';

function writeEntry(write: (text: string) => void, step: EntryFields, start: number): void {
  const header = (name: string, value: string) => ({ name, value });
  const entry = {
    _initiator: { type: step.dest === 'document' ? 'other' : 'parser', url: step.url },
    _priority: 'VeryHigh',
    _resourceType: step.dest === 'document' ? 'document' : step.dest === 'empty' ? 'xhr' : step.dest,
    cache: {},
    connection: '443',
    pageref: 'page_1',
    request: {
      method: step.method ?? 'GET',
      url: step.url,
      httpVersion: 'http/2.0',
      headers: [
        header(':authority', new URL(step.url).host),
        header('accept', step.dest === 'document' ? 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' : '*/*'),
        header('accept-language', 'en-GB,en;q=0.9'),
        header('cookie', 'session=eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOjQyfQ.sig; _ga=GA1.2.1234567890.1700000000'),
        header('sec-fetch-dest', step.dest),
        header('sec-fetch-mode', step.dest === 'document' ? 'navigate' : 'no-cors'),
        header('sec-fetch-site', 'same-origin'),
        header('user-agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'),
      ],
      queryString: [],
      cookies: [
        { name: 'session', value: 'eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOjQyfQ.sig', path: '/', domain: 'example', expires: null, httpOnly: true, secure: true },
      ],
      headersSize: -1,
      bodySize: step.form?.length ?? 0,
      ...(step.form !== undefined && { postData: { mimeType: 'application/x-www-form-urlencoded', text: step.form } }),
    },
    response: {
      status: step.status,
      statusText: '',
      httpVersion: 'http/2.0',
      headers: [header('content-type', step.mimeType), ...(step.location === undefined ? [] : [header('location', step.location)])],
      cookies: [],
      content: { size: step.body, mimeType: step.mimeType, ...(step.body > 0 && { text: '@@BODY@@' }) },
      redirectURL: step.location ?? '',
      headersSize: -1,
      bodySize: -1,
      _transferSize: step.body + 300,
      _error: null,
    },
    serverIPAddress: '192.0.2.10',
    startedDateTime: new Date(start).toISOString(),
    time: 5.2,
    timings: { blocked: 0.4, dns: -1, ssl: -1, connect: -1, send: 0.1, wait: 4.1, receive: 0.6, _blocked_queueing: 0.3 },
  };
  const [before, after] = JSON.stringify(entry).split(BODY_MARK) as [string, string | undefined];
  write(before);
  if (after === undefined) return;
  write('"');
  for (let left = step.body; left > 0; left -= BODY_PIECE.length) write(left >= BODY_PIECE.length ? BODY_PIECE : BODY_PIECE.slice(0, left).replace(/\\+$/, ''));
  write('"');
  write(after);
}
