// Which flow a URL is the callback of: the search that runs for every navigation, kept apart
// from the rest of correlation because its speed is what the per-observation budget is spent on.
import type { FormField } from '../observation/observation-schema';
import { getParam } from '../params/param-list';
import type { Param } from '../params/param-schema';
import { splitUrl, stripFragment } from '../url/split-url';
import { isAuthorizationResponse } from './authorization-request';
import type { Flow, FlowState } from './flow-schema';
import type { WatchList } from './ingest';

/** How many recent flows a callback is matched against. */
const LOOKBACK_FLOWS = 200;
/** A flow idle this long no longer collects the tab's navigations as its hops. */
const ACTIVE_IDLE_MS = 30 * 60 * 1000;

/** A URL the browser went to, from whichever event reported it. */
export interface Sighting {
  tabId: number;
  time: number;
  url: string;
  method: string;
  via: 'request' | 'location' | 'navigation';
  /** The request that follows a redirect already seen as its Location. */
  continues: boolean;
  requestId?: string;
  formData?: readonly FormField[];
}

/**
 * Every redirect base a flow of this state has asked for or landed on: lets the many navigations
 * that concern no flow skip the search. Derived from the flows and cached per state object, so
 * a state restored from storage (a new object) gets its own; flows removed from a state leave
 * stale entries behind, which cost a search and nothing else.
 */
const knownBases = new WeakMap<FlowState, Set<string>>();

export function basesOf(state: FlowState): Set<string> {
  let bases = knownBases.get(state);
  if (!bases) {
    bases = new Set();
    for (const flow of state.flows) {
      if (flow.request?.redirectBase !== undefined) bases.add(flow.request.redirectBase);
      for (const callback of flow.callbacks) bases.add(splitUrl(callback.url).base);
    }
    knownBases.set(state, bases);
  }
  return bases;
}

export type CallbackMatch = { flow: Flow; merge: boolean } | { flow: undefined; merge: false };

/**
 * Which flow a URL is the callback of. In order: a callback already recorded at this exact URL
 * (the same navigation seen again, or a replay of its code); a flow awaiting its callback at this
 * redirect_uri (same tab first, then the same state); a flow in this tab that named no
 * redirect_uri (PAR) or whose state this callback carries; and a registered redirect URI with no
 * request seen, which becomes a flow of its own.
 */
export function matchCallback(
  state: FlowState,
  sighting: Sighting,
  base: string,
  watch: WatchList,
  params: () => Param[],
): CallbackMatch | undefined {
  const registered = watch.registeredBases.has(base);
  if (!registered && !basesOf(state).has(base) && !activeFlowWithoutRedirect(state, sighting)) return undefined;
  const url = stripFragment(sighting.url);
  // One pass over the recent flows, without allocating.
  let seenHere: Flow | undefined;
  const awaiting: Flow[] = [];
  for (let i = state.flows.length - 1, stop = Math.max(0, i + 1 - LOOKBACK_FLOWS); i >= stop; i--) {
    const flow = state.flows[i]!;
    if (flow.callbacks.length === 0) {
      if (flow.request?.redirectBase === base) awaiting.push(flow);
    } else if (!seenHere && flow.tabId === sighting.tabId && flow.callbacks.some((cb) => hasBase(cb.url, base) && stripFragment(cb.url) === url)) {
      seenHere = flow;
    }
  }
  if (seenHere && (sighting.via === 'navigation' || sighting.continues)) return { flow: seenHere, merge: true };
  if (!seenHere && awaiting.length === 0 && !registered && !activeFlowWithoutRedirect(state, sighting)) return undefined;
  if (!isAuthorizationResponse(params())) return undefined;
  if (seenHere) return { flow: seenHere, merge: false };

  const state_ = getParam(params(), 'state');
  const sameState = (flow: Flow) => state_ !== undefined && getParam(flow.request?.params ?? [], 'state') === state_;
  const byRedirect =
    awaiting.find((flow) => flow.tabId === sighting.tabId && sameState(flow)) ??
    awaiting.find((flow) => flow.tabId === sighting.tabId) ??
    awaiting.find(sameState);
  if (byRedirect) return { flow: byRedirect, merge: false };

  const active = activeFlow(state, sighting.tabId, sighting.time);
  if (active?.request && (active.request.redirectBase === undefined || sameState(active))) return { flow: active, merge: false };
  return registered ? { flow: undefined, merge: false } : undefined;
}

function activeFlowWithoutRedirect(state: FlowState, sighting: Sighting): boolean {
  const active = activeFlow(state, sighting.tabId, sighting.time);
  return active?.request !== undefined && active.request.redirectBase === undefined;
}

/** The tab's newest flow while it still awaits its callback and has not gone idle. */
export function activeFlow(state: FlowState, tabId: number, time: number): Flow | undefined {
  for (let i = state.flows.length - 1; i >= 0; i--) {
    const flow = state.flows[i]!;
    if (flow.tabId !== tabId) continue;
    return flow.callbacks.length === 0 && time - flow.updatedAt <= ACTIVE_IDLE_MS ? flow : undefined;
  }
  return undefined;
}

/** `url` is `base` followed by nothing, a query or a fragment. */
function hasBase(url: string, base: string): boolean {
  if (!url.startsWith(base)) return false;
  const next = url.charAt(base.length);
  return next === '' || next === '?' || next === '#';
}
