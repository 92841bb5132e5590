import type { Observation, ResponseObservation } from '../observation/observation-schema';
import { getParam } from '../params/param-list';
import { urlParams } from '../params/decode-params';
import type { Param } from '../params/param-schema';
import { comparableBase, comparableUrl, comparableUrlOf } from '../url/comparable-url';
import { parseUrl, urlBase } from '../url/parse-url';
import { stripFragment } from '../url/split-url';
import { isAuthorizationRequest } from './authorization-request';
import type { CallbackRecord, Flow, FlowContext, FlowState, Hop, TabCursor } from './flow-schema';
import { adoptCookies, seeSetCookies } from './client-cookies';
import { cursorOf, isIn, type Place } from './flow-place';
import { activeFlow, basesOf, indexCallback, matchCallback, type CallbackMatch, type Sighting } from './match-callback';
import { seeTokenRequest, seeTokenResponse } from './token-exchange';
import type { WatchList } from './watch-list';

export { compileWatchList, type WatchList } from './watch-list';
export { forgetTab } from './flow-place';

/** Hops kept per flow; a flow left open while the user browses on must not grow without bound. */
export const MAX_HOPS_PER_FLOW = 100;

/**
 * A URL that may be an authorization request: it names `client_id`, perhaps percent-encoded
 * (`client%5Fid`, as Microsoft's SharePoint sign-in sends it). Only these are decoded up front.
 */
const ENCODED_CLIENT_ID = /client%5fid/i;
const mayBeRequest = (url: string) => url.includes('client_id') || (url.includes('%5') && ENCODED_CLIENT_ID.test(url));

/**
 * Folds one observation into the flow state (in place, and returned for chaining). Never throws
 * on any URL: whatever cannot be decoded is kept as written and reported by the checks.
 */
export function ingest(state: FlowState, observation: Observation, watch: WatchList): FlowState {
  // A page posting a code to the token endpoint: the flow's exchange, never a hop.
  if (observation.kind === 'request' && seeTokenRequest(state, observation)) return state;
  if (observation.kind === 'response' && seeTokenResponse(state, observation)) return state;
  // Pixels, scripts, fetch/XHR: they carry OAuth-looking parameters at times, but the browser
  // never navigated there, so they are neither a hop nor a flow.
  if (observation.destination === 'subresource') return state;
  const frameId = observation.frameId ?? 0;
  const cursor = cursorOf(state, observation.tabId, frameId);
  switch (observation.kind) {
    case 'opened':
      cursor.openerTabId = observation.openerTabId;
      break;
    case 'request': {
      const continues = cursor.expect === stripFragment(observation.url);
      delete cursor.expect;
      // `delete` only when set: deleting reshapes the object, on the hottest path.
      if (!continues && cursor.landing !== undefined) delete cursor.landing;
      see(state, { ...observation, frameId, via: 'request', continues }, cursor, watch);
      break;
    }
    case 'response':
      onResponse(state, observation, { tabId: observation.tabId, frameId }, cursor, watch);
      break;
    case 'navigation':
      see(state, { ...observation, frameId, method: 'GET', via: 'navigation', continues: false }, cursor, watch);
      break;
  }
  return state;
}

function onResponse(state: FlowState, response: ResponseObservation, place: Place, cursor: TabCursor, watch: WatchList): void {
  const outcome = {
    status: response.status,
    ...(response.location !== undefined && { location: response.location }),
    ...(response.error !== undefined && { error: response.error }),
  };
  const answered = findAwaitingResponse(state, response, place);
  if (answered) {
    Object.assign(answered.entry, outcome);
    // The client's redirects away from its callback belong to the flow until a page lands.
    const redirects = response.location !== undefined && answered.part !== 'hops';
    if (redirects) cursor.landing = answered.flow.id;
    else if (cursor.landing === answered.flow.id) delete cursor.landing;
  } else {
    const flow = activeFlow(state, place, response.time);
    if (flow) addHop(flow, { time: response.time, url: response.url, ...optionalIds(response), ...outcome });
  }
  // Before its Location is followed: the page that redirects to the authorization endpoint sets the state cookie.
  seeSetCookies(state, response, place, cursor);
  if (response.location === undefined) return;
  const target307 = response.status === 307 || response.status === 308;
  const url = resolveLocation(response.location, response.url);
  cursor.expect = stripFragment(url);
  see(
    state,
    {
      ...place,
      time: response.time,
      url,
      // 307 and 308 repeat the method (and body); every other redirect becomes a GET.
      method: target307 ? (response.method ?? 'GET') : 'GET',
      via: 'location',
      continues: false,
    },
    cursor,
    watch,
  );
}

