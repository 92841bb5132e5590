// The worker's logic, without the browser's event wiring (wire-listeners.ts): observations in,
// flows stored, badges shown, messages answered. Everything it touches comes in as `browser`.
import { analyze, compileWatchList, countSeverities, forgetTab, ingest, type Observation } from '../core/index';
import type { Clock } from '../core/clock';
import { SETTINGS_ITEM } from '../core/storage/storage-items';
import { BADGE_ALARM, createBadgeUpdater } from './badge-updater';
import { broadcast } from './broadcast';
import { createFlowStore } from './flow-store';
import { createMessageRouter, type MessageHandlers, type MessageSender } from './message-router';
import { navigationFilter } from './navigation-filter';
import { createObservationBuffer, type BufferTiming } from './observation-buffer';
import { createObservationJournal } from './observation-journal';
import { createSettingsStore } from './settings-store';
import type { WorkerBrowser } from './worker-browser';

export interface WorkerOptions {
  now: Clock;
  timing?: BufferTiming;
}

export type ConsentLensWorker = ReturnType<typeof createWorker>;

export function createWorker(browser: WorkerBrowser, { now, timing }: WorkerOptions) {
  const settingsStore = createSettingsStore(browser.storage.local, now);
  const settings = async () => (await settingsStore.get()).value;
  const badges = createBadgeUpdater(browser, now);
  const journal = createObservationJournal(browser.storage.session, now);
  const store = createFlowStore({
    storage: browser.storage,
    settings,
    now,
    journal,
    async onChange(state, current, tabsBefore) {
      await badges.update(analyze(state, current).flows, tabsBefore);
      await broadcast(browser.runtime, 'flowsChanged');
    },
  });

  let granted: Promise<string[]> | undefined;
  const grantedOrigins = () =>
    (granted ??= browser.permissions.getAll().then(
      ({ origins = [] }) => origins,
      () => [],
    ));

  const buffer = createObservationBuffer(
    async (batch) => {
      try {
        const origins = await grantedOrigins();
        const changed = await store.update(
          (state, current) => {
            const watched = navigationFilter(current, origins);
            const watch = compileWatchList(current);
            for (const observation of batch) {
              if (observation.kind !== 'navigation' || watched(observation.url, state)) ingest(state, observation, watch);
            }
          },
          { ingested: batch },
        );
        if (!changed) await badges.reapply(batch.map((observation) => observation.tabId));
      } catch (error) {
        console.error('Consent Lens: could not record what the browser reported', error);
      }
    },
    now,
    timing,
  );

  // Before anything else: what a stopped worker held goes back into the buffer, to be sorted in
  // with what arrives now. Every flush waits for it.
  const replayed = journal.restore().then(
    (observations) => {
      for (const observation of observations) buffer.push(observation);
    },
    (error: unknown) => console.error('Consent Lens: could not read the observation journal', error),
  );
  const flush = async () => {
    await replayed;
    await buffer.flush();
  };

  /** Retention, the history opt-in and the analysis all depend on the settings. */
  async function applySettings(): Promise<void> {
    await store.update(() => {}, { force: true });
    await broadcast(browser.runtime, 'settingsChanged');
  }

  const handlers: MessageHandlers = {
    async getFlows({ tabId }) {
      await flush();
      const report = analyze(await store.read(), await settings());
      const storage = await store.health();
      const health = storage === undefined ? {} : { storage };
      if (tabId === undefined) return { report, ...health };
      const flows = report.flows.filter((flow) => flow.tabId === tabId);
      return { report: { ...report, flows, summary: { flows: flows.length, findings: countSeverities(flows.flatMap((flow) => flow.findings)) } }, ...health };
    },
    async clearFlows() {
      await flush();
      return { cleared: await store.clear() };
    },
    async getSettings() {
      const { value, problem } = await settingsStore.get();
      return { settings: value, ...(problem !== undefined && { problem }) };
    },
    async saveSettings({ settings: next }) {
      await settingsStore.save(next);
      await applySettings();
      return { settings: next };
    },
  };

  async function showBadges(): Promise<void> {
    try {
      const state = await store.read();
      await badges.update(analyze(state, await settings()).flows);
    } catch (error) {
      console.error('Consent Lens: could not show the badges', error);
    }
  }

  const route = createMessageRouter({
    extensionId: browser.runtime.id,
    extensionBaseUrl: browser.runtime.getURL(''),
    handlers,
  });

  return {
    /** Loads the state (merging kept history) and shows the badges: on every worker start, so a woken worker catches up. */
    start: showBadges,
    /** An alarm fired: the badge alarm means a code expired, so the badges are due again. */
    async alarm(name: string): Promise<void> {
      if (name === BADGE_ALARM) await showBadges();
    },
    observe(observation: Observation | undefined): void {
      if (!observation) return;
      journal.hold(observation);
      buffer.push(observation);
    },
    /** Processes the held observations now (tests; requests that must see the latest state). */
    flush,
    async tabRemoved(tabId: number): Promise<void> {
      await flush();
      await store.update((state) => forgetTab(state, tabId));
    },
    async storageChanged(changes: Record<string, { newValue?: unknown }>, area: string): Promise<void> {
      const change = changes[SETTINGS_ITEM.key];
      if (area !== SETTINGS_ITEM.area || !change || !settingsStore.storedValueChanged(change.newValue)) return;
      await applySettings();
    },
    permissionsChanged(): void {
      granted = undefined;
    },
    handleMessage: (message: unknown, sender: MessageSender) => route(message, sender),
  };
}
