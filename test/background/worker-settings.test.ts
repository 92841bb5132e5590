import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SETTINGS_ITEM } from '../../src/core/storage/storage-items';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../src/core/settings/settings-schema';
import { goodCallback, goodRequest, T0 } from '../support/scenario';
import { BrowserTrace, deliver } from './support/browser-trace';
import { bootWorker, fakeBrowser } from './support/fake-extension';
import { ask, flowsOf } from './support/requests';

const BACKUP_KEY = `${SETTINGS_ITEM.key}-unreadable`;
const registered = SettingsSchema.parse({ redirectUris: [{ uri: 'https://app.example.com/callback', profile: 'akahu', label: 'App' }] });

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

async function storedSettings(): Promise<unknown> {
  return (await fakeBrowser.storage.local.get(SETTINGS_ITEM.key))[SETTINGS_ITEM.key];
}

describe('worker settings', () => {
  it('answers the defaults when nothing is stored, with no problem', async () => {
    expect(await ask(await bootWorker(), 'getSettings', {})).toEqual({ settings: DEFAULT_SETTINGS });
  });

  it('saves valid settings in storage.local, versioned, and answers them back', async () => {
    const extension = await bootWorker();
    expect(await ask(extension, 'saveSettings', { settings: registered })).toEqual({ settings: registered });
    expect(await storedSettings()).toEqual({ version: SETTINGS_ITEM.version, value: registered });
    expect(await ask(extension, 'getSettings', {})).toEqual({ settings: registered });
    expect(extension.broadcasts).toContainEqual({ channel: 'consent-lens', event: 'settingsChanged' });
  });

  it('refuses settings that do not validate, and keeps the stored ones', async () => {
    const extension = await bootWorker();
    await ask(extension, 'saveSettings', { settings: registered });
    const answer = await extension.send({
      channel: 'consent-lens',
      type: 'saveSettings',
      payload: { settings: { redirectUris: [{ uri: 'https://app.example.com/cb#fragment' }] } },
    });
    expect(answer).toMatchObject({ ok: false, error: expect.stringContaining('must not contain a fragment') });
    expect(await storedSettings()).toEqual({ version: SETTINGS_ITEM.version, value: registered });
  });

  it.each([
    ['not the stored format', 'just a string'],
    ['a newer version', { version: 99, value: {} }],
    ['an invalid value', { version: 1, value: { redirectUris: 'nope' } }],
  ])('falls back to defaults on %s, keeps the raw value aside and reports the problem', async (_, raw) => {
    await fakeBrowser.storage.local.set({ [SETTINGS_ITEM.key]: raw });
    const extension = await bootWorker();
    const answer = await ask(extension, 'getSettings', {});
    expect(answer.settings).toEqual(DEFAULT_SETTINGS);
    expect(answer.problem).toMatch(/Stored settings could not be read .*defaults apply/s);
    expect(answer.problem).toContain(BACKUP_KEY);
    expect((await fakeBrowser.storage.local.get(BACKUP_KEY))[BACKUP_KEY]).toMatchObject({ raw, problem: expect.any(String) });
    // The unreadable value stays where it was until the user saves new settings.
    expect(await storedSettings()).toEqual(raw);
    await ask(extension, 'saveSettings', { settings: registered });
    expect(await ask(extension, 'getSettings', {})).toEqual({ settings: registered });
  });

  it('reads the settings again when another page changes them in storage', async () => {
    const extension = await bootWorker();
    await ask(extension, 'getSettings', {});
    const value = { version: 1, value: registered };
    await fakeBrowser.storage.local.set({ [SETTINGS_ITEM.key]: value });
    await extension.events.onStorageChanged.fire({ [SETTINGS_ITEM.key]: { newValue: value } }, 'local');
    expect((await ask(extension, 'getSettings', {})).settings).toEqual(registered);
    expect(extension.broadcasts).toContainEqual({ channel: 'consent-lens', event: 'settingsChanged' });
  });

  it('ignores storage changes to other keys and areas', async () => {
    const extension = await bootWorker();
    await extension.events.onStorageChanged.fire({ 'worker-ready': { newValue: 1 } }, 'session');
    await extension.events.onStorageChanged.fire({ other: { newValue: 1 } }, 'local');
    expect(extension.broadcasts).toEqual([]);
  });

  it('analyses the flows with the current settings', async () => {
    const extension = await bootWorker();
    await deliver(extension, new BrowserTrace(1, T0).chain(goodRequest(), goodCallback()).events);
    expect((await flowsOf(extension))[0]?.profile.id).toBe('oidc');
    await ask(extension, 'saveSettings', { settings: registered });
    expect((await flowsOf(extension))[0]?.profile).toMatchObject({ id: 'akahu', chosenBy: 'registration' });
  });
});

describe('worker settings: its own writes', () => {
  it('does not react again to the storage change of its own save, even with the keys reordered as Chromium does', async () => {
    const extension = await bootWorker();
    await ask(extension, 'saveSettings', { settings: registered });
    const broadcasts = extension.broadcasts.length;
    const sorted = (value: unknown): unknown =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([key, inner]) => [key, sorted(inner)]),
          )
        : value;
    await extension.events.onStorageChanged.fire({ [SETTINGS_ITEM.key]: { newValue: sorted({ version: 1, value: registered }) } }, 'local');
    expect(extension.broadcasts).toHaveLength(broadcasts);
  });
});
