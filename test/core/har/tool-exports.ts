// HAR entries in the shapes tools other than Chrome, Firefox and Playwright save them (those are in
// test/support/har.ts), each with the quirks that differ from the HAR 1.2 text.
import { harEntry, type HarStep } from '../../support/har';
import { T0 } from '../../support/scenario';

export type ToolStyle = 'charles' | 'mitmproxy' | 'safari' | 'fiddler' | 'chrome-sanitized' | 'hand-made';

type Entry = Record<string, unknown>;
type Message = Record<string, unknown> & { headers: Array<{ name: string; value: string }> };

/** One entry as the tool writes it, built from the Chrome-style entry of the same step. */
export function toolEntry(style: ToolStyle, step: HarStep, start: number): Entry {
  const chrome = harEntry('chrome', step, start);
  const { _resourceType, ...entry } = chrome;
  const request = entry.request as Message;
  const response = entry.response as Message;
  const iso = new Date(start).toISOString();
  switch (style) {
    case 'charles':
      // Charles: no redirectURL (null), its own status field, comments, Java-style offsets.
      return {
        ...entry,
        startedDateTime: iso.replace('Z', '+00:00'),
        request: { ...request, comment: '' },
        response: { ...response, redirectURL: null, _charlesStatus: 'COMPLETE', comment: '' },
        comment: '',
      };
    case 'mitmproxy':
      // mitmproxy: microseconds and +00:00, HTTP/2 pseudo-headers, no Fetch Metadata from an app's web view.
      return {
        ...entry,
        startedDateTime: iso.replace(/\.(\d{3})Z$/, '.$1000+00:00'),
        request: {
          ...request,
          headers: [{ name: ':authority', value: new URL(step.url).host }, ...request.headers.filter(({ name }) => !name.startsWith('sec-fetch-'))],
          postData: request.postData ?? null,
        },
        response: { ...response, content: { size: 0, compression: 0, mimeType: 'text/html', text: '', encoding: 'base64' } },
        serverIPAddress: '192.0.2.1',
      };
    case 'safari':
      // Safari's Web Inspector: its own fetch type and priority, `time` and sizes it cannot know as null.
      return {
        ...entry,
        pageref: 'page_0',
        time: null,
        _fetchType: 'Network Load',
        _priority: 'high',
        request: { ...request, headersSize: null, bodySize: null },
        response: { ...response, headersSize: null, bodySize: null, _transferSize: null },
      };
    case 'fiddler':
      // Fiddler: .NET dates with seven fractional digits and a local offset, the status as text.
      return {
        ...entry,
        startedDateTime: `${new Date(start + 3_600_000).toISOString().slice(0, 23)}0000+01:00`,
        response: { ...response, status: String(response.status), comment: '' },
        comment: '',
      };
    case 'chrome-sanitized': {
      // Chrome's default export since 130: no cookies at all, and no Cookie or Set-Cookie headers.
      const { cookies: _requestCookies, ...sanitizedRequest } = request;
      const { cookies: _responseCookies, ...sanitizedResponse } = response;
      const withoutCookies = (headers: unknown) => (headers as Array<{ name: string }>).filter(({ name }) => !/^(set-)?cookie$/i.test(name));
      return {
        ...entry,
        _resourceType,
        request: { ...sanitizedRequest, headers: withoutCookies(request.headers) },
        response: { ...sanitizedResponse, headers: withoutCookies(response.headers) },
      };
    }
    case 'hand-made':
      // Written by hand or by an old script: no date, no headers, no sizes, no cookies.
      return {
        request: { method: request.method, url: request.url, ...(request.postData !== undefined && { postData: request.postData }) },
        response: { status: response.status, redirectURL: response.redirectURL },
      };
  }
}

export function toolHar(style: ToolStyle, steps: readonly HarStep[], start = T0): { log: { entries: Entry[] } } {
  let time = start;
  return { log: { entries: steps.map((step) => toolEntry(style, step, (time += step.after ?? 100))) } };
}
