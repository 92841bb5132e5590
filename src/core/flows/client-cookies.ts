// The cookies that carry a flow's state: what the client's origin set as the flow started (the
// page that sent the browser to the authorization endpoint, and its own responses until the
// callback), so the checks can tell whether the callback brought them back.
import type { ResponseObservation } from '../observation/observation-schema';
import { parseUrl } from '../url/parse-url';
import type { ClientCookie, Flow, FlowState, TabCursor } from './flow-schema';
import type { Place } from './flow-place';
import { activeFlow } from './match-callback';

/** Cookies kept per flow and per frame: a page setting hundreds must not grow the state without bound. */
export const MAX_COOKIES_PER_FLOW = 50;
/** Cookies set this long before a flow started are not its own. */
const ADOPT_WITHIN_MS = 30 * 60 * 1000;

/**
 * A response's Set-Cookie lines: the active flow's when it comes from the flow's client (its
 * redirect URI's host, or a host that set cookies as it started); and held in the frame's cursor
 * for the flow it may start next, which takes them if they are recent.
 */
export function seeSetCookies(state: FlowState, response: ResponseObservation, place: Place, cursor: TabCursor): void {
  if (!response.setCookies?.length) return;
  const parsed = parseUrl(response.url);
  if (!parsed.ok) return;
  const host = parsed.url.hostname;
  const origin = parsed.url.origin;
  const defaultPath = defaultPathOf(parsed.url.pathname);
  const cookies = response.setCookies.map((cookie): ClientCookie => ({ ...cookie, time: response.time, host, origin, defaultPath }));
  const flow = activeFlow(state, place, response.time);
  if (flow?.request && clientOrigins(flow).has(origin)) flow.cookies = keepNewest([...(flow.cookies ?? []), ...cookies]);
  // Held for the next flow too: a user who starts again while a flow waits gets a new one, with the
  // cookies set for it. One origin at a time: the frame's cookies are those of the page it is on.
  const held = (cursor.cookies?.[0]?.origin ?? cursor.cookies?.[0]?.host) === origin ? (cursor.cookies ?? []) : [];
  cursor.cookies = keepNewest([...held, ...cookies]);
}

/** A new flow takes the cookies its frame's page just set: that page sent the browser to the authorization endpoint. */
export function adoptCookies(flow: Flow, cursor: TabCursor): void {
  const held = cursor.cookies;
  if (!held) return;
  delete cursor.cookies;
  // The authorization server's own cookies (a previous flow's sign-in) are never the client's state.
  const server = flow.request === undefined ? undefined : parseUrl(flow.request.url);
  const serverOrigin = server?.ok ? server.url.origin : undefined;
  const recent = held.filter((cookie) => flow.startedAt - cookie.time <= ADOPT_WITHIN_MS && (cookie.origin ?? cookie.host) !== serverOrigin);
  if (recent.length > 0) flow.cookies = recent;
}

/** The origins of a flow's client: its redirect URI's, and those that set its cookies as it started. */
export function clientOrigins(flow: Flow): Set<string> {
  const origins = new Set((flow.cookies ?? []).map((cookie) => cookie.origin ?? cookie.host));
  const redirect = flow.request?.redirectBase === undefined ? undefined : parseUrl(flow.request.redirectBase);
  if (redirect?.ok) origins.add(redirect.url.origin);
  return origins;
}

/** RFC 6265bis: the URL path up to, not including, its last "/"; "/" when that leaves nothing. */
export function defaultPathOf(pathname: string): string {
  const last = pathname.lastIndexOf('/');
  return !pathname.startsWith('/') || last <= 0 ? '/' : pathname.slice(0, last);
}

function keepNewest(cookies: ClientCookie[]): ClientCookie[] {
  return cookies.length > MAX_COOKIES_PER_FLOW ? cookies.slice(-MAX_COOKIES_PER_FLOW) : cookies;
}
