import { AnalysisReportSchema } from '../report/report-schema';
import { SettingsSchema } from '../settings/settings-schema';
import { StorageHealthSchema } from '../storage/storage-health';
import { z } from '../zod';

/**
 * Every request an extension page sends the worker, with the schema of its payload and of the
 * worker's answer. Both sides check what they receive against these schemas at run time.
 */
export const PROTOCOL = {
  /**
   * The analysed flows, newest last; the secrets are in clear, the UI hides them until asked.
   * `storage` when the flows could not be saved or some were dropped, for the page to say so.
   */
  getFlows: {
    request: z.object({ tabId: z.number().int().optional() }),
    response: z.object({ report: AnalysisReportSchema, storage: StorageHealthSchema.optional() }),
  },
  clearFlows: {
    request: z.object({}),
    response: z.object({ cleared: z.number().int().min(0) }),
  },
  /** The saved settings, and a message when what was stored could not be read and defaults apply. */
  getSettings: {
    request: z.object({}),
    response: z.object({ settings: SettingsSchema, problem: z.string().optional() }),
  },
  saveSettings: {
    request: z.object({ settings: SettingsSchema }),
    response: z.object({ settings: SettingsSchema }),
  },
} as const;

export type Protocol = typeof PROTOCOL;
export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = z.infer<Protocol[K]['request']>;
export type ResponseOf<K extends MessageType> = z.infer<Protocol[K]['response']>;

/** Marks this extension's own messages among anything else that reaches runtime.onMessage. */
export const CHANNEL = 'consent-lens';

export const RequestEnvelopeSchema = z.discriminatedUnion(
  'type',
  (Object.keys(PROTOCOL) as MessageType[]).map((type) =>
    z.object({ channel: z.literal(CHANNEL), type: z.literal(type), payload: PROTOCOL[type].request }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

export type RequestEnvelope = { [K in MessageType]: { channel: typeof CHANNEL; type: K; payload: RequestOf<K> } }[MessageType];

/** What the worker answers: the response, or an error a page can show as it is. */
export type ResponseEnvelope<K extends MessageType> = { ok: true; value: ResponseOf<K> } | { ok: false; error: string };

export const ErrorEnvelopeSchema = z.object({ ok: z.literal(false), error: z.string() });

export function responseEnvelopeSchema<K extends MessageType>(type: K) {
  return z.union([z.object({ ok: z.literal(true), value: PROTOCOL[type].response }), ErrorEnvelopeSchema]);
}

/** Events the worker broadcasts to open extension pages. */
export const EventSchema = z.object({ channel: z.literal(CHANNEL), event: z.enum(['flowsChanged', 'settingsChanged']) });
export type ExtensionEvent = z.infer<typeof EventSchema>;
