import { FRAME_UNKNOWN, type FormField, type Observation, type RequestObservation, type ResponseObservation } from '../observation/observation-schema';
import { parseSetCookies } from '../cookies/parse-set-cookie';
import { decodeParams } from '../params/decode-params';
import type { UnreadEntry } from '../report/report-schema';
import { carriesCookies, sentCookieNames, setCookieLines } from './har-cookies';
import { HarEntrySchema, type Har, type HarEntry, type HarHeader } from './har-schema';

/** HAR input has no tabs: every observation belongs to this one. */
export const HAR_TAB_ID = 0;

/** Unread entries listed by reason (all are counted): a broken export must not fill memory with reasons. */
export const MAX_UNREAD_LISTED = 100;

/** An entry that could not be read: the report's UnreadEntry. */
export type SkippedEntry = UnreadEntry;

export interface HarObservations {
  observations: Observation[];
  /** How many entries the file has. */
  entries: number;
  /** The first MAX_UNREAD_LISTED entries that could not be read; subresources left out are not listed. */
  skipped: SkippedEntry[];
  /** How many entries could not be read in all. */
  skippedCount: number;
}

type Destination = NonNullable<Observation['destination']>;

/**
 * What is kept of an entry until every entry is read: its two observations, whose times are set
 * once every start is known, and what they are set from.
 */
interface EntryRecord {
  /** Undefined when the entry has no start time: it then keeps its place in the file. */
  start: number | undefined;
  took: number;
  request: RequestObservation;
  response: ResponseObservation;
  /** The names its request sent. */
  cookieNames: string[];
  /** Its Set-Cookie lines, read once the response's time is known (Max-Age counts from it), then dropped. */
  setCookieLines: string[];
}

/**
 * The observations a browser extension would have made of a recorded session: a request and a
 * response for every entry that is a document, a frame's document or of unknown kind, and for every
 * subresource that carries OAuth parameters (marked so, for correlation to set aside); other
 * subresources are left out. Entries arrive one at a time, in file order, so a large file is never
 * held whole. Never throws on an odd entry: it is counted as unread, with a reason.
 */
export class HarObservationCollector {
  private readonly records: EntryRecord[] = [];
  private readonly skipped: SkippedEntry[] = [];
  private skippedCount = 0;
  private entries = 0;
  /** Whether any entry holds a cookie: if none does, the export left them out (or nothing set one), and no observation claims to know. */
  private cookiesVisible = false;

  /** One of `log.entries`; `dropped` names the strings the reader left out of it for their length. */
  add(index: number, raw: unknown, dropped: readonly string[] = []): void {
    this.entries++;
    const parsed = HarEntrySchema.safeParse(raw);
    if (!parsed.success) {
      this.skippedCount++;
      if (this.skipped.length < MAX_UNREAD_LISTED) this.skipped.push({ index, reason: describeIssue(parsed.error.issues[0], dropped) });
      return;
    }
    const entry = parsed.data;
    this.cookiesVisible ||= carriesCookies(entry);
    const destination = destinationOf(entry);
    if (destination === 'subresource' && !carriesOAuthParams(entry)) return;
    this.records.push(recordOf(index, entry, destination));
  }

  /** The entry at `index` and all after it are lost: the file broke off there. */
  brokenAt(index: number, reason: string): void {
    this.entries++;
    this.skippedCount++;
    if (this.skipped.length < MAX_UNREAD_LISTED) this.skipped.push({ index, reason });
  }

