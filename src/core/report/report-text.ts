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
