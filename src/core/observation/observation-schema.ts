import { z } from '../zod';

/** One form field of a POST body, in the order the browser sent it. */
export const FormFieldSchema = z.tuple([z.string(), z.string()]);

/**
 * A cookie a response set (one Set-Cookie line), as RFC 6265bis reads it, without its value:
 * what decides whether the browser keeps it and sends it back.
 */
export const SetCookieSchema = z.object({
  name: z.string(),
  /** The Domain attribute, lower case, without its leading dot; absent: a host-only cookie. */
  domain: z.string().optional(),
  /** The Path attribute; absent: the default path (the directory of the URL that set it). */
  path: z.string().optional(),
  secure: z.boolean(),
  httpOnly: z.boolean(),
  /** Absent: not given or not one of the three, which browsers treat as Lax. */
  sameSite: z.enum(['strict', 'lax', 'none']).optional(),
  /** When it expires (ms since the epoch), from Max-Age or Expires; absent: at the end of the session. */
  expiresAt: z.number().optional(),
  /** Bytes of the whole Set-Cookie line. */
  size: z.number().int().min(0),
  /** Bytes of its name and value: browsers ignore a cookie where they exceed 4096. */
  nameValueSize: z.number().int().min(0),
});

const common = {
  /** Browser tab the navigation belongs to; HAR input uses one tab. */
  tabId: z.number().int(),
  /** Milliseconds since the epoch. */
  time: z.number().finite(),
  url: z.string(),
  /** Browser's request id, when it gives one: ties a response to its request. */
  requestId: z.string().optional(),
  /**
   * The frame it happened in: 0 or absent is the tab's top frame, any other an iframe. A HAR has
   * no frame ids, so its reader gives every iframe document FRAME_UNKNOWN.
   */
  frameId: z.number().int().optional(),
  /**
   * What the request loads, when the source tells (webRequest `type`, HAR `_resourceType`,
   * `Sec-Fetch-Dest`, `Accept`): a top-level document, a frame's document, or a subresource
   * (image, script, fetch/XHR, beacon) that is no navigation and so never a hop of a flow.
   * Absent: unknown, read as a document.
   */
  destination: z.enum(['document', 'frame', 'subresource']).optional(),
};

/** The frame id a HAR reader gives an iframe document: HAR files do not say which frame. */
export const FRAME_UNKNOWN = -1;

/** A request the browser started (webRequest.onBeforeRequest, a HAR entry's request). */
export const RequestObservationSchema = z.object({
  kind: z.literal('request'),
  ...common,
  method: z.string(),
  formData: z.array(FormFieldSchema).optional(),
  /** The scheme of the Authorization header it sent (`Basic`: a client secret), never its credentials. */
  authScheme: z.string().optional(),
  /** The names of the cookies its Cookie header sent, never their values; absent: its headers were not visible. */
  cookieNames: z.array(z.string()).optional(),
});

/**
 * What came back for a request: a redirect hop (3xx with its Location), a final status, or a
 * failure (status 0 with the browser's error text).
 */
export const ResponseObservationSchema = z.object({
  kind: z.literal('response'),
  ...common,
  method: z.string().optional(),
  status: z.number().int().min(0),
  location: z.string().optional(),
  error: z.string().optional(),
  /** The `error` and `error_description` of a token endpoint's JSON answer, where the source holds the body (a HAR). */
  oauthError: z.object({ error: z.string(), description: z.string().optional() }).optional(),
  /** The cookies its Set-Cookie headers set; absent: its headers were not visible. */
  setCookies: z.array(SetCookieSchema).optional(),
});

/** A committed navigation: the only place a browser reports the URL fragment. */
export const NavigationObservationSchema = z.object({
  kind: z.literal('navigation'),
  ...common,
});

/**
 * A tab or window that another opened (window.open, a target=_blank link): Chrome's and Firefox's
 * webNavigation.onCreatedNavigationTarget. `tabId` is the new one; `url` what it was opened on.
 */
export const OpenedObservationSchema = z.object({
  kind: z.literal('opened'),
  ...common,
  openerTabId: z.number().int(),
});

export const ObservationSchema = z.discriminatedUnion('kind', [
  RequestObservationSchema,
  ResponseObservationSchema,
  NavigationObservationSchema,
  OpenedObservationSchema,
]);

export type FormField = z.infer<typeof FormFieldSchema>;
export type SetCookie = z.infer<typeof SetCookieSchema>;
export type RequestObservation = z.infer<typeof RequestObservationSchema>;
export type ResponseObservation = z.infer<typeof ResponseObservationSchema>;
export type NavigationObservation = z.infer<typeof NavigationObservationSchema>;
export type OpenedObservation = z.infer<typeof OpenedObservationSchema>;
export type Observation = z.infer<typeof ObservationSchema>;