  finish(): HarObservations {
    let previous = this.records.find((record) => record.start !== undefined)?.start ?? 0;
    const timed = this.records.map((record) => {
      previous = record.start ?? previous;
      return { record, start: previous };
    });
    // Array.prototype.sort is stable: entries that started in the same millisecond keep file order.
    timed.sort((a, b) => a.start - b.start);

    const observations: Observation[] = [];
    // Only a navigation caps the answer before it: a subresource starting meanwhile caused nothing.
    let nextNavigation: number | undefined;
    for (let i = timed.length - 1; i >= 0; i--) {
      const { record, start } = timed[i]!;
      record.request.time = start;
      record.response.time = responseTime(record.took, start, nextNavigation);
      if (this.cookiesVisible) {
        record.request.cookieNames = record.cookieNames;
        record.response.setCookies = parseSetCookies(record.setCookieLines, record.response.time);
      }
      record.setCookieLines = [];
      observations.push(record.response, record.request);
      if (record.request.destination !== 'subresource') nextNavigation = start;
    }
    observations.reverse();
    // Stable again: a response never moves before its own request, nor after the next one's.
    observations.sort((a, b) => a.time - b.time);
    return { observations, entries: this.entries, skipped: this.skipped, skippedCount: this.skippedCount };
  }
}

/** The observations of a HAR file already in memory. */
export function harToObservations(har: Har): HarObservations {
  const collector = new HarObservationCollector();
  har.log.entries.forEach((raw, index) => {
    collector.add(index, raw);
  });
  return collector.finish();
}

function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined, dropped: readonly string[]): string {
  if (!issue) return 'not a HAR entry';
  const path = issue.path.map(String).join('.');
  if (dropped.includes(path)) return `${path || 'the entry'}: too long to read`;
  if (path === '') return `not a HAR entry: ${issue.message}`;
  return /received undefined$/.test(issue.message) ? `${path}: missing` : `${path}: ${issue.message}`;
}

function recordOf(index: number, entry: HarEntry, destination: Destination | undefined): EntryRecord {
  const method = detach(entry.request.method);
  const common = {
    tabId: HAR_TAB_ID,
    url: detach(entry.request.url),
    requestId: `har-${index}`,
    ...(destination !== undefined && { destination }),
    // A HAR does not say which frame: every iframe's document shares one unknown frame.
    ...(destination === 'frame' && { frameId: FRAME_UNKNOWN }),
  };
  const formData = formDataOf(entry);
  const took = entry.time !== undefined && entry.time !== null && Number.isFinite(entry.time) && entry.time > 0 ? entry.time : 0;
  return {
    start: entry.startedDateTime ? Date.parse(entry.startedDateTime) : undefined,
    took,
    request: { kind: 'request', ...common, time: 0, method, ...(formData && { formData }), ...authSchemeOf(entry) },
    response: { kind: 'response', ...common, time: 0, method, ...responseOutcome(entry), ...oauthErrorOf(entry) },
    cookieNames: sentCookieNames(entry).map(detach),
    setCookieLines: setCookieLines(entry),
  };
}

/**
 * A copy of a kept string that does not hold on to the text it was cut from: V8 keeps a slice of a
 * string as a view into the whole, and a URL must not pin the 64 KB chunk of the file it came in.
 */
function detach(text: string): string {
  return ` ${text}`.slice(1);
}

/**
 * When the answer arrived: the entry's start plus its duration, but never after the next
 * navigation started. Devtools round start times to the millisecond and count the body's download
 * in `time`, so a redirect could otherwise seem to answer after the request it caused.
 */
function responseTime(took: number, start: number, nextStart: number | undefined): number {
  const end = start + took;
  return nextStart === undefined ? end : Math.max(start, Math.min(end, nextStart));
}

/**
 * What an entry loads, from the best evidence it carries: `Sec-Fetch-Dest`, the only one to tell a
 * frame's document from the tab's (browsers send it to secure origins only); Chrome's
 * `_resourceType` ("document" for frames too); `Sec-Fetch-Mode`; an Accept header, which
 * browsers start with text/html for every navigation. Undefined when the entry says nothing (a
 * hand-made file): correlation reads it as a document.
 */
