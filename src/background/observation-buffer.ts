import type { Clock } from '../core/clock';
import type { Observation } from '../core/index';

export interface BufferTiming {
  /** Flush once no observation has arrived for this long. */
  quietMs: number;
  /** Never hold an observation longer than this, even while events keep coming. */
  maxWaitMs: number;
  /**
   * An early flush (a page asking for flows) keeps back what happened within this long of the
   * newest event: events of the same moment may still be on their way.
   */
  settleMs: number;
}

/**
 * Firefox hands webRequest events to the background 20-110 ms after they happen, webNavigation
 * ones within 5 ms (measured in Firefox ESR 153): a callback's commit can arrive before the
 * redirect that led to it, so a batch waits out a longer quiet spell than that lag.
 */
export const DEFAULT_TIMING: BufferTiming = { quietMs: 250, maxWaitMs: 1000, settleMs: 250 };

export interface ObservationBuffer {
  push(observation: Observation): void;
  /** Hands on what has settled (see `settleMs`); resolves once that batch has been processed. */
  flush(): Promise<void>;
}

/**
 * Firefox delivers the events queued while its background slept grouped by API, not in the
 * order they happened; even awake, webRequest and webNavigation are separate streams. So
 * observations are held until the events pause, then handed on sorted by their own timestamps
 * (a stable sort: equal times keep their arrival order).
 */
export function createObservationBuffer(
  onBatch: (batch: Observation[]) => Promise<void>,
  now: Clock,
  timing: BufferTiming = DEFAULT_TIMING,
): ObservationBuffer {
  let held: Observation[] = [];
  let firstAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const release = (upTo: number): Promise<void> => {
    held.sort((a, b) => a.time - b.time);
    const count = held.findIndex((observation) => observation.time > upTo);
    const batch = count === -1 ? held : held.slice(0, count);
    held = count === -1 ? [] : held.slice(count);
    if (held.length === 0) {
      clearTimeout(timer);
      timer = undefined;
    }
    return batch.length > 0 ? onBatch(batch) : Promise.resolve();
  };
  const flushAll = () => release(Infinity);

  return {
    push(observation) {
      if (held.length === 0) firstAt = now();
      held.push(observation);
      clearTimeout(timer);
      const wait = Math.min(timing.quietMs, firstAt + timing.maxWaitMs - now());
      timer = setTimeout(() => void flushAll(), Math.max(0, wait));
    },
    flush() {
      if (held.length === 0) return Promise.resolve();
      const newest = Math.max(...held.map((observation) => observation.time));
      return release(newest - timing.settleMs);
    },
  };
}