function optionalIds(event: { requestId?: string | undefined; method?: string | undefined }): Partial<Hop> {
  return {
    ...(event.requestId !== undefined && { requestId: event.requestId }),
    ...(event.method !== undefined && { method: event.method }),
  };
}

type Answered = { flow: Flow; entry: Hop | CallbackRecord; part: 'hops' | 'callbacks' | 'landing' };

/** The hop, callback or landing hop, in this frame's latest flows, whose request this response answers. */
function findAwaitingResponse(state: FlowState, response: ResponseObservation, place: Place): Answered | undefined {
  const url = comparableUrl(response.url);
  const answers = (entry: Hop | CallbackRecord) =>
    entry.status === undefined &&
    (response.requestId !== undefined && entry.requestId !== undefined ? entry.requestId === response.requestId : comparableUrlOf(entry) === url);
  let checked = 0;
  for (let i = state.flows.length - 1; i >= 0 && checked < 3; i--) {
    const flow = state.flows[i]!;
    if (!isIn(flow, place)) continue;
    checked++;
    for (const part of ['landing', 'callbacks', 'hops'] as const) {
      const entry = findLast(flow[part] ?? [], answers);
      if (entry) return { flow, entry, part };
    }
  }
  return undefined;
}

function see(state: FlowState, sighting: Sighting, cursor: TabCursor, watch: WatchList): void {
  const base = comparableBase(sighting.url);
  let params: Param[] | undefined;
  if (mayBeRequest(sighting.url) || sighting.formData?.some(([name]) => name === 'client_id')) {
    params = urlParams(sighting.url, sighting.method === 'POST' ? sighting.formData : undefined);
    if (isAuthorizationRequest(params, sighting.url)) {
      delete cursor.landing;
      seeAuthorizationRequest(state, sighting, cursor, params);
      return;
    }
  }
  const match = matchCallback(state, sighting, base, watch, () => (params ??= urlParams(sighting.url, sighting.formData)));
  if (match) {
    recordCallback(state, match, sighting, cursor, params ?? urlParams(sighting.url, sighting.formData));
    return;
  }
  if (sighting.via !== 'request') return;
  const landing = cursor.landing === undefined ? undefined : state.flows.findLast((flow) => flow.id === cursor.landing);
  if (landing && sighting.continues) {
    addLandingHop(landing, hopOf(sighting));
    return;
  }
  const flow = activeFlow(state, sighting, sighting.time);
  if (flow) addHop(flow, hopOf(sighting));
}

function seeAuthorizationRequest(state: FlowState, sighting: Sighting, cursor: TabCursor, params: Param[]): void {
  const active = activeFlow(state, sighting, sighting.time);
  // The request announced by a redirect, its committed navigation, a reload, or the server sending
  // the browser back to its authorization endpoint after login (Spring adds `&continue`): one flow.
  const flow = active && sameRequest(active, params) ? active : startFlow(state, sighting, cursor, params);
  if (sighting.via === 'request') addHop(flow, hopOf(sighting));
}

/**
 * The same client, state and redirect_uri: the same request. Without a state, the same
 * parameters in any order, on any path (Spring re-enters at `/error?<the request>&continue`).
 */
function sameRequest(flow: Flow, params: Param[]): boolean {
  const request = flow.request;
  if (!request) return false;
  if (getParam(params, 'state') === undefined) return sameParams(request.params, params);
  return (['client_id', 'state', 'redirect_uri'] as const).every((name) => getParam(request.params, name) === getParam(params, name));
}

/** Spring's marker of a re-entry: not a parameter of the request. */
const REENTRY_MARKERS = new Set(['continue']);

function sameParams(a: readonly Param[], b: readonly Param[]): boolean {
  const key = (params: readonly Param[]) =>
    params
      .filter(({ name }) => !REENTRY_MARKERS.has(name))
      .map(({ name, value }) => `${name}=${value}`)
      .sort()
      .join('&');
  return key(a) === key(b);
}

