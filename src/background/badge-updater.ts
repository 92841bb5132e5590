import type { Clock } from '../core/clock';
import type { FlowReport } from '../core/index';
import { badgeFor, type BadgeState } from '../core/report/badge-state';
import type { WorkerBrowser } from './worker-browser';

/** The alarm that wakes the worker when a shown badge must change (a code expires). */
export const BADGE_ALARM = 'badge-refresh';

export interface BadgeUpdater {
  /**
   * Shows each tab's latest flow, from a fresh analysis. `tabsBefore` are tabs that had flows
   * before the change: those that have none now get an empty badge.
   */
  update(flows: readonly FlowReport[], tabsBefore?: Iterable<number>): Promise<void>;
  /** Shows the known badges of these tabs again: Firefox resets a tab's badge when it navigates. */
  reapply(tabIds: Iterable<number>): Promise<void>;
}

export function createBadgeUpdater({ action, alarms }: Pick<WorkerBrowser, 'action' | 'alarms'>, now: Clock): BadgeUpdater {
  /** Per tab: its flows, and the badge last set for it (none yet after the worker woke). */
  const tabs = new Map<number, { flows: FlowReport[]; shown?: BadgeState }>();
  /** When the alarm is set for, so an unchanged expiry does not set it again on every update. */
  let alarmAt: number | undefined;

  const show = (tabId: number, { text, color, title }: BadgeState) =>
    Promise.all([action.setBadgeText({ tabId, text }), action.setBadgeBackgroundColor({ tabId, color }), action.setTitle({ tabId, title })]).then(
      () => {},
      () => {}, // the tab has closed since: nothing to show
    );

  const schedule = async (next: number): Promise<void> => {
    if (next === alarmAt) return;
    alarmAt = next === Infinity ? undefined : next;
    try {
      if (alarmAt === undefined) await alarms.clear(BADGE_ALARM);
      else await alarms.create(BADGE_ALARM, { when: alarmAt });
    } catch {
      alarmAt = undefined; // tried again on the next update
    }
  };

  /** Recomputes every known tab's badge, showing those that changed (e.g. a code expired), and sets the alarm for the next expiry. */
  const refresh = (): Promise<void> => {
    const at = now();
    const shows: Promise<void>[] = [];
    let next = Infinity;
    for (const [tabId, entry] of tabs) {
      const badge = badgeFor(entry.flows, at);
      if (badge.refreshAt !== undefined) next = Math.min(next, badge.refreshAt);
      if (!sameBadge(badge, entry.shown)) shows.push(show(tabId, badge));
      entry.shown = badge;
    }
    return Promise.all([...shows, schedule(next)]).then(() => {});
  };

  return {
    update(flows, tabsBefore = []) {
      const byTab = flowsPerTab(flows);
      const shows: Promise<void>[] = [];
      for (const tabId of new Set([...tabsBefore, ...tabs.keys()])) {
        if (tabId < 0 || byTab.has(tabId)) continue;
        tabs.delete(tabId);
        shows.push(show(tabId, badgeFor([], now())));
      }
      for (const [tabId, tabFlows] of byTab) {
        const known = tabs.get(tabId);
        if (known) known.flows = tabFlows;
        else tabs.set(tabId, { flows: tabFlows });
      }
      return Promise.all([...shows, refresh()]).then(() => {});
    },

    reapply(tabIds) {
      const shows: Promise<void>[] = [];
      for (const tabId of new Set(tabIds)) {
        const entry = tabs.get(tabId);
        if (entry?.shown) shows.push(show(tabId, entry.shown));
      }
      return Promise.all(shows).then(() => {});
    },
  };
}

function flowsPerTab(flows: readonly FlowReport[]): Map<number, FlowReport[]> {
  const byTab = new Map<number, FlowReport[]>();
  for (const flow of flows) {
    if (flow.tabId < 0) continue; // restored from history: no open tab to badge
    const tabFlows = byTab.get(flow.tabId);
    if (tabFlows) tabFlows.push(flow);
    else byTab.set(flow.tabId, [flow]);
  }
  return byTab;
}

/** Never shown (e.g. after the worker woke) counts as different: the browser may still show an older badge. */
function sameBadge(a: BadgeState, b: BadgeState | undefined): boolean {
  return b !== undefined && a.text === b.text && a.color === b.color && a.title === b.title;
}
