import { redactValue } from '../../src/core/report/redact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RESTORED_TAB_ID } from '../../src/background/flow-store';
import { FLOW_STATE_ITEM, HISTORY_ITEM } from '../../src/core/storage/storage-items';
import { SettingsSchema } from '../../src/core/settings/settings-schema';
import { GOOD_CODE, goodCallback, goodRequest, T0 } from '../support/scenario';
import { BrowserTrace, deliver } from './support/browser-trace';
import { bootWorker, fakeBrowser } from './support/fake-extension';
import { ask, flowsOf } from './support/requests';

const LOGIN = 'https://as.example.com/login';
const withHistory = SettingsSchema.parse({ capture: { keepHistory: true } });

beforeEach(() => fakeBrowser.reset());

async function stored(area: 'local' | 'session', key: string): Promise<unknown> {
  return (await fakeBrowser.storage[area].get(key))[key];
}

describe('worker restart', () => {
  it('restores the flows from storage.session, and a callback after the restart still correlates', async () => {
    const before = await bootWorker();
    const trace = new BrowserTrace(5, T0).request(goodRequest()).redirect(goodRequest(), 302, LOGIN).request(LOGIN).completed(LOGIN).commit(LOGIN);
    await deliver(before, trace.events);
    await before.worker.flush();

    // The worker is stopped; a new one starts from the same storage when the callback arrives.
    const after = await bootWorker();
    await deliver(after, new BrowserTrace(5, T0 + 60_000, 900).chain(goodCallback()).events);
    const [flow, ...others] = await flowsOf(after);
    expect(others).toEqual([]);
    expect(flow).toMatchObject({ id: 'flow-1', tabId: 5, outcome: 'success' });
    expect(flow?.hops.map((hop) => hop.url)).toEqual([goodRequest(), LOGIN]);
    expect(flow?.callbacks.map((callback) => callback.fields.code)).toEqual([GOOD_CODE]);
  });

  it('loses no update when many events are processed at once by a worker that is still loading', async () => {
    const first = await bootWorker();
    await deliver(
      first,
      new BrowserTrace(9, T0 - 1000, 50).chain(goodRequest({ state: 'state-before-restart-xx' }), goodCallback({ state: 'state-before-restart-xx' })).events,
    );
    await first.worker.flush();
    // Every event its own batch, all in flight together while the restarted worker loads its state.
    const extension = await bootWorker({ awaitStart: false });
    const traces = [1, 2, 3, 4, 5, 6].map((tabId) =>
      new BrowserTrace(tabId, T0 + tabId, tabId * 100).chain(
        goodRequest({ state: `state-of-tab-${tabId}-xxxxxxxx` }),
        goodCallback({ state: `state-of-tab-${tabId}-xxxxxxxx` }),
      ),
    );
    const inFlight: Promise<unknown>[] = [];
    for (const { name, details } of traces.flatMap((trace) => trace.events)) {
      inFlight.push(extension.events[name].fire(details), extension.worker.flush());
    }
    await Promise.all(inFlight);
    const flows = await flowsOf(extension);
    expect(flows.map((flow) => [flow.tabId, flow.outcome]).sort()).toEqual([1, 2, 3, 4, 5, 6, 9].map((tabId) => [tabId, 'success']));
    // And what is stored is all of it: a fresh worker reads the same.
    expect(await flowsOf(await bootWorker())).toHaveLength(7);
  });

  it('starts from empty flows, with the unreadable value kept aside, when the stored state does not parse', async () => {
    await fakeBrowser.storage.session.set({ [FLOW_STATE_ITEM.key]: { version: 1, value: { flows: 'garbage' } } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const extension = await bootWorker();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Stored flow-state could not be read'));
    expect(await flowsOf(extension)).toEqual([]);
    expect(await stored('session', `${FLOW_STATE_ITEM.key}-unreadable`)).toMatchObject({ raw: { version: 1, value: { flows: 'garbage' } } });
  });
});

describe('history (opt-in)', () => {
  it('writes nothing to storage.local while history is off', async () => {
    const extension = await bootWorker();
    await deliver(extension, new BrowserTrace(1, T0).chain(goodRequest(), goodCallback()).events);
    await extension.worker.flush();
    expect(await stored('local', HISTORY_ITEM.key)).toBeUndefined();
  });

  it('keeps a redacted copy in storage.local once turned on', async () => {
    const extension = await bootWorker();
    await ask(extension, 'saveSettings', { settings: withHistory });
    await deliver(extension, new BrowserTrace(1, T0).chain(goodRequest(), goodCallback()).events);
    await extension.worker.flush();
    const history = JSON.stringify(await stored('local', HISTORY_ITEM.key));
    expect(history).toContain('flow-1');
    expect(history).toContain(`[redacted ${GOOD_CODE.length} chars #`);
    expect(history).not.toContain(GOOD_CODE);
    // The live state keeps the code, in memory only.
    expect(JSON.stringify(await stored('session', FLOW_STATE_ITEM.key))).toContain(GOOD_CODE);
  });

  it('brings the kept flows back after a browser restart, detached from tabs that no longer exist', async () => {
    const first = await bootWorker();
    await ask(first, 'saveSettings', { settings: withHistory });
    await deliver(first, new BrowserTrace(1, T0).chain(goodRequest(), goodCallback()).events);
    await first.worker.flush();

    await fakeBrowser.storage.session.clear(); // what a browser restart does to storage.session
    const restarted = await bootWorker();
    const [flow] = await flowsOf(restarted);
    expect(flow).toMatchObject({ id: 'flow-1', tabId: RESTORED_TAB_ID, outcome: 'success' });
    expect(flow?.callbacks[0]?.fields.code).toBe(redactValue(GOOD_CODE));

    // New flows get new ids and sit after the restored ones.
    await deliver(restarted, new BrowserTrace(1, T0 + 60_000, 500).chain(goodRequest(), goodCallback()).events);
    expect((await flowsOf(restarted)).map((f) => [f.id, f.tabId])).toEqual([
      ['flow-1', RESTORED_TAB_ID],
      ['flow-2', 1],
    ]);
  });

  it('does not duplicate flows the session still has after a worker restart', async () => {
    const first = await bootWorker();
    await ask(first, 'saveSettings', { settings: withHistory });
    await deliver(first, new BrowserTrace(1, T0).chain(goodRequest(), goodCallback()).events);
    await first.worker.flush();
    const [flow] = await flowsOf(await bootWorker());
    expect(flow).toMatchObject({ id: 'flow-1', tabId: 1 });
    expect(flow?.callbacks[0]?.fields.code).toBe(GOOD_CODE);
    expect(await flowsOf(await bootWorker())).toHaveLength(1);
  });

  it('removes the kept copy when turned off', async () => {
    const extension = await bootWorker();
    await ask(extension, 'saveSettings', { settings: withHistory });
    await deliver(extension, new BrowserTrace(1, T0).chain(goodRequest(), goodCallback()).events);
    await extension.worker.flush();
    expect(await stored('local', HISTORY_ITEM.key)).toBeDefined();
    await ask(extension, 'saveSettings', { settings: SettingsSchema.parse({}) });
    expect(await stored('local', HISTORY_ITEM.key)).toBeUndefined();
    expect(await flowsOf(extension)).toHaveLength(1);
  });

  it('empties the kept copy when the flows are cleared', async () => {
    const extension = await bootWorker();
    await ask(extension, 'saveSettings', { settings: withHistory });
    await deliver(extension, new BrowserTrace(1, T0).chain(goodRequest(), goodCallback()).events);
    await ask(extension, 'clearFlows', {});
    expect(await stored('local', HISTORY_ITEM.key)).toMatchObject({ value: { flows: [] } });
  });
});

describe('retention', () => {
  it('applies maxFlows as flows come in and when the setting changes', async () => {
    const extension = await bootWorker({ now: () => T0 });
    for (const n of [1, 2, 3]) {
      await deliver(
        extension,
        new BrowserTrace(n, T0 + n * 1000, n * 100).chain(
          goodRequest({ state: `state-number-${n}-xxxxxx` }),
          goodCallback({ state: `state-number-${n}-xxxxxx` }),
        ).events,
      );
    }
    expect(await flowsOf(extension)).toHaveLength(3);
    await ask(extension, 'saveSettings', { settings: SettingsSchema.parse({ capture: { maxFlows: 2 } }) });
    expect((await flowsOf(extension)).map((flow) => flow.id)).toEqual(['flow-2', 'flow-3']);
  });

  it('drops flows older than maxAgeHours on start', async () => {
    const first = await bootWorker({ now: () => T0 });
    await deliver(first, new BrowserTrace(1, T0).chain(goodRequest(), goodCallback()).events);
    await first.worker.flush();
    const dayLater = await bootWorker({ now: () => T0 + 25 * 60 * 60 * 1000 });
    expect(await flowsOf(dayLater)).toEqual([]);
  });
});
