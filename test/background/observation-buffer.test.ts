import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createObservationBuffer } from '../../src/background/observation-buffer';
import type { Observation } from '../../src/core/observation/observation-schema';

const at = (time: number, tabId = 1): Observation => ({ kind: 'navigation', tabId, time, url: `https://a.example/${time}` });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setUp() {
  const batches: number[][] = [];
  const buffer = createObservationBuffer(async (batch) => void batches.push(batch.map((o) => o.time)), Date.now, { quietMs: 50, maxWaitMs: 200, settleMs: 0 });
  return { batches, buffer };
}

describe('observation buffer', () => {
  it('hands on observations sorted by their own time once events pause', async () => {
    const { batches, buffer } = setUp();
    for (const time of [30, 10, 20]) buffer.push(at(time));
    await vi.advanceTimersByTimeAsync(49);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([[10, 20, 30]]);
  });

  it('keeps the arrival order of equal times', async () => {
    const batches: string[][] = [];
    const buffer = createObservationBuffer(async (batch) => void batches.push(batch.map((o) => o.url)), Date.now, { quietMs: 10, maxWaitMs: 10, settleMs: 0 });
    buffer.push({ kind: 'response', tabId: 1, time: 5, url: 'first', status: 302 });
    buffer.push({ kind: 'request', tabId: 1, time: 5, url: 'second', method: 'GET' });
    await vi.advanceTimersByTimeAsync(10);
    expect(batches).toEqual([['first', 'second']]);
  });

  it('waits while events keep coming, but never longer than maxWaitMs', async () => {
    const { batches, buffer } = setUp();
    for (let step = 0; step < 10; step++) {
      buffer.push(at(100 - step));
      await vi.advanceTimersByTimeAsync(30);
    }
    expect(batches[0]).toHaveLength(7); // pushed at 0, 30, ..., 180: flushed at 200
    expect(batches[0]).toEqual([...batches[0]!].sort((a, b) => a - b));
  });

  it('keeps back, on an early flush, what happened within settleMs of the newest event', async () => {
    const batches: number[][] = [];
    const buffer = createObservationBuffer(async (batch) => void batches.push(batch.map((o) => o.time)), Date.now, {
      quietMs: 50,
      maxWaitMs: 200,
      settleMs: 100,
    });
    for (const time of [1000, 850, 950, 1050]) buffer.push(at(time));
    await buffer.flush();
    expect(batches).toEqual([[850, 950]]);
    buffer.push(at(900)); // a late event from before the held ones
    await vi.advanceTimersByTimeAsync(50);
    expect(batches).toEqual([
      [850, 950],
      [900, 1000, 1050],
    ]);
  });

  it('flushes on demand and resolves once the batch is processed', async () => {
    const { batches, buffer } = setUp();
    buffer.push(at(2));
    buffer.push(at(1));
    await buffer.flush();
    expect(batches).toEqual([[1, 2]]);
    await buffer.flush();
    await vi.advanceTimersByTimeAsync(500);
    expect(batches).toEqual([[1, 2]]);
  });
});
