import { SetCookieSchema } from '../observation/observation-schema';
import { ParamSchema } from '../params/param-schema';
import { z } from '../zod';

/** One step of a flow as the browser made it: a request and, once known, what came back. */
export const HopSchema = z.object({
  time: z.number(),
  url: z.string(),
  method: z.string().optional(),
  status: z.number().int().optional(),
  location: z.string().optional(),
  error: z.string().optional(),
  requestId: z.string().optional(),
});

/** The navigation that started a flow: a URL carrying `client_id` with `response_type` or `request_uri`. */
export const AuthorizationRequestRecordSchema = z.object({
  time: z.number(),
  url: z.string(),
  method: z.string(),
  params: z.array(ParamSchema),
  /** `redirect_uri` normalised to scheme://host:port/path, cached because every request is matched against it. */
  redirectBase: z.string().optional(),
});

/** One arrival at the redirect URI. A flow normally has one; more means the code was replayed. */
export const CallbackRecordSchema = z.object({
  time: z.number(),
  url: z.string(),
  method: z.string(),
  params: z.array(ParamSchema),
  status: z.number().int().optional(),
  error: z.string().optional(),
  requestId: z.string().optional(),
  /** The names of the cookies its request sent; absent: its headers were not visible. */
  cookieNames: z.array(z.string()).optional(),
});

/**
 * A cookie the client's origin set as its flow started (on the page that sent the browser to the
 * authorization endpoint, or while the flow was at the server), without its value: what the
 * callback should bring back.
 */
export const ClientCookieSchema = SetCookieSchema.extend({
  time: z.number(),
  /** The host of the response that set it: the cookie's host when it names no Domain. */
  host: z.string(),
  /**
   * The origin of that response (scheme, host and port). Cookies do not tell ports apart, so an
   * authorization server on another port of the client's host shares its jar: the origin is what
   * tells the client's cookies from the server's. Absent in flows stored before: the host then.
   */
  origin: z.string().optional(),
  /** The directory of the URL that set it: the cookie's path when it names no Path (RFC 6265bis). */
  defaultPath: z.string(),
});

/**
 * The page posting a code to the token endpoint (`grant_type=authorization_code`), as single-page
 * and native-style clients do from the browser; a server-side client's exchange is out of sight.
 */
export const TokenExchangeSchema = z.object({
  time: z.number(),
  url: z.string(),
  requestId: z.string().optional(),
  code: z.string(),
  codeVerifier: z.string().optional(),
  redirectUri: z.string().optional(),
  clientId: z.string().optional(),
  /** `client_secret` was in the body. */
  clientSecret: z.boolean(),
  /** The scheme of the Authorization header it sent (`Basic` carries a client secret). */
  authScheme: z.string().optional(),
  /** What the token endpoint answered: its status (0: no answer), and the error its body names. */
  status: z.number().int().optional(),
  answeredAt: z.number().optional(),
  error: z.string().optional(),
  oauthError: z.object({ error: z.string(), description: z.string().optional() }).optional(),
});

/**
 * Where a flow ran: the tab's top frame, an iframe inside it (a `prompt=none` silent renewal), or a
 * popup window another tab opened (a "sign in with" popup). Each is a flow of its own; a popup's
 * flow is shown with the tab that opened it.
 */
export const FlowContextSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tab') }),
  z.object({ kind: z.literal('iframe'), frameId: z.number().int() }),
  z.object({ kind: z.literal('popup'), openerTabId: z.number().int() }),
]);

export const FlowSchema = z.object({
  id: z.string(),
  tabId: z.number().int(),
  /** Absent in flows stored before contexts were told apart: those ran in a tab. */
  context: FlowContextSchema.default({ kind: 'tab' }),
  startedAt: z.number(),
  updatedAt: z.number(),
  request: AuthorizationRequestRecordSchema.optional(),
  /** Every hop from the authorization request to the callback, in order. */
  hops: z.array(HopSchema),
  /** Hops beyond the per-flow limit, counted rather than kept. */
  hopsDropped: z.number().int().min(0),
  callbacks: z.array(CallbackRecordSchema),
  /** The client's own redirects after the callback, until its app lands on a page (absent: none seen). */
  landing: z.array(HopSchema).optional(),
  /** Its code posted to the token endpoint by the page, in order (absent: none seen). */
  exchanges: z.array(TokenExchangeSchema).optional(),
  /** The cookies its client set before the callback, in order (absent: none seen). */
  cookies: z.array(ClientCookieSchema).optional(),
});

/**
 * Per tab (key "tabId") and per iframe (key "tabId:frameId"): the URL a redirect just announced,
 * so the request that follows it is not counted twice; the tab that opened this one, if any; the
 * flow whose callback the client is still redirecting away from; and the cookies set on the way.
 */
export const TabCursorSchema = z.object({
  expect: z.string().optional(),
  openerTabId: z.number().int().optional(),
  landing: z.string().optional(),
  /** The cookies the latest responses of one host set here, for the flow this frame may start next. */
  cookies: z.array(ClientCookieSchema).optional(),
});

/** Everything correlation knows, as plain JSON: it can be saved and restored between any two events. */
export const FlowStateSchema = z.object({
  version: z.literal(1),
  nextSeq: z.number().int().min(1),
  flows: z.array(FlowSchema),
  tabs: z.record(z.string(), TabCursorSchema),
});

export type Hop = z.infer<typeof HopSchema>;
export type AuthorizationRequestRecord = z.infer<typeof AuthorizationRequestRecordSchema>;
export type CallbackRecord = z.infer<typeof CallbackRecordSchema>;
export type TokenExchange = z.infer<typeof TokenExchangeSchema>;
export type ClientCookie = z.infer<typeof ClientCookieSchema>;
export type FlowContext = z.infer<typeof FlowContextSchema>;
export type Flow = z.infer<typeof FlowSchema>;
export type TabCursor = z.infer<typeof TabCursorSchema>;
export type FlowState = z.infer<typeof FlowStateSchema>;

export function createFlowState(): FlowState {
  return { version: 1, nextSeq: 1, flows: [], tabs: {} };
}
