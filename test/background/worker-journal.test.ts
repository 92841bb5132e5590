import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TIMING } from '../../src/background/observation-buffer';
import { FLOW_STATE_ITEM, JOURNAL_ITEM } from '../../src/core/storage/storage-items';
import { GOOD_CODE, goodCallback, goodRequest, T0 } from '../support/scenario';
import { BrowserTrace, deliver } from './support/browser-trace';
import { bootWorker, fakeBrowser } from './support/fake-extension';
import { flowsOf } from './support/requests';

const LOGIN = 'https://as.example.com/login';
const CALLBACK_AT = T0 + 5_000;

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => vi.useRealTimers());

/** A worker with the real buffer timing, on the test's clock. */
const boot = () => bootWorker({ now: Date.now, timing: DEFAULT_TIMING });

/** Stops the running worker the way the browser does: its timers die with it; what it stored stays. */
const stopWorker = () => vi.clearAllTimers();

async function journal(): Promise<unknown> {
  return ((await fakeBrowser.storage.session.get(JOURNAL_ITEM.key))[JOURNAL_ITEM.key] as { value: unknown } | undefined)?.value;
}

/** The flows a freshly started worker shows once its buffer has settled. */
async function flowsAfterRestart() {
  const worker = await boot();
  await vi.advanceTimersByTimeAsync(DEFAULT_TIMING.quietMs);
  return flowsOf(worker);
}

describe('worker stopped while the buffer holds observations', () => {
  it.each([0, 100, 200, 300])('completes the flow after a restart %i ms after the callback, with nothing counted twice', async (ms) => {
    const first = await boot();
    await deliver(
      first,
      new BrowserTrace(5, T0).request(goodRequest()).redirect(goodRequest(), 302, LOGIN).request(LOGIN).completed(LOGIN).commit(LOGIN).events,
    );
    await vi.advanceTimersByTimeAsync(DEFAULT_TIMING.maxWaitMs);
    await deliver(first, new BrowserTrace(5, CALLBACK_AT, 900).chain(goodCallback()).events);
    await vi.advanceTimersByTimeAsync(ms);
    stopWorker();

    for (const restart of ['first', 'second']) {
      const [flow, ...others] = await flowsAfterRestart();
      expect(others, `${restart} restart`).toEqual([]);
      expect(flow, `${restart} restart`).toMatchObject({ id: 'flow-1', outcome: 'success' });
      expect(flow?.hops.map((hop) => hop.url)).toEqual([goodRequest(), LOGIN]);
      expect(flow?.callbacks.map((callback) => [callback.fields.code, callback.status])).toEqual([[GOOD_CODE, 200]]);
      expect(flow?.findings.map((finding) => finding.id)).not.toContain('code-replayed');
      expect(await journal()).toEqual([]);
      stopWorker();
    }
  });

  it('writes the flow state and the journal without what it took in in one storage.session.set call', async () => {
    const worker = await boot();
    const set = vi.spyOn(fakeBrowser.storage.session, 'set');
    const { events } = new BrowserTrace(5, T0).chain(goodRequest(), goodCallback());
    await deliver(worker, events);
    await vi.advanceTimersByTimeAsync(0);
    expect(await journal()).toHaveLength(events.length);
    await vi.advanceTimersByTimeAsync(DEFAULT_TIMING.quietMs);
    const stateWrites = set.mock.calls.map(([items]) => items as Record<string, unknown>).filter((items) => FLOW_STATE_ITEM.key in items);
    expect(stateWrites).toHaveLength(1);
    expect(stateWrites[0]?.[JOURNAL_ITEM.key]).toEqual({ version: 1, value: [] });
  });

  it('replays a journal it cannot read as nothing, keeping the unreadable value aside', async () => {
    await fakeBrowser.storage.session.set({ [JOURNAL_ITEM.key]: { version: 1, value: [{ kind: 'teleport' }] } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await flowsAfterRestart()).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Stored observation-journal could not be read'));
    expect((await fakeBrowser.storage.session.get(`${JOURNAL_ITEM.key}-unreadable`))[`${JOURNAL_ITEM.key}-unreadable`]).toMatchObject({
      raw: { value: [{ kind: 'teleport' }] },
    });
  });
});
