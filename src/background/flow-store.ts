import type { Clock } from '../core/clock';
import { createFlowState, type Flow, type FlowState, type Observation, type Settings } from '../core/index';
import { capFlowState } from '../core/flows/cap-flow';
import { pruneFlows } from '../core/flows/prune-flows';
import { redactFlowState } from '../core/flows/redact-flow-state';
import { noneDropped, type DroppedFlows, type StorageHealth } from '../core/storage/storage-health';
import { wrapItem } from '../core/storage/storage-item';
import { DROPPED_FLOWS_ITEM, FLOW_STATE_ITEM, HISTORY_ITEM } from '../core/storage/storage-items';
import type { ObservationJournal } from './observation-journal';
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
  /** Every session write goes through it, so the state and the journal it takes in land together. */
  journal: ObservationJournal;
  /**
   * Runs after every change to the flows, still in the queue (so reactions happen in order),
   * with the tabs that had flows before the change.
   */
  onChange?: (state: FlowState, settings: Settings, tabsBefore: ReadonlySet<number>) => void | Promise<void>;
}

export interface UpdateOptions {
  /** Treat the update as a change even if the flows stayed the same (after a settings change). */
  force?: boolean;
  /** The journaled observations this update takes in: the journal drops them with the same write. */
  ingested?: readonly Observation[];
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
  /** Removes every flow (the ids keep counting) and the count of dropped ones; resolves with how many flows went. */
  clear(): Promise<number>;
  /** What the user should be told about the stored flows: a failed save, flows dropped; undefined when nothing. */
  health(): Promise<StorageHealth | undefined>;
}

