// How the popup writes times, durations and URLs. Pure, so tests pin the exact text.
import type { FlowReport } from '../core/index';
import { parseUrl } from '../core/url/parse-url';
import { splitUrl } from '../core/url/split-url';

/** Where a flow's clock starts: its authorization request, else its first sighting. */
export function flowStart(flow: FlowReport): number {
  return flow.request?.time ?? flow.startedAt;
}

/** Seconds after `start`, as the timeline shows them: "+0.42 s". */
export function sinceStart(time: number, start: number): string {
  const seconds = (time - start) / 1000;
  return `${seconds < 0 ? '−' : '+'}${Math.abs(seconds).toFixed(2)} s`;
}

/** "host/path" without query or fragment, where secrets travel; a custom scheme keeps its base. */
export function hostPath(url: string, base?: string): string {
  const parsed = parseUrl(url, base);
  if (parsed.ok && parsed.url.host !== '') return `${parsed.url.host}${parsed.url.pathname === '/' ? '' : parsed.url.pathname}`;
  return splitUrl(url).base;
}

export function hostOf(url: string, base?: string): string | undefined {
  const parsed = parseUrl(url, base);
  return parsed.ok && parsed.url.host !== '' ? parsed.url.host : undefined;
}

/** Time left on a code as a clock: "04:59", or "1:00:00" past an hour; never negative. */
export function countdownText(msLeft: number): string {
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  const [hours, minutes, seconds] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/** Local wall-clock time of day, e.g. "14:03:27". */
export function clockTime(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return String(ms);
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/** "600 s" or "5 min": the lifetimes providers document. */
export function lifetimeText(seconds: number): string {
  return seconds >= 120 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
