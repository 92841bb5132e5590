// How every consumer writes a flow's times, lifetimes and URLs in words: the popup, the CLI and
// the badge say "+0.42 s" and "5 min" the same way.
import { parseUrl } from '../url/parse-url';
import { splitUrl } from '../url/split-url';
import type { FlowReport } from './report-schema';

/** Where a flow's clock starts: its authorization request, else its first sighting. */
export function flowStart(flow: FlowReport): number {
  return flow.request?.time ?? flow.startedAt;
}

/** Seconds after `start`, as timelines show them: "+0.42 s". */
export function sinceStart(time: number, start: number): string {
  const seconds = (time - start) / 1000;
  return `${seconds < 0 ? '−' : '+'}${Math.abs(seconds).toFixed(2)} s`;
}

/** Host and path without query or fragment, where secrets travel; a custom scheme keeps its base. */
export function hostAndPath(url: string, base?: string): { host: string; path: string } {
  const parsed = parseUrl(url, base);
  if (parsed.ok && parsed.url.host !== '') return { host: parsed.url.host, path: parsed.url.pathname };
  return { host: '', path: splitUrl(url).base };
}

/** "host/path", with a bare "/" path left out. */
export function hostPath(url: string, base?: string): string {
  const { host, path } = hostAndPath(url, base);
  return host === '' ? path : `${host}${path === '/' ? '' : path}`;
}

/** "600 s" or "5 min": lifetimes as providers document them. */
export function lifetimeText(seconds: number): string {
  return seconds >= 120 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export type OutcomeTone = 'good' | 'bad' | 'warn' | 'wait';

/**
 * The outcome as every consumer writes it. A success with an error-severity finding is not shown
 * as a plain success: the code came back, but something a user must fix is wrong.
 */
export function outcomeLabel(flow: Pick<FlowReport, 'outcome' | 'counts'>): { text: string; tone: OutcomeTone } {
  switch (flow.outcome) {
    case 'success':
      return flow.counts.error > 0 ? { text: 'success, with errors', tone: 'bad' } : { text: 'success', tone: 'good' };
    case 'rejected':
      return { text: 'rejected by the client', tone: 'bad' };
    case 'denied':
    case 'error':
      return { text: flow.outcome, tone: 'bad' };
    case 'revoked':
      return { text: 'revoked', tone: 'warn' };
    case 'pending':
    case 'unknown':
      return { text: flow.outcome, tone: 'wait' };
  }
}

/** Where the flow ran, when not in a tab of its own: "in an iframe", "in a popup of tab 3". */
export function contextLabel(flow: Pick<FlowReport, 'context'>): string | undefined {
  const { context } = flow;
  if (context.kind === 'iframe') return 'in an iframe';
  if (context.kind === 'popup') return `in a popup of tab ${context.openerTabId}`;
  return undefined;
}

/**
 * How the page's first exchange of the code went, as the code's countdown ends: "exchanged after
 * 3.2 s (limit 60 s): HTTP 200". Undefined when no exchange is in sight (a server exchanges it).
 */
export function exchangeSummary(flow: Pick<FlowReport, 'codeIssuedAt' | 'exchanges' | 'profile'>): string | undefined {
  const [first] = flow.exchanges;
  if (!first || flow.codeIssuedAt === undefined) return undefined;
  const after = `${((first.time - flow.codeIssuedAt) / 1000).toFixed(1)} s`;
  const answer =
    first.status === undefined
      ? 'no answer yet'
      : first.status === 0
        ? 'no answer'
        : `HTTP ${first.status}${first.oauthError ? ` ${first.oauthError.error}` : ''}`;
  const more = flow.exchanges.length > 1 ? `, then ${plural(flow.exchanges.length - 1, 'more time')}` : '';
  return `exchanged after ${after} (limit ${lifetimeText(flow.profile.values.codeLifetimeSeconds)}): ${answer}${more}`;
}

/** What the popup and the CLI say when the page made no token request: the exchange is out of sight. */
export const EXCHANGE_NOT_VISIBLE = 'no token request from the page: a server-side client exchanges the code out of the browser’s sight';
