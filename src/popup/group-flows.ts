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
 * follow by their newest flow.
 */
export function groupFlowsByTab(flows: readonly FlowReport[], currentTabId: number | undefined): TabGroup[] {
  const groups = new Map<number, TabGroup>();
  for (const flow of [...flows].sort(newestFirst)) {
    let group = groups.get(flow.tabId);
    if (!group) groups.set(flow.tabId, (group = { tabId: flow.tabId, current: flow.tabId === currentTabId, flows: [] }));
    group.flows.push(flow);
  }
  // Map order is insertion order, i.e. by each group's newest flow; only the current tab moves up.
  return [...groups.values()].sort((a, b) => Number(b.current) - Number(a.current));
}
