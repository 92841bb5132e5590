import type { Observation } from '../core/index';

export interface BufferTiming {
  /** Flush once no observation has arrived for this long. */
  quietMs: number;
  /** Never hold an observation longer than this, even while events keep coming. */
  maxWaitMs: number;
}

export const DEFAULT_TIMING: BufferTiming = { quietMs: 50, maxWaitMs: 500 };

export interface ObservationBuffer {
  push(observation: Observation): void;
  /** Hands on what is held now; resolves once that batch has been processed. */
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
  timing: BufferTiming = DEFAULT_TIMING,
): ObservationBuffer {
  let held: Observation[] = [];
  let firstAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const batch = held.sort((a, b) => a.time - b.time);
    held = [];
    return batch.length > 0 ? onBatch(batch) : Promise.resolve();
  };

  return {
    push(observation) {
      if (held.length === 0) firstAt = Date.now();
      held.push(observation);
      clearTimeout(timer);
      const wait = Math.min(timing.quietMs, firstAt + timing.maxWaitMs - Date.now());
      timer = setTimeout(() => void flush(), Math.max(0, wait));
    },
    flush,
  };
}
