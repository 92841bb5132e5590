import type { Clock } from '../core/clock';
import type { Settings } from '../core/index';
import { wrapItem, type ReadResult } from '../core/storage/storage-item';
import { SETTINGS_ITEM } from '../core/storage/storage-items';
import { readStoredItem, writeStoredItem } from './stored-item';
import type { StorageAreaLike } from './worker-browser';

export interface SettingsStore {
  /** The settings (read once, then cached), with a problem message when the stored ones could not be read. */
  get(): Promise<ReadResult<Settings>>;
  save(settings: Settings): Promise<void>;
  /**
   * The stored settings changed (storage.onChanged): the next `get` reads them again. Returns
   * false when the change is this store's own last write, which needs no reaction.
   */
  storedValueChanged(newValue: unknown): boolean;
}

export function createSettingsStore(local: StorageAreaLike, now: Clock): SettingsStore {
  let current: Promise<ReadResult<Settings>> | undefined;
  let lastWritten: string | undefined;

  return {
    get() {
      current ??= readStoredItem(local, SETTINGS_ITEM, now).then(({ value, problem }) => ({ value, ...(problem !== undefined && { problem }) }));
      // A failed read (storage unavailable) is tried again next time rather than cached.
      current.catch(() => (current = undefined));
      return current;
    },
    async save(settings) {
      lastWritten = canonicalJson(wrapItem(SETTINGS_ITEM, settings));
      await writeStoredItem(local, SETTINGS_ITEM, settings);
      current = Promise.resolve({ value: settings });
    },
    storedValueChanged(newValue) {
      if (lastWritten !== undefined && canonicalJson(newValue) === lastWritten) return false;
      current = undefined;
      return true;
    },
  };
}

/** JSON with sorted keys: Chromium hands storage.onChanged values back with their keys sorted. */
function canonicalJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
