import { describe, expect, it, vi } from 'vitest';
import { ConnectorError, createConnector, type Send } from '../../src/ui/connector';
import { CHANNEL } from '../../src/core/protocol/protocol';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings-schema';
import { fixtureReport } from '../fixtures/ui/flows';

function connectorAnswering(send: Send) {
  let listener: ((message: unknown) => void) | undefined;
  const unsubscribe = vi.fn();
  const connector = createConnector({
    send,
    listen(added) {
      listener = added;
      return unsubscribe;
    },
  });
  return { connector, deliver: (message: unknown) => listener?.(message), unsubscribe };
}

describe('connector.request', () => {
  it('sends the envelope and resolves with a valid answer', async () => {
    const report = fixtureReport(['clean']);
    const send = vi.fn(async () => ({ ok: true, value: { report } }));
    const { connector } = connectorAnswering(send);
    await expect(connector.request('getFlows', { tabId: 3 })).resolves.toEqual({ report });
    expect(send).toHaveBeenCalledWith({ channel: CHANNEL, type: 'getFlows', payload: { tabId: 3 } });
  });

  it.each([
    ['nothing (no listener answered)', undefined],
    ['a string', 'ok'],
    ['an envelope without ok', { value: { cleared: 1 } }],
    ['a value of the wrong shape', { ok: true, value: { cleared: -1 } }],
    ['an answer to another request', { ok: true, value: { settings: DEFAULT_SETTINGS } }],
  ])('rejects %s with a clear error instead of crashing', async (_name, answer) => {
    const { connector } = connectorAnswering(async () => answer);
    const failure = connector.request('clearFlows', {});
    await expect(failure).rejects.toBeInstanceOf(ConnectorError);
    await expect(failure).rejects.toThrow(/The worker's answer to clearFlows was not understood/);
  });

  it("passes the worker's own error message on", async () => {
    const { connector } = connectorAnswering(async () => ({ ok: false, error: 'Settings were not saved: disk full' }));
    await expect(connector.request('getSettings', {})).rejects.toThrow('Settings were not saved: disk full');
  });

  it('reports a worker that cannot be reached', async () => {
    const { connector } = connectorAnswering(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await expect(connector.request('getFlows', {})).rejects.toThrow(/Could not reach the Consent Lens worker \(getFlows\): Could not establish connection/);
  });
});

describe('connector.onEvent', () => {
  it('passes valid events and ignores every other message', () => {
    const { connector, deliver, unsubscribe } = connectorAnswering(async () => undefined);
    const handler = vi.fn();
    const stop = connector.onEvent(handler);
    deliver({ channel: CHANNEL, event: 'flowsChanged' });
    deliver({ channel: CHANNEL, event: 'somethingElse' });
    deliver({ channel: 'other-extension', event: 'flowsChanged' });
    deliver({ channel: CHANNEL, type: 'getFlows', payload: {} });
    deliver(null);
    deliver({ channel: CHANNEL, event: 'settingsChanged' });
    expect(handler.mock.calls).toEqual([['flowsChanged'], ['settingsChanged']]);
    stop();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });
});
