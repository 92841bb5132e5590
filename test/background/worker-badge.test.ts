import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BADGE_COLORS, EXPIRED_MARK } from '../../src/core/report/badge-state';
import { SettingsSchema } from '../../src/core/settings/settings-schema';
import { goodCallback, goodRequest, T0 } from '../support/scenario';
import { BrowserTrace, deliver } from './support/browser-trace';
import { BADGE_ALARM } from '../../src/background/badge-updater';
import { badgeOf, bootWorker, fakeBrowser } from './support/fake-extension';
import { ask, flowsOf } from './support/requests';

const RED = [0xd9, 0x30, 0x25, 255];
const AMBER = [0xf2, 0x99, 0x00, 255];
const PLAIN_HTTP = 'http://app.example.com/callback';

// Each flow gets its own code: the same code in two flows is itself an error (a replay).
/** A flow whose redirect URI is plain http: one error (redirect-not-https). */
const erroneous = (tabId: number, start = T0) =>
  new BrowserTrace(tabId, start, tabId * 100).chain(
    goodRequest({ redirect_uri: PLAIN_HTTP }),
    goodCallback({ code: `code-of-erroneous-flow-${tabId}-${start}` }, PLAIN_HTTP),
  ).events;
/** A flow with a short state: two warnings. */
const warned = (tabId: number, start = T0) =>
  new BrowserTrace(tabId, start, tabId * 100).chain(
    goodRequest({ state: 'abc' }),
    goodCallback({ state: 'abc', code: `code-of-warned-flow-${tabId}-${start}` }),
  ).events;
/** A clean flow: no findings; its generic-OIDC code lives 10 minutes. */
const clean = (tabId: number, start = T0) => new BrowserTrace(tabId, start, tabId * 100).chain(goodRequest(), goodCallback()).events;

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => vi.useRealTimers());
/** The worker's clock follows the fake timers, so advancing them is time passing for the badge. */
const boot = () => bootWorker({ now: () => Date.now() });

describe('worker badge', () => {
  it("shows a tab's error count in red and its warnings in amber, per tab", async () => {
    const extension = await boot();
    await deliver(extension, erroneous(1));
    await deliver(extension, warned(2));
    await extension.worker.flush();
    expect(await badgeOf(1)).toMatchObject({ text: '1', color: RED, title: expect.stringContaining('1 error') });
    expect(await badgeOf(2)).toMatchObject({ text: '2', color: AMBER, title: expect.stringContaining('2 warnings') });
    expect(await badgeOf(3)).toMatchObject({ text: '' });
  });

  it("follows the tab's latest flow", async () => {
    const extension = await boot();
    await deliver(extension, erroneous(1));
    await extension.worker.flush();
    await deliver(extension, warned(1, T0 + 1000));
    await extension.worker.flush();
    expect(await badgeOf(1)).toMatchObject({ text: '2', color: AMBER });
  });

  it('marks the badge when the code expires, by an alarm set for that moment', async () => {
    const extension = await boot();
    await deliver(extension, clean(1));
    await extension.worker.flush();
    expect(await badgeOf(1)).toMatchObject({ text: '', title: expect.stringContaining('still valid') });
    const [flow] = await flowsOf(extension);
    const alarm = await fakeBrowser.alarms.get(BADGE_ALARM);
    // An alarm, not a setTimeout: an MV3 worker is stopped long before a 10-minute timer fires.
    // The first millisecond at which the code counts as expired.
    expect(alarm?.scheduledTime).toBe(flow!.codeExpiresAt! + 1);
    vi.setSystemTime(alarm!.scheduledTime);
    await fakeBrowser.alarms.onAlarm.trigger(alarm!);
    expect(await badgeOf(1)).toMatchObject({ text: EXPIRED_MARK, title: expect.stringContaining('authorization code expired') });
    expect(await fakeBrowser.alarms.get(BADGE_ALARM)).toBeUndefined();
  });

  it('recomputes the badges when a worker starts, so a code that expired while it slept shows', async () => {
    const first = await boot();
    await deliver(first, clean(1));
    await first.worker.flush();
    vi.clearAllTimers(); // the worker was stopped: its timers are gone
    vi.setSystemTime(T0 + 11 * 60 * 1000);
    await boot();
    expect((await badgeOf(1)).text).toBe(EXPIRED_MARK);
  });

  it('empties the badges of cleared flows, including those set before a worker restart', async () => {
    const first = await boot();
    await deliver(first, erroneous(1));
    await first.worker.flush();
    const second = await boot();
    await ask(second, 'clearFlows', {});
    expect(await badgeOf(1)).toMatchObject({ text: '', title: 'Consent Lens' });
  });

  it('shows the badge again after a navigation in the tab (Firefox resets per-tab badges)', async () => {
    const extension = await boot();
    await deliver(extension, erroneous(1));
    await extension.worker.flush();
    await fakeBrowser.action.setBadgeText({ tabId: 1, text: '' });
    await deliver(extension, new BrowserTrace(1, T0 + 5000, 900).chain('http://app.example.com/home').events);
    await extension.worker.flush();
    expect((await badgeOf(1)).text).toBe('1');
  });

  it('updates the badges when the settings change the analysis', async () => {
    const extension = await boot();
    await deliver(extension, clean(1));
    await extension.worker.flush();
    // Registered with the Akahu profile, whose codes live 60 s: long expired 2 minutes later.
    vi.setSystemTime(T0 + 2 * 60 * 1000);
    await ask(extension, 'saveSettings', { settings: SettingsSchema.parse({ redirectUris: [{ uri: 'https://app.example.com/callback', profile: 'akahu' }] }) });
    expect((await badgeOf(1)).title).toContain('Akahu');
  });

  it('badges no tab for flows restored from history', async () => {
    const setBadgeText = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    const first = await boot();
    await ask(first, 'saveSettings', { settings: SettingsSchema.parse({ capture: { keepHistory: true } }) });
    await deliver(first, erroneous(1));
    await first.worker.flush();
    await fakeBrowser.storage.session.clear();
    setBadgeText.mockClear();
    await boot();
    expect(setBadgeText.mock.calls.map(([details]) => details.tabId)).not.toContain(-1);
  });
});

it('uses the specified colours', () => {
  expect(BADGE_COLORS).toMatchObject({ error: '#d93025', warning: '#f29900' });
});
