import { z } from '../zod';

/**
 * One thing the extension stores: where, under which key, in which shape, and how older shapes
 * become the current one. Reading never throws: what does not parse gives the default and a
 * message saying why, and the raw value is left for the caller to keep aside.
 */
export interface StorageItem<T> {
  area: 'local' | 'session';
  key: string;
  version: number;
  schema: z.ZodType<T>;
  defaultValue: () => T;
  /** `migrations[n]` turns a version-n value into a version n+1 value. */
  migrations?: Readonly<Record<number, (value: unknown) => unknown>>;
}

const StoredSchema = z.object({ version: z.number().int().min(1), value: z.unknown() });

export type ReadResult<T> = { value: T; problem?: string };

/** The stored form: a versioned envelope, so a later release knows what it is reading. */
export function wrapItem<T>(item: StorageItem<T>, value: T): { version: number; value: T } {
  return { version: item.version, value };
}

export function unwrapItem<T>(item: StorageItem<T>, raw: unknown): ReadResult<T> {
  if (raw === undefined) return { value: item.defaultValue() };
  const stored = StoredSchema.safeParse(raw);
  if (!stored.success) return fallBack(item, 'it is not in the stored format');
  if (stored.data.version > item.version) return fallBack(item, `it was written by a newer version (${stored.data.version})`);
  let value = stored.data.value;
  for (let version = stored.data.version; version < item.version; version++) {
    const migrate = item.migrations?.[version];
    if (!migrate) return fallBack(item, `no migration from version ${version}`);
    value = migrate(value);
  }
  const parsed = item.schema.safeParse(value);
  if (!parsed.success) return fallBack(item, z.prettifyError(parsed.error));
  return { value: parsed.data };
}

function fallBack<T>(item: StorageItem<T>, why: string): ReadResult<T> {
  return { value: item.defaultValue(), problem: `Stored ${item.key} could not be read (${why}); defaults apply.` };
}
