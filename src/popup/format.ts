// How the popup writes times, durations and URLs. Pure, so tests pin the exact text.
import { parseUrl } from '../core/url/parse-url';

export {
  contextLabel,
  EXCHANGE_NOT_VISIBLE,
  exchangeSummary,
  flowStart,
  hostPath,
  lifetimeText,
  outcomeLabel,
  plural,
  sinceStart,
} from '../core/report/report-text';

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
