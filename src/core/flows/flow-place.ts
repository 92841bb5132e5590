import type { Flow, FlowState, TabCursor } from './flow-schema';

/** Where something happened: a tab and its frame (0: the top frame; any other: an iframe). */
export interface Place {
  tabId: number;
  frameId: number;
}

export function isIn(flow: Flow, place: Place): boolean {
  // Inlined tab test first: this runs for every recent flow on every navigation.
  return flow.tabId === place.tabId && (flow.context.kind === 'iframe' ? flow.context.frameId : 0) === place.frameId;
}

/** A popup and the tab that opened it: a flow may start in one and land in the other. */
export function relatedTabs(state: FlowState, flow: Flow, tabId: number): boolean {
  return (flow.context.kind === 'popup' && flow.context.openerTabId === tabId) || state.tabs[String(tabId)]?.openerTabId === flow.tabId;
}

export function cursorOf(state: FlowState, tabId: number, frameId: number): TabCursor {
  return (state.tabs[frameId === 0 ? String(tabId) : `${tabId}:${frameId}`] ??= {});
}

/** Forget a closed tab's cursors, its frames' included; its flows stay. */
export function forgetTab(state: FlowState, tabId: number): void {
  const key = String(tabId);
  for (const known of Object.keys(state.tabs)) if (known === key || known.startsWith(`${key}:`)) delete state.tabs[known];
}
