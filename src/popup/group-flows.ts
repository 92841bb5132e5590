import type { FlowReport } from '../core/index';

export interface TabGroup {
  tabId: number;
  /** The tab the popup was opened over. */
  current: boolean;
  /** Newest first. */
  flows: FlowReport[];
}

const newestFirst = (a: FlowReport, b: FlowReport) => b.startedAt - a.startedAt || b.updatedAt - a.updatedAt;

/**
 * Flows by tab, newest first inside each group: the current tab's group leads, the others
 * follow by their newest flow. A login popup's flows belong with the tab that opened it: that
 * is the app the user is debugging, and the popup is usually gone by the time they look.
 */
export function groupFlowsByTab(flows: readonly FlowReport[], currentTabId: number | undefined): TabGroup[] {
  const groups = new Map<number, TabGroup>();
  for (const flow of [...flows].sort(newestFirst)) {
    const tabId = flow.context.kind === 'popup' ? flow.context.openerTabId : flow.tabId;
    let group = groups.get(tabId);
    if (!group) groups.set(tabId, (group = { tabId, current: tabId === currentTabId, flows: [] }));
    group.flows.push(flow);
  }
  // Map order is insertion order, i.e. by each group's newest flow; only the current tab moves up.
  return [...groups.values()].sort((a, b) => Number(b.current) - Number(a.current));
}
