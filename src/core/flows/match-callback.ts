// Which flow a URL is the callback of: the search that runs for every navigation, kept apart
// from the rest of correlation because its speed is what the per-observation budget is spent on.
import type { FormField } from '../observation/observation-schema';
import { getParam } from '../params/param-list';
import type { Param } from '../params/param-schema';
import { comparableBase, comparableUrl } from '../url/comparable-url';
import { isAuthorizationResponse } from './authorization-request';
import type { Flow, FlowState } from './flow-schema';
import { isIn, relatedTabs, type Place } from './flow-place';
import type { WatchList } from './watch-list';

/** How many recent flows a callback is matched against. */
const LOOKBACK_FLOWS = 200;
/** A flow idle this long no longer collects the tab's navigations as its hops. */
const ACTIVE_IDLE_MS = 30 * 60 * 1000;

/** A URL the browser went to, from whichever event reported it. */
export interface Sighting extends Place {
  time: number;
  url: string;
  method: string;
  via: 'request' | 'location' | 'navigation';
  /** The request that follows a redirect already seen as its Location. */
  continues: boolean;
  requestId?: string;
  formData?: readonly FormField[];
  /** The cookies a request sent, by name; absent: not visible. */
  cookieNames?: readonly string[];
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
      for (const callback of flow.callbacks) bases.add(comparableBase(callback.url));
    }
    knownBases.set(state, bases);
  }
  return bases;
}

/**
 * The flows with a callback at each URL (comparable form, fragment stripped), in the order they
 * got it: "this URL was seen before" without scanning every recent callback. Cached per state
 * object like `basesOf`, and kept up to date by `indexCallback`; states are only ever shrunk by
 * copying (pruning, clearing), which starts a new cache.
 */
const callbackUrls = new WeakMap<FlowState, Map<string, Flow[]>>();

function flowsByCallbackUrl(state: FlowState): Map<string, Flow[]> {
  let index = callbackUrls.get(state);
  if (!index) {
    index = new Map();
    callbackUrls.set(state, index);
    for (const flow of state.flows) for (const callback of flow.callbacks) addTo(index, comparableUrl(callback.url), flow);
  }
  return index;
}

function addTo(index: Map<string, Flow[]>, url: string, flow: Flow): void {
  const flows = index.get(url);
  if (!flows) index.set(url, [flow]);
  else if (flows.at(-1) !== flow) flows.push(flow);
}

/** Records that `flow` got a callback at `url`. */
export function indexCallback(state: FlowState, url: string, flow: Flow): void {
  basesOf(state).add(comparableBase(url));
  addTo(flowsByCallbackUrl(state), comparableUrl(url), flow);
}

export type CallbackMatch = { flow: Flow; merge: boolean } | { flow: undefined; merge: false };

/**
 * Which flow a URL is the callback of. In order: the flow whose request sent the state this
 * callback carries; a later sighting of a callback already recorded at this URL (its committed
 * navigation, or the request after its Location); a flow awaiting its callback at this
 * redirect_uri, in this frame, this tab, a popup and its opener, then any; a callback recorded at
 * this URL before (a replay of its code); a flow in this frame that named no redirect_uri (PAR);
 * and a registered redirect URI with no request seen, which becomes a flow of its own.
 *
 * The state comes first because callbacks of form_post and fragment flows all arrive at the bare
 * redirect URI: two flows one after the other in a tab share that URL, not their state.
 */
export function matchCallback(state: FlowState, sighting: Sighting, base: string, watch: WatchList, params: () => Param[]): CallbackMatch | undefined {
  const registered = watch.registeredBases.has(base);
  if (!registered && !basesOf(state).has(base) && !activeFlowWithoutRedirect(state, sighting)) return undefined;
  const seenHere = flowsByCallbackUrl(state)
    .get(comparableUrl(sighting.url))
    ?.findLast((flow) => isIn(flow, sighting));
  // One pass over the recent flows, without allocating more than the candidates.
  const awaiting: Flow[] = [];
  for (let i = state.flows.length - 1, stop = Math.max(0, i + 1 - LOOKBACK_FLOWS); i >= stop; i--) {
    const flow = state.flows[i]!;
    if (flow.callbacks.length === 0 && flow.request?.redirectBase === base) awaiting.push(flow);
  }
  const repeat = seenHere !== undefined && (sighting.via === 'navigation' || sighting.continues);
  // Flows that started after the last arrival here: a fresh arrival without a telling state is theirs.
  const newer = seenHere ? awaiting.filter((flow) => flow.startedAt > seenHere.updatedAt) : awaiting;
  if (repeat && !newer.some((flow) => isIn(flow, sighting))) return { flow: seenHere!, merge: true };
  if (!seenHere && awaiting.length === 0 && !registered && !activeFlowWithoutRedirect(state, sighting)) return undefined;
  if (!isAuthorizationResponse(params())) return undefined;

  const carried = getParam(params(), 'state');
  const sameState = (flow: Flow) => carried !== undefined && getParam(flow.request?.params ?? [], 'state') === carried;
  const byState =
    awaiting.find((flow) => isIn(flow, sighting) && sameState(flow)) ??
    awaiting.find((flow) => flow.tabId === sighting.tabId && sameState(flow)) ??
    awaiting.find(sameState);
  if (byState) return { flow: byState, merge: false };
  if (seenHere && sameState(seenHere)) return { flow: seenHere, merge: false };
  const byPlace =
    newer.find((flow) => isIn(flow, sighting)) ??
    // A top-level flow may take an iframe's callback; an iframe's flow never takes the tab's.
    newer.find((flow) => flow.tabId === sighting.tabId && flow.context.kind !== 'iframe') ??
    newer.find((flow) => relatedTabs(state, flow, sighting.tabId));
  if (byPlace) return { flow: byPlace, merge: false };
  if (seenHere) return { flow: seenHere, merge: false };

  const active = activeFlow(state, sighting, sighting.time);
  if (active?.request && (active.request.redirectBase === undefined || sameState(active))) return { flow: active, merge: false };
  return registered ? { flow: undefined, merge: false } : undefined;
}

function activeFlowWithoutRedirect(state: FlowState, place: Place & { time: number }): boolean {
  const active = activeFlow(state, place, place.time);
  return active?.request !== undefined && active.request.redirectBase === undefined;
}

/** The newest flow of this tab's frame while it still awaits its callback and has not gone idle. */
export function activeFlow(state: FlowState, place: Place, time: number): Flow | undefined {
  for (let i = state.flows.length - 1; i >= 0; i--) {
    const flow = state.flows[i]!;
    if (!isIn(flow, place)) continue;
    return flow.callbacks.length === 0 && time - flow.updatedAt <= ACTIVE_IDLE_MS ? flow : undefined;
  }
  return undefined;
}
