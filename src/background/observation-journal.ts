import type { Clock } from '../core/clock';
import type { Observation } from '../core/index';
import { capObservation } from '../core/flows/cap-flow';
import { wrapItem } from '../core/storage/storage-item';
import { JOURNAL_ITEM } from '../core/storage/storage-items';
import { createQueue } from './promise-queue';
import { readStoredItem } from './stored-item';
import type { StorageAreaLike } from './worker-browser';

/**
 * The observations a stopped worker must not lose: the browser may stop it while the buffer
 * still holds them (up to its quiet spell, 250 ms), or before the state that took them in is
 * saved. Every write goes through one queue, in the order asked, and each writes the journal as
 * it is when its turn comes: so the last write always has everything not yet in a saved state.
 */
export interface ObservationJournal {
  /** What the previous worker left unsaved, to hand on again. Read once; call it before the first `hold`. */
  restore(): Promise<Observation[]>;
  /** Writes `observation` down (soon; writes close together become one). */
  hold(observation: Observation): void;
  /**
   * Writes `items` (the state that took `ingested` in) and the journal without `ingested` in
   * ONE storage.session.set call: either both land or neither does, so a restart never replays
   * what the saved state already has. What a failed call passed is left out of the next one too,
   * so `items` must hold a state with everything ingested so far.
   */
  writeWith(items: Record<string, unknown>, ingested: readonly Observation[]): Promise<void>;
}

export function createObservationJournal(session: StorageAreaLike, now: Clock): ObservationJournal {
  const queue = createQueue();
  /** Everything not yet in a saved state, in arrival order. */
  let unsaved: Observation[] = [];
  /** Taken in by a state whose save has not succeeded yet. */
  const ingestedUnsaved = new Set<Observation>();
  let restored: Promise<Observation[]> | undefined;
  let appendQueued = false;

  const journal = (observations: readonly Observation[]) => ({ [JOURNAL_ITEM.key]: wrapItem(JOURNAL_ITEM, observations.map(capObservation)) });

  return {
    restore: () =>
      // First in the queue, so no write replaces the journal before it is read.
      (restored ??= queue(async () => {
        const { value, problem } = await readStoredItem(session, JOURNAL_ITEM, now);
        if (problem !== undefined) console.warn(`Consent Lens: ${problem}`);
        unsaved = [...value, ...unsaved];
        return value;
      })),

    hold(observation) {
      unsaved.push(observation);
      if (appendQueued) return;
      appendQueued = true;
      queue(() => {
        appendQueued = false;
        return session.set(journal(unsaved));
      }).catch((error: unknown) => console.error('Consent Lens: could not write the observation journal', error));
    },

    writeWith(items, ingested) {
      for (const observation of ingested) ingestedUnsaved.add(observation);
      return queue(async () => {
        const written = new Set(ingestedUnsaved);
        const rest = unsaved.filter((held) => !written.has(held));
        await session.set({ ...items, ...journal(rest) });
        // Not `rest`: observations held while the set was under way stay.
        unsaved = unsaved.filter((held) => !written.has(held));
        for (const observation of written) ingestedUnsaved.delete(observation);
      });
    },
  };
}
