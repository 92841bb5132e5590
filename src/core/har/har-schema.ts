import { z } from '../zod';
import { HarReader } from './har-reader';

// The part of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) that Consent Lens reads, as
// real tools write it rather than as the text says: Chrome, Firefox, Safari, Playwright, mitmproxy,
// Charles and Fiddler write null where others leave a field out (Charles: `"redirectURL": null`),
// leave out what the text requires (`startedDateTime`, `cookies`), write numbers as text, and add
// fields of their own (`_`-prefixed, `comment`). So every field beyond the few that correlation needs
// is optional, null is read as absent, and unknown fields pass through.

/** An optional field: absent or null. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();
/** A list that may be absent or null: read as empty. */
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);

export const HarHeaderSchema = z.looseObject({
  name: z.string(),
  value: optional(z.string()),
});

/**
 * One of `request.cookies` / `response.cookies`. Only names and attributes are read (a value only
 * for its size); an odd list is read as none rather than losing the entry.
 */
export const HarCookieSchema = z.looseObject({
  name: z.string(),
  value: optional(z.string()),
  path: optional(z.string()),
  domain: optional(z.string()),
  expires: optional(z.string()),
  httpOnly: optional(z.boolean()),
  secure: optional(z.boolean()),
  /** Chrome and Playwright write it ("Lax", "Strict", "None"); HAR 1.2 does not name it. */
  sameSite: optional(z.string()),
});
const cookieList = list(HarCookieSchema).catch([]);

export const HarPostParamSchema = z.looseObject({
  name: z.string(),
  value: optional(z.string()),
});

export const HarPostDataSchema = z.looseObject({
  mimeType: optional(z.string()),
  params: optional(z.array(HarPostParamSchema)),
  text: optional(z.string()),
});

export const HarRequestSchema = z.looseObject({
  method: z.string().min(1),
  url: z.string().min(1),
  headers: list(HarHeaderSchema),
  cookies: cookieList,
  postData: optional(HarPostDataSchema),
});

export const HarResponseSchema = z.looseObject({
  /** 0 (Chrome, Firefox) or -1 (Playwright) when no response came; some tools write it as text, or null. */
  status: z.union(
    [
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d+$/)
        .transform(Number),
      z.null().transform(() => 0),
    ],
    { error: 'not a status code' },
  ),
  headers: list(HarHeaderSchema),
  cookies: cookieList,
  /** Chrome and Playwright fill it from Location; Firefox may leave it empty, Charles writes null. */
  redirectURL: optional(z.string()),
  /** Why the request failed: Chrome writes `_error`, Playwright `_failureText`. */
  _error: optional(z.string()),
  _failureText: optional(z.string()),
  /** The body, where the export kept it: read only for a token endpoint's error. An odd one is ignored, never the entry. */
  content: z
    .looseObject({ mimeType: optional(z.string()), text: optional(z.string()), encoding: optional(z.string()) })
    .nullish()
    .catch(undefined),
});

export const HarEntrySchema = z.looseObject({
  /** ISO 8601 date and time the request started; hand-made and older exports lack it (then: file order). */
  startedDateTime: optional(z.string().refine((text) => Number.isFinite(Date.parse(text)), 'not a date and time')),
  /** Total milliseconds the request took; -1, null or absent when unknown. */
  time: optional(z.number()),
  /** Chrome devtools: what the request was for ('document' for navigations, frames' included). */
  _resourceType: optional(z.string()),
  /** Chrome devtools writes it per entry as well as per response. */
  _error: optional(z.string()),
  request: HarRequestSchema,
  response: HarResponseSchema,
});

/**
 * The file itself: only `log.entries` must be there; `version`, `creator`, `pages` and the rest pass
 * through unread. Entries are checked one by one (see HarObservationCollector), so one odd entry
 * never rejects the whole file.
 */
export const HarSchema = z.looseObject({
  log: z.looseObject({ entries: z.array(z.unknown()) }),
});

export type HarHeader = z.infer<typeof HarHeaderSchema>;
export type HarCookie = z.infer<typeof HarCookieSchema>;
export type HarEntry = z.infer<typeof HarEntrySchema>;
export type Har = z.infer<typeof HarSchema>;

export type ParsedHar = { ok: true; har: Har } | { ok: false; message: string };

/**
 * Reads a whole HAR file's text, by the same reader as a file read in pieces. Never throws: what is
 * wrong with the input comes back as a message.
 */
export function parseHar(text: string): ParsedHar {
  const entries: unknown[] = [];
  const fields: Array<[string, unknown]> = [];
  const reader = new HarReader({ entry: (_index, value) => entries.push(value), logField: (name, value) => fields.push([name, value]) });
  reader.write(text);
  const read = reader.end();
  // fromEntries defines each field as its own, as JSON.parse would: "__proto__" included.
  if (!read.ok) return read;
  // A text held whole has no excuse to break off: it is refused rather than read in part.
  if (read.brokenAt) return { ok: false, message: `not JSON at entry ${read.brokenAt.index}: ${read.brokenAt.reason}` };
  return { ok: true, har: { log: { ...Object.fromEntries(fields), entries } } };
}
