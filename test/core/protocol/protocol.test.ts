import { describe, expect, it } from 'vitest';
import { CHANNEL, RequestEnvelopeSchema, responseEnvelopeSchema } from '../../../src/core/protocol/protocol';

describe('protocol', () => {
  it.each([
    ['getFlows for a tab', { channel: CHANNEL, type: 'getFlows', payload: { tabId: 3 } }],
    ['clearFlows', { channel: CHANNEL, type: 'clearFlows', payload: {} }],
    ['saveSettings with defaults filled in', { channel: CHANNEL, type: 'saveSettings', payload: { settings: {} } }],
  ])('accepts %s', (_, message) => {
    expect(RequestEnvelopeSchema.safeParse(message).success).toBe(true);
  });

  it.each([
    ['another channel', { channel: 'other', type: 'getFlows', payload: {} }],
    ['an unknown type', { channel: CHANNEL, type: 'deleteEverything', payload: {} }],
    ['a bad payload', { channel: CHANNEL, type: 'getFlows', payload: { tabId: 'three' } }],
    ['invalid settings', { channel: CHANNEL, type: 'saveSettings', payload: { settings: { redirectUris: [{ uri: 'nope' }] } } }],
    ['not an object', 'getFlows'],
  ])('rejects %s', (_, message) => {
    expect(RequestEnvelopeSchema.safeParse(message).success).toBe(false);
  });

  it('checks answers: a value of the right shape, or an error message', () => {
    const schema = responseEnvelopeSchema('clearFlows');
    expect(schema.safeParse({ ok: true, value: { cleared: 2 } }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: 'storage is full' }).success).toBe(true);
    expect(schema.safeParse({ ok: true, value: { cleared: -1 } }).success).toBe(false);
    expect(schema.safeParse({ ok: true }).success).toBe(false);
  });
});
