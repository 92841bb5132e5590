// What the text and markdown formats both show of a flow, as plain rows: each format only lays them out.
import {
  type AnalysisReport,
  type AuthorizationRequestFields,
  type CallbackFields,
  type FlowReport,
  type Hop,
  type Outcome,
  paramsOn,
  type SeverityCounts,
  type UnreadEntry,
} from '../core/index';
import { EXCHANGE_NOT_VISIBLE, exchangeSummary, flowStart, hostAndPath, plural, sinceStart } from '../core/report/report-text';

export { flowStart, hostAndPath, plural, sinceStart } from '../core/report/report-text';

export interface FieldRow {
  name: string;
  value: string;
}

/** client_id and redirect_uri head the flow, so the request's rows leave them out. */
const HEAD_FIELDS: ReadonlySet<string> = new Set(['clientId', 'redirectUri']);
const REQUEST_FIELDS = paramsOn('request').filter((row) => !HEAD_FIELDS.has(row.key));
const CALLBACK_FIELDS = paramsOn('callback');

/** The request's decoded parameters worth a glance, in the popup's order. */
export function requestRows(fields: AuthorizationRequestFields): FieldRow[] {
  return rows(fields, REQUEST_FIELDS);
}

/** The callback's decoded parameters; secrets arrive already redacted unless asked for. */
export function callbackRows(fields: CallbackFields): FieldRow[] {
  return rows(fields, CALLBACK_FIELDS);
}

function rows<T extends object>(fields: T, vocabulary: ReadonlyArray<{ key: keyof T; name: string }>): FieldRow[] {
  const out: FieldRow[] = [];
  for (const { key, name } of vocabulary) {
    const value = fields[key];
    if (typeof value === 'string') out.push({ name, value });
  }
  return out;
}

/** The flow's redirect URI, or why none is known. */
export function redirectUriShown(flow: FlowReport): string {
  if (flow.redirectUri !== undefined) return flow.redirectUri;
  return flow.request?.fields.requestUri !== undefined ? '(not in the browser: pushed with PAR)' : '(none)';
}

export interface HopRow {
  /** Seconds after the flow's start, e.g. "+0.41s". */
  offset: string;
  method: string;
  /** The status, or "..." while unknown, or "failed". */
  status: string;
  host: string;
  path: string;
  /** What the hop is in the flow, when it is more than a page on the way. */
  role?: 'authorization request';
  /** Where a redirect sent the browser, when that is another host. */
  redirectHost?: string;
  error?: string;
}

/** The flow's hops, or another list of its steps timed from its start (the client's redirects after the callback). */
export function hopRows(flow: FlowReport, hops: readonly Hop[] = flow.hops): HopRow[] {
  const start = flowStart(flow);
  return hops.map((hop) => {
    const { host, path } = hostAndPath(hop.url);
    const redirectHost = hop.location === undefined ? undefined : hostAndPath(hop.location, hop.url).host;
    return {
      offset: sinceStart(hop.time, start),
      method: hop.method ?? 'GET',
      status: statusOf(hop),
      host,
      path,
      ...(flow.request && hop.url === flow.request.url && { role: 'authorization request' as const }),
      ...(redirectHost !== undefined && redirectHost !== host && { redirectHost }),
      ...(hop.error !== undefined && { error: hop.error }),
    };
  });
}

export function statusOf(entry: Pick<Hop, 'status'>): string {
  if (entry.status === undefined) return '...';
  return entry.status === 0 ? 'failed' : String(entry.status);
}

export function isoTime(time: number): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? String(time) : date.toISOString();
}

