// The one way extension pages talk to the worker. Pages never call runtime messaging themselves:
// they get a Connector, so tests hand them one built on fixtures instead of a browser.
import {
  CHANNEL,
  EventSchema,
  responseEnvelopeSchema,
  type ExtensionEvent,
  type MessageType,
  type RequestOf,
  type ResponseOf,
} from '../core/protocol/protocol';
import { z } from '../core/zod';

/** Sends one message to the worker and resolves with whatever it answers (runtime.sendMessage). */
export type Send = (message: unknown) => Promise<unknown>;
/** Subscribes to messages the worker broadcasts (runtime.onMessage); returns the unsubscribe. */
export type Listen = (listener: (message: unknown) => void) => () => void;

export interface Transport {
  send: Send;
  listen: Listen;
}

export type EventName = ExtensionEvent['event'];

export interface Connector {
  /** The worker's answer, checked against the protocol; rejects with a ConnectorError saying what went wrong. */
  request<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>>;
  /** Calls `handler` for each valid event the worker broadcasts; anything else is ignored. */
  onEvent(handler: (event: EventName) => void): () => void;
}

/** Every failure a page can show as it is: the message is written for the user. */
export class ConnectorError extends Error {
  override name = 'ConnectorError';
}

export function createConnector({ send, listen }: Transport): Connector {
  return {
    async request(type, payload) {
      let answer: unknown;
      try {
        answer = await send({ channel: CHANNEL, type, payload });
      } catch (error) {
        throw new ConnectorError(`Could not reach the Consent Lens worker (${type}): ${messageOf(error)}`);
      }
      const parsed = responseEnvelopeSchema(type).safeParse(answer);
      if (!parsed.success) {
        throw new ConnectorError(`The worker's answer to ${type} was not understood: ${z.prettifyError(parsed.error)}`);
      }
      if (!parsed.data.ok) throw new ConnectorError(parsed.data.error);
      return parsed.data.value as ResponseOf<typeof type>;
    },
    onEvent(handler) {
      return listen((message) => {
        const parsed = EventSchema.safeParse(message);
        if (parsed.success) handler(parsed.data.event);
      });
    },
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