export function destinationOf(entry: HarEntry): Destination | undefined {
  const headers = entry.request.headers;
  const dest = header(headers, 'sec-fetch-dest')?.trim().toLowerCase();
  if (dest) return dest === 'document' ? 'document' : dest === 'iframe' || dest === 'frame' ? 'frame' : 'subresource';
  const type = entry._resourceType?.trim().toLowerCase();
  if (type) return type === 'document' ? 'document' : 'subresource';
  const mode = header(headers, 'sec-fetch-mode')?.trim().toLowerCase();
  // "nested-navigate" is what browsers sent for frames before Sec-Fetch-Dest existed.
  if (mode) return mode === 'navigate' ? 'document' : mode === 'nested-navigate' ? 'frame' : 'subresource';
  const accept = header(headers, 'accept');
  if (accept !== undefined) return accept.trimStart().toLowerCase().startsWith('text/html') ? 'document' : 'subresource';
  return undefined;
}

/** An OAuth parameter, also inside another URL's value, as a page-view pixel echoes the page's address. */
const OAUTH_PARAM = /(?:^|[?&#]|%3f|%26|%23)(?:client(?:_|%5f)id|response_type|request_uri|redirect_uri|code|state|error|id_token|access_token)(?:=|%3d)/i;

/** Whether OAuth parameters travel in the entry: its URL, its body, or where it redirects. */
function carriesOAuthParams(entry: HarEntry): boolean {
  const location = entry.response.redirectURL || header(entry.response.headers, 'location');
  return [entry.request.url, postText(entry), location].some((text) => text && OAUTH_PARAM.test(text));
}

function header(headers: readonly HarHeader[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value ?? undefined;
}

function postText(entry: HarEntry): string | undefined {
  const postData = entry.request.postData;
  if (!postData) return undefined;
  if (postData.text) return postData.text;
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
  const fields =
    text !== '' && (mimeType.startsWith('application/x-www-form-urlencoded') || (mimeType === '' && !postData.params))
      ? decodeParams(text, 'form').map(({ name, value }): FormField => [name, value])
      : postData.params?.map(({ name, value }): FormField => [name, value ?? '']);
  return fields?.map(([name, value]): FormField => [detach(name), detach(value)]);
}

function responseOutcome(entry: HarEntry): { status: number; location?: string; error?: string } {
  const { response } = entry;
  const status = Number.isInteger(response.status) && response.status > 0 ? response.status : 0;
  const failure = response._failureText || response._error || entry._error;
  const error = failure || (status === 0 ? 'no response (status 0)' : undefined);
  const location = redirectTarget(entry, status);
  return { status, ...(location !== undefined && { location: detach(location) }), ...(error !== undefined && { error: detach(error) }) };
}

/**
 * `redirectURL` when the tool filled it, else a 3xx answer's Location header, fragment kept. The
 * header wins when only it has a fragment: Playwright writes redirectURL without it, and a
 * response_mode=fragment answer carries its code and state there.
 */
function redirectTarget(entry: HarEntry, status: number): string | undefined {
  const redirectURL = entry.response.redirectURL || undefined;
  const location = status >= 300 && status < 400 ? header(entry.response.headers, 'location') || undefined : undefined;
  if (redirectURL !== undefined && location?.includes('#') && !redirectURL.includes('#')) return location;
  return redirectURL ?? location;
}

/** The Authorization header's scheme (`Basic`), never its credentials. */
function authSchemeOf(entry: HarEntry): { authScheme?: string } {
  const scheme = header(entry.request.headers, 'authorization')?.trim().split(/\s+/)[0];
  return scheme ? { authScheme: detach(scheme) } : {};
}

/** Bodies longer than this are no token endpoint's error answer. */
const MAX_ERROR_BODY = 16_384;

/**
 * The `error` a token endpoint's JSON answer names (RFC 6749 s5.2), where the export kept the
 * body: only for a POST answered with 4xx, so no other body is ever parsed.
 */
function oauthErrorOf(entry: HarEntry): { oauthError?: { error: string; description?: string } } {
  const { content, status } = entry.response;
  const text = content?.text;
  if (entry.request.method.toUpperCase() !== 'POST' || status < 400 || !text || text.length > MAX_ERROR_BODY || content?.encoding) return {};
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return {};
    const { error, error_description: description } = body as Record<string, unknown>;
    if (typeof error !== 'string') return {};
    return { oauthError: { error: detach(error), ...(typeof description === 'string' && { description: detach(description) }) } };
  } catch {
    return {};
  }
}