export function createFlowStore({ storage, settings: getSettings, now, journal, onChange }: FlowStoreOptions): FlowStore {
  const queue = createQueue();
  let state: FlowState | undefined;
  let dropped: DroppedFlows = noneDropped();
  /** Whether a history copy may be on disk, so opting out removes it once rather than on every change. */
  let historyKept = true;
  /** The last session save failed: the next one writes the state whatever changed. */
  let sessionUnsaved = false;
  const problems: { session?: string; history?: string } = {};

  async function load(settings: Settings): Promise<FlowState> {
    const session = await readStoredItem(storage.session, FLOW_STATE_ITEM, now);
    if (session.problem !== undefined) console.warn(`Consent Lens: ${session.problem}`);
    dropped = (await readStoredItem(storage.session, DROPPED_FLOWS_ITEM, now)).value;
    let loaded = session.value;
    if (settings.capture.keepHistory) {
      const history = await readStoredItem(storage.local, HISTORY_ITEM, now);
      if (history.problem !== undefined) console.warn(`Consent Lens: ${history.problem}`);
      loaded = mergeHistory(loaded, history.value);
    }
    const pruned = retain(loaded, settings);
    const changed = pruned !== session.value;
    return save(pruned, settings, { session: changed, history: changed, ingested: [] });
  }

  /** Applies retention, counting the flows that go before their time (see DroppedFlowsSchema). */
  function retain(next: FlowState, settings: Settings): FlowState {
    const time = now();
    const fresh = pruneFlows(next, { ...settings.capture, maxFlows: Number.POSITIVE_INFINITY }, time);
    const kept = pruneFlows(fresh, settings.capture, time);
    if (kept !== fresh) dropped = { ...dropped, overLimit: dropped.overLimit + fresh.flows.length - kept.flows.length };
    return kept;
  }

  /**
   * Never throws: a full or failing storage must not stop capture, which goes on in memory, and
   * the failure is told to the pages (`health`). Resolves with the state kept: without its oldest
   * flows when they had to go for the others to fit.
   */
  async function save(
    next: FlowState,
    settings: Settings,
    write: { session: boolean; history: boolean; ingested: readonly Observation[] },
  ): Promise<FlowState> {
    let kept = next;
    const writeState = write.session || sessionUnsaved;
    if (writeState || write.ingested.length > 0) {
      try {
        kept = await saveSession(next, writeState, write.ingested);
        sessionUnsaved = false;
        delete problems.session;
      } catch (error) {
        sessionUnsaved = true;
        problems.session = `The flows could not be saved (${messageOf(error)}); they are kept only until the browser stops the extension's worker.`;
        console.error('Consent Lens: could not save the flows', error);
      }
    }
    try {
      const { keepHistory } = settings.capture;
      if (keepHistory && (write.history || kept !== next)) {
        await writeStoredItem(storage.local, HISTORY_ITEM, capFlowState(redactFlowState(kept)));
      }
      // The user did not opt in, or opted out: nothing stays on disk.
      if (!keepHistory && historyKept) await storage.local.remove(HISTORY_ITEM.key);
      historyKept = keepHistory;
      delete problems.history;
    } catch (error) {
      problems.history = `The history could not be kept across browser restarts (${messageOf(error)}).`;
      console.error('Consent Lens: could not save the history', error);
    }
    return kept;
  }

  /**
   * Writes the capped state, the drop counts and the journal in one set. When the browser's
   * quota refuses it, the oldest flows go, counted, until the rest fits.
   */
  async function saveSession(next: FlowState, writeState: boolean, ingested: readonly Observation[]): Promise<FlowState> {
    if (!writeState) {
      await journal.writeWith({}, ingested);
      return next;
    }
    let stored = capFlowState(next);
    let overQuota = 0;
    for (;;) {
      const counts = { ...dropped, overQuota: dropped.overQuota + overQuota };
      try {
        await journal.writeWith(
          { [FLOW_STATE_ITEM.key]: wrapItem(FLOW_STATE_ITEM, stored), [DROPPED_FLOWS_ITEM.key]: wrapItem(DROPPED_FLOWS_ITEM, counts) },
          ingested,
        );
        dropped = counts;
        return overQuota === 0 ? next : { ...next, flows: next.flows.slice(overQuota) };
      } catch (error) {
        if (!isQuotaError(error) || stored.flows.length === 0) throw error;
        const count = oldestToDrop(stored.flows);
        stored = { ...stored, flows: stored.flows.slice(count) };
        overQuota += count;
      }
    }
  }

  const loaded = async () => (state ??= await load(await getSettings()));

  const update: FlowStore['update'] = (mutate, { force = false, ingested = [] } = {}) =>
    queue(async () => {
      const settings = await getSettings();
      const current = (state ??= await load(settings));
      const flowsBefore = JSON.stringify(current.flows);
      const tabsJsonBefore = JSON.stringify(current.tabs);
      const droppedBefore = dropped;
      const tabsBefore = tabIdsOf(current);
      const next = retain(mutate(current, settings) ?? current, settings);
      const flowsChanged = force || JSON.stringify(next.flows) !== flowsBefore;
      const tabsChanged = JSON.stringify(next.tabs) !== tabsJsonBefore;
      state = await save(next, settings, { session: flowsChanged || tabsChanged || dropped !== droppedBefore, history: flowsChanged, ingested });
      const changed = flowsChanged || state !== next;
      if (changed) await onChange?.(state, settings, tabsBefore);
      return changed;
    });

  return {
    read: () => queue(loaded),
    update,

    async clear() {
      let cleared = 0;
      await update((current) => {
        cleared = current.flows.length;
        dropped = noneDropped();
        // Ids keep counting, so a page holding an old flow id never sees it reused.
        return { ...createFlowState(), nextSeq: current.nextSeq };
      });
      return cleared;
    },

    health: () =>
      queue(async () => {
        await loaded();
        const problem = [problems.session, problems.history].filter((text) => text !== undefined).join(' ');
        if (problem === '' && dropped.overLimit === 0 && dropped.overQuota === 0) return undefined;
        return { ...(problem !== '' && { problem }), dropped };
      }),
  };
}

/** Chrome: "Session storage quota bytes exceeded"; Firefox: a QuotaExceededError. */
function isQuotaError(error: unknown): boolean {
  return /quota/i.test(error instanceof Error ? `${error.name} ${error.message}` : String(error));
}

/** How many of the oldest flows make up a quarter of the stored size (at least one): a few tries fit any quota. */
function oldestToDrop(flows: readonly Flow[]): number {
  const sizes = flows.map((flow) => JSON.stringify(flow).length);
  const target = sizes.reduce((sum, size) => sum + size, 0) / 4;
  let count = 0;
  for (let removed = 0; count < sizes.length && (count === 0 || removed < target); count++) removed += sizes[count]!;
  return count;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