function startFlow(state: FlowState, sighting: Sighting, cursor: TabCursor, params: Param[]): Flow {
  const redirectUri = getParam(params, 'redirect_uri');
  const redirectBase = redirectUri === undefined ? undefined : urlBase(redirectUri);
  const flow: Flow = {
    ...newFlow(state, sighting, cursor),
    request: {
      time: sighting.time,
      url: sighting.url,
      method: sighting.method,
      params,
      ...(redirectBase !== undefined && { redirectBase }),
    },
  };
  adoptCookies(flow, cursor);
  state.flows.push(flow);
  if (redirectBase !== undefined) basesOf(state).add(redirectBase);
  return flow;
}

function contextOf(sighting: Sighting, cursor: TabCursor): FlowContext {
  if (sighting.frameId !== 0) return { kind: 'iframe', frameId: sighting.frameId };
  if (cursor.openerTabId !== undefined) return { kind: 'popup', openerTabId: cursor.openerTabId };
  return { kind: 'tab' };
}

function newFlow(state: FlowState, sighting: Sighting, cursor: TabCursor): Flow {
  return {
    id: `flow-${state.nextSeq++}`,
    tabId: sighting.tabId,
    context: contextOf(sighting, cursor),
    startedAt: sighting.time,
    updatedAt: sighting.time,
    hops: [],
    hopsDropped: 0,
    callbacks: [],
  };
}

function recordCallback(state: FlowState, match: CallbackMatch, sighting: Sighting, cursor: TabCursor, params: Param[]): void {
  const flow = match.flow ?? startOrphanFlow(state, sighting, cursor);
  flow.updatedAt = Math.max(flow.updatedAt, sighting.time);
  const last = flow.callbacks.at(-1);
  if (match.merge && last) {
    // A later sighting of the same arrival adds what the earlier one could not see: the
    // fragment (navigation) or the POSTed form (request).
    for (const param of params) {
      if (!last.params.some((known) => known.name === param.name && known.in === param.in)) last.params.push(param);
    }
    if (sighting.url.length > last.url.length && stripFragment(sighting.url) === stripFragment(last.url)) last.url = sighting.url;
    if (sighting.via === 'request') Object.assign(last, optionalIds(sighting), { method: sighting.method }, sentCookies(sighting));
    return;
  }
  indexCallback(state, sighting.url, flow);
  flow.callbacks.push({
    time: sighting.time,
    url: sighting.url,
    method: sighting.method,
    params,
    ...(sighting.requestId !== undefined && { requestId: sighting.requestId }),
    ...sentCookies(sighting),
  });
}

/** Cookie names kept per callback: a request sending hundreds must not grow the flow without bound. */
const MAX_COOKIE_NAMES = 100;

function sentCookies(sighting: Sighting): Pick<CallbackRecord, 'cookieNames'> {
  return sighting.cookieNames ? { cookieNames: sighting.cookieNames.slice(0, MAX_COOKIE_NAMES) } : {};
}

function startOrphanFlow(state: FlowState, sighting: Sighting, cursor: TabCursor): Flow {
  const flow = newFlow(state, sighting, cursor);
  state.flows.push(flow);
  return flow;
}

function addHop(flow: Flow, hop: Hop): void {
  flow.updatedAt = Math.max(flow.updatedAt, hop.time);
  if (flow.hops.length >= MAX_HOPS_PER_FLOW) flow.hopsDropped++;
  else flow.hops.push(hop);
}

function addLandingHop(flow: Flow, hop: Hop): void {
  const landing = (flow.landing ??= []);
  // A client redirecting in a loop must not grow the flow without bound either.
  if (landing.length < MAX_HOPS_PER_FLOW) landing.push(hop);
  else flow.hopsDropped++;
}

function hopOf(sighting: Sighting): Hop {
  return { time: sighting.time, url: sighting.url, ...optionalIds(sighting), method: sighting.method };
}

function resolveLocation(location: string, from: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(location)) return location;
  const resolved = parseUrl(location, from);
  return resolved.ok ? resolved.url.href : location;
}

function findLast<T>(items: T[], predicate: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return items[i];
  return undefined;
}
