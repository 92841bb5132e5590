import type { Clock } from '../core/clock';
import type { Flow, FlowState, Settings } from '../core/index';
import { pruneFlows } from '../core/flows/prune-flows';
import { redactFlowState } from '../core/flows/redact-flow-state';
import { FLOW_STATE_ITEM, HISTORY_ITEM } from '../core/storage/storage-items';
import { createQueue } from './promise-queue';
import { readStoredItem, writeStoredItem } from './stored-item';
import type { StorageAreaLike } from './worker-browser';

/**
 * The tab id of flows restored from history: tab ids are only meaningful within one browser
 * session, and a new tab that happens to get the same id must not inherit an old flow.
 */
export const RESTORED_TAB_ID = -1;

export interface FlowStoreOptions {
  storage: { local: StorageAreaLike; session: StorageAreaLike };
  settings: () => Promise<Settings>;
  now: Clock;
  /**
   * Runs after every change to the flows, still in the queue (so reactions happen in order),
   * with the tabs that had flows before the change.
   */
  onChange?: (state: FlowState, settings: Settings, tabsBefore: ReadonlySet<number>) => void | Promise<void>;
}

export interface UpdateOptions {
  /** Treat the update as a change even if the flows stayed the same (after a settings change). */
  force?: boolean;
}

export interface FlowStore {
  /** The current state (loaded from storage on first use); read-only for the caller. */
  read(): Promise<FlowState>;
  /**
   * Changes the state, in place or by returning a new one, then applies retention, saves it,
   * keeps the redacted history in step and reports the change. Resolves with whether the flows
   * changed. Updates run one at a time, in the order they were asked for.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a mutation in place returns nothing; `undefined` would make every such arrow a type error
  update(mutate: (state: FlowState, settings: Settings) => FlowState | void, options?: UpdateOptions): Promise<boolean>;
}

export function createFlowStore({ storage, settings: getSettings, now, onChange }: FlowStoreOptions): FlowStore {
  const queue = createQueue();
  let state: FlowState | undefined;
  /** Whether a history copy may be on disk, so opting out removes it once rather than on every change. */
  let historyKept = true;

  async function load(settings: Settings): Promise<FlowState> {
    const session = await readStoredItem(storage.session, FLOW_STATE_ITEM, now);
    if (session.problem !== undefined) console.warn(`Consent Lens: ${session.problem}`);
    let loaded = session.value;
    if (settings.capture.keepHistory) {
      const history = await readStoredItem(storage.local, HISTORY_ITEM, now);
      if (history.problem !== undefined) console.warn(`Consent Lens: ${history.problem}`);
      loaded = mergeHistory(loaded, history.value);
    }
    const pruned = pruneFlows(loaded, settings.capture, now());
    const changed = pruned !== session.value;
    await save(pruned, settings, { session: changed, history: changed });
    return pruned;
  }

  /** Never throws: a full or failing storage must not stop capture, which goes on in memory. */
  async function save(next: FlowState, settings: Settings, write: { session: boolean; history: boolean }): Promise<void> {
    try {
      if (write.session) await writeStoredItem(storage.session, FLOW_STATE_ITEM, next);
      const { keepHistory } = settings.capture;
      if (keepHistory && write.history) await writeStoredItem(storage.local, HISTORY_ITEM, redactFlowState(next));
      // The user did not opt in, or opted out: nothing stays on disk.
      if (!keepHistory && historyKept) await storage.local.remove(HISTORY_ITEM.key);
      historyKept = keepHistory;
    } catch (error) {
      console.error('Consent Lens: could not save the flows', error);
    }
  }

  return {
    read: () =>
      queue(async () => {
        state ??= await load(await getSettings());
        return state;
      }),

    update: (mutate, { force = false } = {}) =>
      queue(async () => {
        const settings = await getSettings();
        const current = (state ??= await load(settings));
        const flowsBefore = JSON.stringify(current.flows);
        const tabsJsonBefore = JSON.stringify(current.tabs);
        const tabsBefore = tabIdsOf(current);
        const next = pruneFlows(mutate(current, settings) ?? current, settings.capture, now());
        state = next;
        const flowsChanged = force || JSON.stringify(next.flows) !== flowsBefore;
        const tabsChanged = JSON.stringify(next.tabs) !== tabsJsonBefore;
        await save(next, settings, { session: flowsChanged || tabsChanged, history: flowsChanged });
        if (flowsChanged) await onChange?.(next, settings, tabsBefore);
        return flowsChanged;
      }),
  };
}

/** Adds the kept flows that the session does not have (after a browser restart: all of them). */
function mergeHistory(session: FlowState, history: FlowState): FlowState {
  const known = new Set(session.flows.map((flow) => flow.id));
  const restored: Flow[] = history.flows.filter((flow) => !known.has(flow.id)).map((flow) => ({ ...flow, tabId: RESTORED_TAB_ID }));
  if (restored.length === 0) return session;
  return {
    ...session,
    nextSeq: Math.max(session.nextSeq, history.nextSeq),
    flows: [...restored, ...session.flows].sort((a, b) => a.startedAt - b.startedAt),
  };
}

function tabIdsOf(state: FlowState): Set<number> {
  return new Set(state.flows.map((flow) => flow.tabId));
}
