import type { Observation, ResponseObservation } from '../observation/observation-schema';
import { getParam } from '../params/param-list';
import { urlParams } from '../params/decode-params';
import type { Param } from '../params/param-schema';
import type { Settings } from '../settings/settings-schema';
import { parseUrl, urlBase } from '../url/parse-url';
import { splitUrl, stripFragment } from '../url/split-url';
import { isAuthorizationRequest } from './authorization-request';
import { activeFlow, basesOf, matchCallback, type CallbackMatch, type Sighting } from './match-callback';
import type { CallbackRecord, Flow, FlowState, Hop, TabCursor } from './flow-schema';

/** Hops kept per flow; a flow left open while the user browses on must not grow without bound. */
export const MAX_HOPS_PER_FLOW = 100;

/** What correlation needs from the settings, prepared once rather than per observation. */
export interface WatchList {
  registeredBases: ReadonlySet<string>;
}

export function compileWatchList(settings: Pick<Settings, 'redirectUris'>): WatchList {
  const bases = settings.redirectUris.map(({ uri }) => urlBase(uri)).filter((base) => base !== undefined);
  return { registeredBases: new Set(bases) };
}

/**
 * Folds one observation into the flow state (in place, and returned for chaining). Never throws
 * on any URL: whatever cannot be decoded is kept as written and reported by the checks.
 */
export function ingest(state: FlowState, observation: Observation, watch: WatchList): FlowState {
  const cursor = tabCursor(state, observation.tabId);
  switch (observation.kind) {
    case 'request': {
      const continues = cursor.expect === stripFragment(observation.url);
      delete cursor.expect;
      see(state, { ...observation, via: 'request', continues }, watch);
      break;
    }
    case 'response':
      onResponse(state, observation, cursor, watch);
      break;
    case 'navigation':
      see(state, { ...observation, method: 'GET', via: 'navigation', continues: false }, watch);
      break;
  }
  return state;
}

/** Forget a closed tab's cursor; its flows stay. */
export function forgetTab(state: FlowState, tabId: number): void {
  delete state.tabs[String(tabId)];
}

function tabCursor(state: FlowState, tabId: number): TabCursor {
  return (state.tabs[String(tabId)] ??= {});
}

function onResponse(state: FlowState, response: ResponseObservation, cursor: TabCursor, watch: WatchList): void {
  const outcome = {
    status: response.status,
    ...(response.location !== undefined && { location: response.location }),
    ...(response.error !== undefined && { error: response.error }),
  };
  const target = findAwaitingResponse(state, response);
  if (target) Object.assign(target, outcome);
  else {
    const flow = activeFlow(state, response.tabId, response.time);
    if (flow) addHop(flow, { time: response.time, url: response.url, ...optionalIds(response), ...outcome });
  }
  if (response.location === undefined) return;
  const target307 = response.status === 307 || response.status === 308;
  const url = resolveLocation(response.location, response.url);
  cursor.expect = stripFragment(url);
  see(state, {
    tabId: response.tabId,
    time: response.time,
    url,
    // 307 and 308 repeat the method (and body); every other redirect becomes a GET.
    method: target307 ? (response.method ?? 'GET') : 'GET',
    via: 'location',
    continues: false,
  }, watch);
}

function optionalIds(event: { requestId?: string | undefined; method?: string | undefined }): Partial<Hop> {
  return {
    ...(event.requestId !== undefined && { requestId: event.requestId }),
    ...(event.method !== undefined && { method: event.method }),
  };
}

/** The hop or callback, in this tab's latest flows, whose request this response answers. */
function findAwaitingResponse(state: FlowState, response: ResponseObservation): Hop | CallbackRecord | undefined {
  const url = stripFragment(response.url);
  const answers = (entry: Hop | CallbackRecord) =>
    entry.status === undefined &&
    (response.requestId !== undefined && entry.requestId !== undefined
      ? entry.requestId === response.requestId
      : stripFragment(entry.url) === url);
  let checked = 0;
  for (let i = state.flows.length - 1; i >= 0 && checked < 3; i--) {
    const flow = state.flows[i]!;
    if (flow.tabId !== response.tabId) continue;
    checked++;
    const callback = findLast(flow.callbacks, answers);
    if (callback) return callback;
    const hop = findLast(flow.hops, answers);
    if (hop) return hop;
  }
  return undefined;
}

