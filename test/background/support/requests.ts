import { CHANNEL, responseEnvelopeSchema, type MessageType, type RequestOf, type ResponseOf } from '../../../src/core/protocol/protocol';
import type { FakeExtension } from './fake-extension';

export function request<K extends MessageType>(type: K, payload: RequestOf<K>) {
  return { channel: CHANNEL, type, payload };
}

/** Sends a request as the popup would and returns the checked answer's value (throws on an error answer). */
export async function ask<K extends MessageType>(extension: FakeExtension, type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const answer = responseEnvelopeSchema(type).parse(await extension.send(request(type, payload)));
  if (!answer.ok) throw new Error(answer.error);
  return answer.value as ResponseOf<K>;
}

export async function flowsOf(extension: FakeExtension, tabId?: number) {
  return (await ask(extension, 'getFlows', tabId === undefined ? {} : { tabId })).report.flows;
}
