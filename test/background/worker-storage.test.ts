import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_STORED_CHARS } from '../../src/core/flows/cap-flow';
import { SettingsSchema } from '../../src/core/settings/settings-schema';
import { FLOW_STATE_ITEM } from '../../src/core/storage/storage-items';
import { goodCallback, goodRequest, T0 } from '../support/scenario';
import { BrowserTrace, deliver } from './support/browser-trace';
import { bootWorker, fakeBrowser, type FakeExtension } from './support/fake-extension';
import { ask, flowsOf } from './support/requests';
import { limitSessionStorage } from './support/session-quota';

const MB = 1_048_576;
const HUGE = 'x'.repeat(MB);

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

/** One whole flow in tab `n`, `n` seconds after T0, with its own state. */
async function recordFlow(extension: FakeExtension, n: number, extra: Record<string, string> = {}): Promise<void> {
  const state = `state-of-flow-${n}-xxxxxxxxxx`;
  await deliver(extension, new BrowserTrace(n, T0 + n * 1000, n * 100).chain(goodRequest({ state, ...extra }), goodCallback({ state })).events);
  await extension.worker.flush();
}

async function storageOf(extension: FakeExtension) {
  return (await ask(extension, 'getFlows', {})).storage;
}

const quiet = () => vi.spyOn(console, 'error').mockImplementation(() => {});

describe('storage: one flow’s size', () => {
  it('keeps every flow when one carries a 1 MB parameter: the stored copy is cut, with a marker', async () => {
    limitSessionStorage(2 * MB);
    const extension = await bootWorker();
    for (const n of [1, 2, 3]) await recordFlow(extension, n);
    await recordFlow(extension, 4, { login_hint: HUGE });
    for (const n of [5, 6]) await recordFlow(extension, n);
    expect(await storageOf(extension)).toBeUndefined();

    const live = await flowsOf(extension);
    expect(live).toHaveLength(6);
    // The running worker keeps and checks the whole value.
    expect(live[3]?.request?.params.find((param) => param.name === 'login_hint')?.value).toBe(HUGE);

    const restored = await flowsOf(await bootWorker());
    expect(restored.map((flow) => flow.outcome)).toEqual(Array(6).fill('success'));
    const hint = restored[3]?.request?.params.find((param) => param.name === 'login_hint')?.value;
    expect(hint).toHaveLength(MAX_STORED_CHARS);
    expect(hint?.endsWith(`…[truncated from ${MB} chars]`)).toBe(true);
  });
});

describe('storage: full', () => {
  it('drops the oldest flows until the rest fits, and says how many', async () => {
    quiet();
    const extension = await bootWorker();
    for (const n of [1, 2, 3, 4]) await recordFlow(extension, n);
    const used = JSON.stringify(await fakeBrowser.storage.session.get(null)).length;
    limitSessionStorage(used + 1500);
    for (const n of [5, 6, 7, 8]) await recordFlow(extension, n);

    const health = await storageOf(extension);
    expect(health).toEqual({ dropped: { overLimit: 0, overQuota: expect.any(Number) } });
    const dropped = health?.dropped.overQuota ?? 0;
    expect(dropped).toBeGreaterThan(0);
    const kept = (await flowsOf(extension)).map((flow) => flow.id);
    expect(kept).toEqual([1, 2, 3, 4, 5, 6, 7, 8].slice(dropped).map((n) => `flow-${n}`));
    // What the popup shows is what is stored: a restarted worker has the same, and the count.
    const restarted = await bootWorker();
    expect((await flowsOf(restarted)).map((flow) => flow.id)).toEqual(kept);
    expect(await storageOf(restarted)).toEqual(health);
  });

  it('reports a storage that refuses to save, keeps the flows in memory, and clears the problem once a save works', async () => {
    const error = quiet();
    const extension = await bootWorker();
    await recordFlow(extension, 1);
    const set = vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValue(new Error('IO error: disk on fire'));
    await recordFlow(extension, 2);
    expect(await storageOf(extension)).toEqual({
      problem: "The flows could not be saved (IO error: disk on fire); they are kept only until the browser stops the extension's worker.",
      dropped: { overLimit: 0, overQuota: 0 },
    });
    expect(error).toHaveBeenCalled();
    expect(await flowsOf(extension)).toHaveLength(2);

    set.mockRestore();
    await deliver(extension, new BrowserTrace(1, T0 + 10_000, 900).commit('https://elsewhere.example/').events);
    await extension.worker.flush();
    expect(await storageOf(extension)).toBeUndefined();
    expect(((await fakeBrowser.storage.session.get(FLOW_STATE_ITEM.key))[FLOW_STATE_ITEM.key] as { value: { flows: unknown[] } }).value.flows).toHaveLength(2);
  });
});

describe('storage: retention', () => {
  it('counts the flows that go beyond "Most flows kept", and forgets the count on Clear all', async () => {
    const extension = await bootWorker();
    await ask(extension, 'saveSettings', { settings: SettingsSchema.parse({ capture: { maxFlows: 2 } }) });
    for (const n of [1, 2, 3, 4]) await recordFlow(extension, n);
    expect(await storageOf(extension)).toEqual({ dropped: { overLimit: 2, overQuota: 0 } });
    await ask(extension, 'clearFlows', {});
    expect(await storageOf(extension)).toBeUndefined();
  });

  it('does not count flows forgotten for their age: that is what the user asked for', async () => {
    const first = await bootWorker();
    await recordFlow(first, 1);
    const dayLater = await bootWorker({ now: () => T0 + 25 * 60 * 60 * 1000 });
    expect(await flowsOf(dayLater)).toEqual([]);
    expect(await storageOf(dayLater)).toBeUndefined();
  });
});
