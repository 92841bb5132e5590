// Chrome's storage.session refuses a set that would take it past QUOTA_BYTES (10 MB); fake-browser
// has no quota. This gives it one, counted as Chrome counts: each key plus its value's JSON.
import { vi } from 'vitest';
import { fakeBrowser } from './fake-extension';

/** What Chrome 156 throws, word for word. */
export const QUOTA_MESSAGE = 'Session storage quota bytes exceeded. Values were not stored.';

/** From now until the mocks are restored, storage.session refuses any set that would leave more than `bytes` stored. */
export function limitSessionStorage(bytes: number): void {
  const session = fakeBrowser.storage.session;
  const set = session.set.bind(session);
  vi.spyOn(session, 'set').mockImplementation(async (items: Record<string, unknown>) => {
    const after = { ...(await session.get(null)), ...items };
    const size = Object.entries(after).reduce((sum, [key, value]) => sum + key.length + JSON.stringify(value).length, 0);
    if (size > bytes) throw new Error(QUOTA_MESSAGE);
    await set(items);
  });
}
