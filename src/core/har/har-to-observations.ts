import type { FormField, Observation } from '../observation/observation-schema';
import { decodeParams } from '../params/decode-params';
import { HarEntrySchema, type Har, type HarEntry, type HarHeader } from './har-schema';

/** HAR input has no tabs: every observation belongs to this one. */
export const HAR_TAB_ID = 0;

export interface SkippedEntry {
  /** Position in `log.entries`. */
  index: number;
  reason: string;
}

export interface HarObservations {
  observations: Observation[];
  /** Entries that could not be read; entries left out because they are not navigations are not listed. */
  skipped: SkippedEntry[];
}

/**
 * The observations a browser extension would have made of a recorded session: a request and a
 * response for every navigation-like entry, oldest first. Subresources (scripts, images, XHR)
 * are left out. Never throws on an odd entry: it is skipped with a reason.
 */
export function harToObservations(har: Har): HarObservations {
  const skipped: SkippedEntry[] = [];
  const kept: Array<{ index: number; entry: HarEntry; start: number }> = [];
  har.log.entries.forEach((raw, index) => {
    const parsed = HarEntrySchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push({ index, reason: describeIssue(parsed.error.issues[0]) });
      return;
    }
    if (isNavigationLike(parsed.data)) kept.push({ index, entry: parsed.data, start: Date.parse(parsed.data.startedDateTime) });
  });
  // Array.prototype.sort is stable: entries that started in the same millisecond keep file order.
  kept.sort((a, b) => a.start - b.start);

  const observations: Observation[] = [];
  kept.forEach(({ index, entry, start }, position) => {
    const requestId = `har-${index}`;
    const { method, url } = entry.request;
    const formData = formDataOf(entry);
    observations.push({ kind: 'request', tabId: HAR_TAB_ID, time: start, url, method, requestId, ...(formData && { formData }) });
    observations.push({
      kind: 'response',
      tabId: HAR_TAB_ID,
      time: responseTime(entry, start, kept[position + 1]?.start),
      url,
      method,
      requestId,
      ...responseOutcome(entry),
    });
  });
  // Stable again: a response never moves before its own request, nor after the next one's.
  observations.sort((a, b) => a.time - b.time);
  return { observations, skipped };
}

function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return 'not a HAR entry';
  const path = issue.path.map(String).join('.');
  if (path === '') return `not a HAR entry: ${issue.message}`;
  return /received undefined$/.test(issue.message) ? `${path}: missing` : `${path}: ${issue.message}`;
}

/**
 * When the answer arrived: the entry's start plus its duration, but never after the next
 * navigation started. Devtools round start times to the millisecond and count the body's download
 * in `time`, so a redirect could otherwise seem to answer after the request it caused.
 */
function responseTime(entry: HarEntry, start: number, nextStart: number | undefined): number {
  const took = entry.time !== undefined && Number.isFinite(entry.time) && entry.time > 0 ? entry.time : 0;
  const end = start + took;
  return nextStart === undefined ? end : Math.max(start, Math.min(end, nextStart));
}

const FETCH_DESTS_NAVIGATING = new Set(['document', 'iframe', 'frame', 'embed', 'object']);
const OAUTH_PARAM = /(?:^|[?&#])(?:client_id|response_type|request_uri|redirect_uri|code|state|error|id_token|access_token)=/;

/**
 * Whether an entry is a page navigation rather than a subresource. The best evidence first:
 * Chrome's resource type, then the Fetch Metadata headers (sent only to secure contexts, so
 * plain-http hosts lack them), then an HTML Accept header, a redirect, or OAuth parameters.
 */
export function isNavigationLike(entry: HarEntry): boolean {
  if (entry._resourceType !== undefined) return entry._resourceType.toLowerCase() === 'document';
  const headers = entry.request.headers;
  const mode = header(headers, 'sec-fetch-mode');
  const dest = header(headers, 'sec-fetch-dest');
  if (mode !== undefined || dest !== undefined) {
    return mode?.toLowerCase() === 'navigate' || (dest !== undefined && FETCH_DESTS_NAVIGATING.has(dest.toLowerCase()));
  }
  if (headers.length === 0) return true;
  if (header(headers, 'accept')?.trimStart().toLowerCase().startsWith('text/html')) return true;
  const status = entry.response.status;
  if (status >= 300 && status < 400) return true;
  return OAUTH_PARAM.test(entry.request.url) || OAUTH_PARAM.test(postText(entry) ?? '');
}

function header(headers: readonly HarHeader[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value;
}

function postText(entry: HarEntry): string | undefined {
  const postData = entry.request.postData;
  if (!postData) return undefined;
  if (postData.text !== undefined) return postData.text;
  return postData.params?.map(({ name, value }) => `${name}=${value ?? ''}`).join('&');
}

/**
 * The fields of a POSTed form. The raw urlencoded text is decoded here when there is some, because
 * browsers disagree on whether `postData.params` holds decoded values (Firefox, Playwright) or raw
 * ones (Chrome). Playwright recording with `content: 'omit'` leaves the text empty: then the params.
 */
function formDataOf(entry: HarEntry): FormField[] | undefined {
  const postData = entry.request.postData;
  if (!postData || entry.request.method.toUpperCase() !== 'POST') return undefined;
  const mimeType = (postData.mimeType ?? '').toLowerCase();
  const text = postData.text ?? '';
  if (text !== '' && (mimeType.startsWith('application/x-www-form-urlencoded') || (mimeType === '' && !postData.params))) {
    return decodeParams(text, 'form').map(({ name, value }): FormField => [name, value]);
  }
  if (postData.params) return postData.params.map(({ name, value }): FormField => [name, value ?? '']);
  return undefined;
}

function responseOutcome(entry: HarEntry): { status: number; location?: string; error?: string } {
  const { response } = entry;
  const status = Number.isInteger(response.status) && response.status > 0 ? response.status : 0;
  const failure = response._failureText ?? response._error ?? entry._error ?? undefined;
  const error = failure || (status === 0 ? 'no response (status 0)' : undefined);
  const location = redirectTarget(entry, status);
  return { status, ...(location !== undefined && { location }), ...(error !== undefined && { error }) };
}

/** `redirectURL` when the browser filled it, else a 3xx answer's Location header, fragment kept. */
function redirectTarget(entry: HarEntry, status: number): string | undefined {
  const redirectURL = entry.response.redirectURL;
  if (redirectURL) return redirectURL;
  if (status < 300 || status >= 400) return undefined;
  const location = header(entry.response.headers, 'location');
  return location === undefined || location === '' ? undefined : location;
}

