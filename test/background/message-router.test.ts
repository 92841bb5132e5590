import { describe, expect, it, vi } from 'vitest';
import { createMessageRouter, type MessageHandlers } from '../../src/background/message-router';
import { CHANNEL } from '../../src/core/protocol/protocol';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings-schema';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;
const POPUP = { id: ID, url: `${BASE}src/popup/index.html` };

function router(overrides: Partial<MessageHandlers> = {}) {
  const handlers: MessageHandlers = {
    getFlows: vi.fn(async () => ({ report: { flows: [], summary: { flows: 0, findings: { error: 0, warning: 0, info: 0 } }, redacted: false } })),
    clearFlows: vi.fn(async () => ({ cleared: 3 })),
    getSettings: vi.fn(async () => ({ settings: DEFAULT_SETTINGS })),
    saveSettings: vi.fn(async ({ settings }) => ({ settings })),
    ...overrides,
  };
  return { route: createMessageRouter({ extensionId: ID, extensionBaseUrl: BASE, handlers }), handlers };
}

describe('message router', () => {
  it('dispatches a valid request to its handler with the parsed payload and answers ok', async () => {
    const { route, handlers } = router();
    expect(await route({ channel: CHANNEL, type: 'clearFlows', payload: {} }, POPUP)).toEqual({ ok: true, value: { cleared: 3 } });
    await route({ channel: CHANNEL, type: 'getFlows', payload: { tabId: 4 } }, POPUP);
    expect(handlers.getFlows).toHaveBeenCalledWith({ tabId: 4 });
  });

  it('fills in schema defaults before the handler sees the settings', async () => {
    const { route, handlers } = router();
    await route({ channel: CHANNEL, type: 'saveSettings', payload: { settings: {} } }, POPUP);
    expect(handlers.saveSettings).toHaveBeenCalledWith({ settings: DEFAULT_SETTINGS });
  });

  it.each([
    ['another extension', { id: 'someone-else', url: `chrome-extension://someone-else/page.html` }],
    ['no sender id', { url: POPUP.url }],
    ['a web page (a content script of this extension)', { id: ID, url: 'https://evil.example/' }],
    ['a look-alike URL', { id: ID, url: `chrome-extension://${ID}.evil/` }],
  ])('ignores a message from %s: no answer, no handler', async (_, sender) => {
    const { route, handlers } = router();
    expect(route({ channel: CHANNEL, type: 'clearFlows', payload: {} }, sender)).toBeUndefined();
    expect(handlers.clearFlows).not.toHaveBeenCalled();
  });

  it("accepts the worker's own context, which has no URL", async () => {
    const { route } = router();
    expect(await route({ channel: CHANNEL, type: 'clearFlows', payload: {} }, { id: ID })).toMatchObject({ ok: true });
  });

  it('ignores the events pages broadcast', () => {
    expect(router().route({ channel: CHANNEL, event: 'flowsChanged' }, POPUP)).toBeUndefined();
  });

  it.each([
    ['not an object', 'hello', /Invalid request/],
    ['no channel', { type: 'getFlows', payload: {} }, /Invalid getFlows request/],
    [
      'an unknown type',
      { channel: CHANNEL, type: 'deleteEverything', payload: {} },
      /Unknown request type "deleteEverything"; expected one of getFlows, clearFlows, getSettings, saveSettings/,
    ],
    ['an inherited property as type', { channel: CHANNEL, type: 'toString', payload: {} }, /Unknown request type "toString"/],
    ['a bad payload', { channel: CHANNEL, type: 'getFlows', payload: { tabId: 'seven' } }, /Invalid getFlows request: .*tabId/s],
    [
      'invalid settings',
      { channel: CHANNEL, type: 'saveSettings', payload: { settings: { capture: { maxFlows: 0 } } } },
      /Invalid saveSettings request: .*maxFlows/s,
    ],
  ])('answers %s with an error saying what is wrong', async (_, message, error) => {
    const { route, handlers } = router();
    const answer = await route(message, POPUP);
    expect(answer).toEqual({ ok: false, error: expect.stringMatching(error) });
    expect(Object.values(handlers).some((handler) => vi.mocked(handler).mock.calls.length > 0)).toBe(false);
  });

  it('turns a failing handler into an error answer instead of throwing', async () => {
    const { route } = router({ clearFlows: async () => Promise.reject(new Error('storage is full')) });
    expect(await route({ channel: CHANNEL, type: 'clearFlows', payload: {} }, POPUP)).toEqual({ ok: false, error: 'clearFlows failed: storage is full' });
  });
});
