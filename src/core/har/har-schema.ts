import { z } from '../zod';

// The part of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) that Consent Lens reads.
// Browsers differ in what they fill in (Chrome and Firefox devtools, Playwright's recordHar), so
// everything beyond the few fields correlation needs is optional, and unknown fields pass through.

export const HarHeaderSchema = z.looseObject({
  name: z.string(),
  value: z.string(),
});

export const HarPostParamSchema = z.looseObject({
  name: z.string(),
  value: z.string().optional(),
});

export const HarPostDataSchema = z.looseObject({
  mimeType: z.string().optional(),
  params: z.array(HarPostParamSchema).optional(),
  text: z.string().optional(),
});

export const HarRequestSchema = z.looseObject({
  method: z.string().min(1),
  url: z.string().min(1),
  headers: z.array(HarHeaderSchema).default([]),
  postData: HarPostDataSchema.optional(),
});

export const HarResponseSchema = z.looseObject({
  /** 0 (Chrome, Firefox) or -1 (Playwright) when no response came. */
  status: z.number(),
  headers: z.array(HarHeaderSchema).default([]),
  /** Chrome and Playwright fill it from Location; Firefox too, but may leave it empty. */
  redirectURL: z.string().optional(),
  /** Why the request failed: Chrome writes `_error`, Playwright `_failureText`. */
  _error: z.string().nullish(),
  _failureText: z.string().nullish(),
});

export const HarEntrySchema = z.looseObject({
  /** ISO 8601 date and time the request started. */
  startedDateTime: z.string().refine((text) => Number.isFinite(Date.parse(text)), 'not a date and time'),
  /** Total milliseconds the request took; -1 or absent when unknown. */
  time: z.number().optional(),
  pageref: z.string().optional(),
  /** Chrome devtools: what the request was for ('document' for navigations). */
  _resourceType: z.string().optional(),
  /** Chrome devtools writes it per entry as well as per response. */
  _error: z.string().nullish(),
  request: HarRequestSchema,
  response: HarResponseSchema,
});

/**
 * The file itself: only `log.entries` must be there. Entries are checked one by one (see
 * harToObservations), so one odd entry never rejects the whole file.
 */
export const HarSchema = z.looseObject({
  log: z.looseObject({
    version: z.string().optional(),
    creator: z.looseObject({ name: z.string().optional(), version: z.string().optional() }).optional(),
    entries: z.array(z.unknown()),
  }),
});

export type HarHeader = z.infer<typeof HarHeaderSchema>;
export type HarEntry = z.infer<typeof HarEntrySchema>;
export type Har = z.infer<typeof HarSchema>;

export type ParsedHar = { ok: true; har: Har } | { ok: false; message: string };

/** Reads a HAR file's text. Never throws: what is wrong with the input comes back as a message. */
export function parseHar(text: string): ParsedHar {
  let json: unknown;
  try {
    // Some tools write a byte-order mark; JSON.parse rejects it.
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    // V8 quotes the start of the text, newlines and all: keep the message on one line.
    const detail = (error instanceof Error ? error.message : String(error)).replace(/\r?\n/g, '\\n');
    return { ok: false, message: `not JSON (${detail}): a HAR file is JSON, as saved by the browser's network panel` };
  }
  const har = HarSchema.safeParse(json);
  if (!har.success) {
    const hasLog = typeof json === 'object' && json !== null && 'log' in json;
    return {
      ok: false,
      message: hasLog ? 'not a HAR file: "log.entries" is not an array' : 'not a HAR file: no "log.entries" array',
    };
  }
  return { ok: true, har: har.data };
}