function see(state: FlowState, sighting: Sighting, watch: WatchList): void {
  const { base } = splitUrl(sighting.url);
  let params: Param[] | undefined;
  if (sighting.url.includes('client_id') || sighting.formData?.some(([name]) => name === 'client_id')) {
    params = urlParams(sighting.url, sighting.method === 'POST' ? sighting.formData : undefined);
    if (isAuthorizationRequest(params)) return seeAuthorizationRequest(state, sighting, params);
  }
  const match = matchCallback(state, sighting, base, watch, () => (params ??= urlParams(sighting.url, sighting.formData)));
  if (match) return recordCallback(state, match, sighting, params ?? urlParams(sighting.url, sighting.formData));
  if (sighting.via === 'request') {
    const flow = activeFlow(state, sighting.tabId, sighting.time);
    if (flow) addHop(flow, hopOf(sighting));
  }
}

function seeAuthorizationRequest(state: FlowState, sighting: Sighting, params: Param[]): void {
  const active = activeFlow(state, sighting.tabId, sighting.time);
  const sameRequest = active?.request && stripFragment(active.request.url) === stripFragment(sighting.url);
  // The request announced by a redirect, its committed navigation, or a reload: one flow, not several.
  const flow = sameRequest ? active : startFlow(state, sighting, params);
  if (sighting.via === 'request') addHop(flow, hopOf(sighting));
}

function startFlow(state: FlowState, sighting: Sighting, params: Param[]): Flow {
  const redirectUri = getParam(params, 'redirect_uri');
  const redirectBase = redirectUri === undefined ? undefined : urlBase(redirectUri);
  const flow: Flow = {
    id: `flow-${state.nextSeq++}`,
    tabId: sighting.tabId,
    startedAt: sighting.time,
    updatedAt: sighting.time,
    request: {
      time: sighting.time,
      url: sighting.url,
      method: sighting.method,
      params,
      ...(redirectBase !== undefined && { redirectBase }),
    },
    hops: [],
    hopsDropped: 0,
    callbacks: [],
  };
  state.flows.push(flow);
  if (redirectBase !== undefined) basesOf(state).add(redirectBase);
  return flow;
}

function recordCallback(state: FlowState, match: CallbackMatch, sighting: Sighting, params: Param[]): void {
  const flow = match.flow ?? startOrphanFlow(state, sighting);
  flow.updatedAt = Math.max(flow.updatedAt, sighting.time);
  const last = flow.callbacks.at(-1);
  if (match.merge && last) {
    // A later sighting of the same arrival adds what the earlier one could not see: the
    // fragment (navigation) or the POSTed form (request).
    for (const param of params) {
      if (!last.params.some((known) => known.name === param.name && known.in === param.in)) last.params.push(param);
    }
    if (sighting.url.length > last.url.length && stripFragment(sighting.url) === stripFragment(last.url)) last.url = sighting.url;
    if (sighting.via === 'request') Object.assign(last, optionalIds(sighting), { method: sighting.method });
    return;
  }
  basesOf(state).add(splitUrl(sighting.url).base);
  flow.callbacks.push({
    time: sighting.time,
    url: sighting.url,
    method: sighting.method,
    params,
    ...(sighting.requestId !== undefined && { requestId: sighting.requestId }),
  });
}

function startOrphanFlow(state: FlowState, sighting: Sighting): Flow {
  const flow: Flow = {
    id: `flow-${state.nextSeq++}`,
    tabId: sighting.tabId,
    startedAt: sighting.time,
    updatedAt: sighting.time,
    hops: [],
    hopsDropped: 0,
    callbacks: [],
  };
  state.flows.push(flow);
  return flow;
}

function addHop(flow: Flow, hop: Hop): void {
  flow.updatedAt = Math.max(flow.updatedAt, hop.time);
  if (flow.hops.length >= MAX_HOPS_PER_FLOW) flow.hopsDropped++;
  else flow.hops.push(hop);
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