export function severityCounts(counts: SeverityCounts): string {
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info`;
}

/** "2 success, 1 denied": how the flows ended, in a fixed order. */
export function outcomeCounts(flows: readonly FlowReport[]): string {
  const order: Outcome[] = ['success', 'denied', 'error', 'revoked', 'pending', 'unknown'];
  return order
    .map((outcome) => [outcome, flows.filter((flow) => flow.outcome === outcome).length] as const)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(', ');
}

export interface UnreadRows {
  /** "2 of 6 HAR entries" */
  entries: string;
  /** The first unread entries, to list one a line. */
  shown: UnreadEntry[];
  /** Unread entries not shown. */
  more: number;
  /** How many the report lists (the JSON format shows them all). */
  listed: number;
}

/** The HAR entries the report could not read, the first `limit` of them to show; undefined when none. */
export function unreadRows(report: AnalysisReport, limit: number): UnreadRows | undefined {
  const count = report.summary.unreadEntries ?? 0;
  if (count === 0) return undefined;
  const total = report.summary.harEntries ?? count;
  const listed = report.unreadEntries ?? [];
  const shown = listed.slice(0, limit);
  return { entries: `${count} of ${total} HAR ${total === 1 ? 'entry' : 'entries'}`, shown, more: count - shown.length, listed: listed.length };
}

export interface ExchangeRow {
  offset: string;
  status: string;
  host: string;
  path: string;
  /** What the token request carried besides the code: "code_verifier, redirect_uri, client_secret". */
  sent: string;
  /** The error the token endpoint's answer names. */
  error?: string;
}

/** The page's token requests with the flow's code. */
export function exchangeRows(flow: FlowReport): ExchangeRow[] {
  const start = flowStart(flow);
  return flow.exchanges.map((exchange) => {
    const { host, path } = hostAndPath(exchange.url);
    const sent = [
      exchange.codeVerifier !== undefined && 'code_verifier',
      exchange.redirectUri !== undefined && 'redirect_uri',
      exchange.clientId !== undefined && 'client_id',
      exchange.clientSecret && 'client_secret',
      exchange.authScheme !== undefined && `Authorization: ${exchange.authScheme}`,
    ].filter((name): name is string => typeof name === 'string');
    const error = exchange.oauthError && `${exchange.oauthError.error}${exchange.oauthError.description ? `: ${exchange.oauthError.description}` : ''}`;
    return {
      offset: sinceStart(exchange.time, start),
      status: statusOf(exchange),
      host,
      path,
      sent: sent.join(', ') || 'the code alone',
      ...(error && { error }),
    };
  });
}

/** How the code was exchanged, or that the browser could not see it. */
export function exchangeOutcome(flow: FlowReport): string {
  return exchangeSummary(flow) ?? EXCHANGE_NOT_VISIBLE;
}

/**
 * The cookies that carry the flow's state, as a user reads the cookie diagnosis: what the client
 * set as the flow started (names and attributes, never values) and what the callback sent back.
 * Undefined when neither was visible.
 */
export function cookieSummary(flow: FlowReport): string | undefined {
  const sent = flow.callbacks[0]?.cookieNames;
  // The latest of each name: a cookie set again replaces the earlier one.
  const set = [...new Map((flow.cookies ?? []).map((cookie) => [cookie.name, cookie])).values()];
  if (sent === undefined && set.length === 0) return undefined;
  const setText = set.length === 0 ? 'none set by the client as the flow started' : `set as the flow started: ${set.map(cookieAttributes).join(', ')}`;
  const sentText =
    sent === undefined ? "the callback's were not visible" : sent.length === 0 ? 'the callback sent none' : `the callback sent ${sent.join(', ')}`;
  return `${setText}; ${sentText}`;
}

function cookieAttributes(cookie: NonNullable<FlowReport['cookies']>[number]): string {
  const attributes = [
    cookie.domain !== undefined && `Domain=${cookie.domain}`,
    `Path=${cookie.path ?? cookie.defaultPath}`,
    cookie.sameSite === undefined ? 'no SameSite (Lax)' : `SameSite=${cookie.sameSite[0]!.toUpperCase()}${cookie.sameSite.slice(1)}`,
    cookie.secure && 'Secure',
    cookie.httpOnly && 'HttpOnly',
  ].filter((attribute): attribute is string => typeof attribute === 'string');
  return `${cookie.name} (${attributes.join('; ')})`;
}
