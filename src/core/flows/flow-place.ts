import type { Flow, FlowState, TabCursor } from './flow-schema';

/** Where something happened: a tab and its frame (0: the top frame; any other: an iframe). */
export interface Place {
  tabId: number;
  frameId: number;
}

export function placeOf(event: { tabId: number; frameId?: number | undefined }): Place {
  return { tabId: event.tabId, frameId: event.frameId ?? 0 };
}

export function flowFrameId(flow: Flow): number {
  return flow.context.kind === 'iframe' ? flow.context.frameId : 0;
}

export function isIn(flow: Flow, place: Place): boolean {
  return flow.tabId === place.tabId && flowFrameId(flow) === place.frameId;
}

/** A popup and the tab that opened it: a flow may start in one and land in the other. */
export function relatedTabs(state: FlowState, flow: Flow, tabId: number): boolean {
  return (flow.context.kind === 'popup' && flow.context.openerTabId === tabId) || state.tabs[String(tabId)]?.openerTabId === flow.tabId;
}

export function cursorOf(state: FlowState, place: Place): TabCursor {
  return (state.tabs[place.frameId === 0 ? String(place.tabId) : `${place.tabId}:${place.frameId}`] ??= {});
}

/** Forget a closed tab's cursors, its frames' included; its flows stay. */
export function forgetTab(state: FlowState, tabId: number): void {
  const key = String(tabId);
  for (const known of Object.keys(state.tabs)) if (known === key || known.startsWith(`${key}:`)) delete state.tabs[known];
}
