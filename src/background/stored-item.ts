import type { Clock } from '../core/clock';
import { unwrapItem, wrapItem, type ReadResult, type StorageItem } from '../core/storage/storage-item';
import type { StorageAreaLike } from './worker-browser';

/** Where an unreadable stored value is kept, so a fallback to defaults never destroys it. */
export function backupKey(item: StorageItem<unknown>): string {
  return `${item.key}-unreadable`;
}

/**
 * Reads an item. What does not parse gives the default and a problem message, and its raw
 * value is copied aside under `backupKey(item)` first (the item itself is left as it was,
 * until something valid is written over it).
 */
export async function readStoredItem<T>(area: StorageAreaLike, item: StorageItem<T>, now: Clock): Promise<ReadResult<T> & { raw: unknown }> {
  const raw = (await area.get(item.key))[item.key];
  const result = unwrapItem(item, raw);
  if (result.problem === undefined) return { ...result, raw };
  const key = backupKey(item);
  await area.set({ [key]: { keptAt: now(), problem: result.problem, raw } });
  return { value: result.value, problem: `${result.problem} The unreadable value is kept under "${key}".`, raw };
}

export function writeStoredItem<T>(area: StorageAreaLike, item: StorageItem<T>, value: T): Promise<void> {
  return area.set({ [item.key]: wrapItem(item, value) });
}
