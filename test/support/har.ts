// HAR files built in tests, in the shapes real browsers write them.
import { T0 } from './scenario';

export type HarStyle = 'chrome' | 'firefox' | 'playwright';

/** One request the browser made and what came back. */
export interface HarStep {
  url: string;
  method?: string;
  status: number;
  /** Where a 3xx answer sent the browser (absolute or relative, as the server wrote it). */
  location?: string;
  /** A urlencoded form body, as sent. */
  form?: string;
  /** Milliseconds after the previous step started (default 100). */
  after?: number;
  /** How long the request took (default 40). */
  took?: number;
  /** Chrome's resource type, for subresources (default 'document'). */
  resourceType?: string;
  failure?: string;
  /** Set-Cookie lines of the response, one header each. */
  setCookies?: readonly string[];
  /** The request's Cookie header. */
  cookie?: string;
}

const HTML_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** One HAR entry in the given browser's style. */
export function harEntry(style: HarStyle, step: HarStep, start: number): Record<string, unknown> {
  const method = step.method ?? (step.form === undefined ? 'GET' : 'POST');
  const subresource = step.resourceType !== undefined && step.resourceType !== 'document';
  const headers = [
    { name: style === 'chrome' ? 'Accept' : 'accept', value: subresource ? '*/*' : HTML_ACCEPT },
    { name: 'sec-fetch-mode', value: subresource ? 'no-cors' : 'navigate' },
    { name: 'sec-fetch-dest', value: subresource ? (step.resourceType ?? 'script') : 'document' },
    ...(step.cookie === undefined ? [] : [{ name: 'Cookie', value: step.cookie }]),
  ];
  const responseHeaders = [
    ...(step.location === undefined ? [] : [{ name: style === 'firefox' ? 'Location' : 'location', value: step.location }]),
    ...(step.setCookies ?? []).map((value) => ({ name: 'set-cookie', value })),
  ];
  const postData =
    step.form === undefined
      ? undefined
      : {
          mimeType: 'application/x-www-form-urlencoded',
          text: step.form,
          // Chrome lists the fields still encoded; Firefox and Playwright decode them.
          params: step.form.split('&').map((pair) => {
            const [name = '', value = ''] = pair.split('=');
            return style === 'chrome' ? { name, value } : { name: decodeURIComponent(name), value: decodeURIComponent(value.replaceAll('+', ' ')) };
          }),
        };
  const status = step.failure !== undefined ? (style === 'playwright' ? -1 : 0) : step.status;
  const entry: Record<string, unknown> = {
    startedDateTime: new Date(start).toISOString(),
    time: step.took ?? 40,
    request: {
      method,
      url: step.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers,
      queryString: [],
      headersSize: -1,
      bodySize: -1,
      ...(postData && { postData }),
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: responseHeaders,
      content: { size: 0, mimeType: 'text/html' },
      // Firefox leaves redirectURL empty here, so the Location header must be read.
      redirectURL: style === 'firefox' ? '' : (step.location ?? ''),
      headersSize: -1,
      bodySize: -1,
      ...(step.failure !== undefined && (style === 'playwright' ? { _failureText: step.failure } : { _error: step.failure })),
    },
    cache: {},
    timings: { send: 0, wait: step.took ?? 40, receive: 0 },
  };
  if (style !== 'firefox') entry._resourceType = step.resourceType ?? 'document';
  if (style === 'firefox') entry.pageref = 'page_1';
  return entry;
}

/** A whole HAR file: the steps one after another from `start`. */
export function harOf(steps: readonly HarStep[], style: HarStyle = 'chrome', start = T0): { log: Record<string, unknown> } {
  let time = start;
  const entries = steps.map((step) => harEntry(style, step, (time += step.after ?? 100)));
  return { log: { version: '1.2', creator: { name: `test (${style})`, version: '1' }, pages: [], entries } };
}

export function harText(steps: readonly HarStep[], style: HarStyle = 'chrome'): string {
  return JSON.stringify(harOf(steps, style), null, 2);
}

/**
 * The HAR steps of a flow: the request, then each hop, then `callback`. Every 3xx step redirects
 * to the step after it; a 200 step (a login page) is followed by what the user did next.
 */
export function flowSteps(request: string, callback: string, hops: ReadonlyArray<Omit<HarStep, 'location'>> = []): HarStep[] {
  const chain: HarStep[] = [{ url: request, status: 302 }, ...hops, { url: callback, status: 200 }];
  return chain.map((step, index) => {
    const next = chain[index + 1];
    return next && step.status >= 300 && step.status < 400 ? { ...step, location: next.url } : step;
  });
}
