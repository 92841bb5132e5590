import { z } from '../core/zod';
import {
  EventSchema,
  PROTOCOL,
  RequestEnvelopeSchema,
  type MessageType,
  type RequestEnvelope,
  type RequestOf,
  type ResponseEnvelope,
  type ResponseOf,
} from '../core/protocol/protocol';

/** One function per request type, given the validated payload. */
export type MessageHandlers = { [K in MessageType]: (payload: RequestOf<K>) => Promise<ResponseOf<K>> };

/** What runtime.onMessage says about who sent a message. */
export interface MessageSender {
  id?: string;
  url?: string;
}

export interface RouterOptions {
  /** runtime.id */
  extensionId: string;
  /** runtime.getURL(''): the origin of this extension's own pages. */
  extensionBaseUrl: string;
  handlers: MessageHandlers;
}

/**
 * The runtime.onMessage listener. Messages from anywhere but this extension's own pages are
 * ignored (undefined: no answer), as are the events the worker itself broadcasts; everything
 * else gets an envelope: the handler's answer, or a message saying what was wrong.
 */
export function createMessageRouter({ extensionId, extensionBaseUrl, handlers }: RouterOptions) {
  return (message: unknown, sender: MessageSender): Promise<ResponseEnvelope<MessageType>> | undefined => {
    if (sender.id !== extensionId) return undefined;
    if (sender.url !== undefined && !sender.url.startsWith(extensionBaseUrl)) return undefined;
    if (EventSchema.safeParse(message).success) return undefined;
    const parsed = RequestEnvelopeSchema.safeParse(message);
    if (!parsed.success) return Promise.resolve({ ok: false, error: invalidRequest(message, parsed.error) });
    return dispatch(handlers, parsed.data as RequestEnvelope);
  };
}

async function dispatch(handlers: MessageHandlers, request: RequestEnvelope): Promise<ResponseEnvelope<MessageType>> {
  try {
    const handler = handlers[request.type] as (payload: unknown) => Promise<ResponseOf<MessageType>>;
    return { ok: true, value: await handler(request.payload) };
  } catch (error) {
    return { ok: false, error: `${request.type} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function invalidRequest(message: unknown, error: z.ZodError): string {
  const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
  if (typeof type === 'string' && !Object.hasOwn(PROTOCOL, type)) {
    return `Unknown request type "${type}"; expected one of ${Object.keys(PROTOCOL).join(', ')}.`;
  }
  return `Invalid ${typeof type === 'string' ? `${type} request` : 'request'}: ${z.prettifyError(error)}`;
}
