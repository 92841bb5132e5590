import { describe, expect, it } from 'vitest';
import { unwrapItem, wrapItem, type StorageItem } from '../../../src/core/storage/storage-item';
import { SETTINGS_ITEM } from '../../../src/core/storage/storage-items';
import { z } from '../../../src/core/zod';

const COUNTER: StorageItem<{ count: number; label: string }> = {
  area: 'local',
  key: 'counter',
  version: 3,
  schema: z.object({ count: z.number().int(), label: z.string() }),
  defaultValue: () => ({ count: 0, label: 'none' }),
  migrations: {
    1: (value) => ({ count: Number(value) }),
    2: (value) => ({ ...(value as object), label: 'migrated' }),
  },
};

describe('storage items', () => {
  it('gives the default, without a problem, when nothing is stored', () => {
    expect(unwrapItem(COUNTER, undefined)).toEqual({ value: { count: 0, label: 'none' } });
  });

  it('reads back what it wrote', () => {
    expect(unwrapItem(COUNTER, wrapItem(COUNTER, { count: 4, label: 'x' }))).toEqual({ value: { count: 4, label: 'x' } });
  });

  it('migrates an old version step by step', () => {
    expect(unwrapItem(COUNTER, { version: 1, value: '7' })).toEqual({ value: { count: 7, label: 'migrated' } });
  });

  it.each([
    ['a value outside the envelope', { count: 1, label: 'x' }, 'not in the stored format'],
    ['a newer version', { version: 9, value: {} }, 'written by a newer version (9)'],
    ['a value that fails the schema', { version: 3, value: { count: 'many', label: 'x' } }, 'count'],
    ['a version with no migration', { version: 0, value: {} }, 'not in the stored format'],
  ])('falls back to the default with a message for %s', (_, raw, why) => {
    const result = unwrapItem(COUNTER, raw);
    expect(result.value).toEqual({ count: 0, label: 'none' });
    expect(result.problem).toContain(why);
    expect(result.problem).toContain('Stored counter could not be read');
  });

  it('reads settings with every default filled in', () => {
    const { value } = unwrapItem(SETTINGS_ITEM, { version: 1, value: { redirectUris: [{ uri: 'https://app.example/cb' }] } });
    expect(value.capture).toEqual({ keepHistory: false, maxFlows: 100, maxAgeHours: 24, watchAllSites: false });
    expect(value.redirectUris[0]).toMatchObject({ uri: 'https://app.example/cb', overrides: {}, authorizationServers: [] });
  });
});
