import { FindingSchema } from '../checks/rule';
import { SeveritySchema } from '../checks/rule-ids';
import { ClientCookieSchema, FlowContextSchema, HopSchema, TokenExchangeSchema } from '../flows/flow-schema';
import { AuthorizationRequestFieldsSchema, CallbackFieldsSchema } from '../flows/read-fields';
import { DecodedJwtSchema } from '../jwt/decode-jwt';
import { ParamSchema } from '../params/param-schema';
import { ResolvedProfileSchema } from '../profiles/resolve-profile';
import { z } from '../zod';

/**
 * How the flow ended: `rejected` is a callback the client answered with 4xx/5xx, or redirected on
 * to a page of its own naming an error, whatever the authorization server sent; `unknown` a
 * callback with none of code, token or error.
 */
export const OutcomeSchema = z.enum(['pending', 'success', 'rejected', 'denied', 'error', 'revoked', 'unknown']);

export const SeverityCountsSchema = z.object(
  Object.fromEntries(SeveritySchema.options.map((severity) => [severity, z.number().int().min(0)])) as Record<z.infer<typeof SeveritySchema>, z.ZodNumber>,
);

export const RequestReportSchema = z.object({
  time: z.number(),
  url: z.string(),
  method: z.string(),
  params: z.array(ParamSchema),
  fields: AuthorizationRequestFieldsSchema,
});

export const CallbackReportSchema = z.object({
  time: z.number(),
  url: z.string(),
  method: z.string(),
  status: z.number().int().optional(),
  error: z.string().optional(),
  params: z.array(ParamSchema),
  fields: CallbackFieldsSchema,
  idToken: DecodedJwtSchema.optional(),
  /** The names of the cookies its request sent (never their values); absent: not visible. */
  cookieNames: z.array(z.string()).optional(),
});

/** One flow as every consumer sees it: the popup, exports and the CLI. */
export const FlowReportSchema = z.object({
  id: z.string(),
  tabId: z.number().int(),
  context: FlowContextSchema,
  startedAt: z.number(),
  updatedAt: z.number(),
  profile: ResolvedProfileSchema,
  outcome: OutcomeSchema,
  clientId: z.string().optional(),
  redirectUri: z.string().optional(),
  request: RequestReportSchema.optional(),
  hops: z.array(HopSchema),
  hopsDropped: z.number().int().min(0),
  callbacks: z.array(CallbackReportSchema),
  /** The client's own redirects after the callback, until its app landed. */
  landing: z.array(HopSchema),
  /**
   * When the first code arrived, and when it stops being redeemable by the profile's lifetime (ms):
   * only for a flow whose code is there to be exchanged (not a REVOKE's, an error's or a rejected one's).
   */
  codeIssuedAt: z.number().optional(),
  codeExpiresAt: z.number().optional(),
  /** The page's token requests with the flow's code; empty when a server exchanged it, out of the browser's sight. */
  exchanges: z.array(TokenExchangeSchema),
  /** The cookies the client set as the flow started, without their values (absent: none seen). */
  cookies: z.array(ClientCookieSchema).optional(),
  findings: z.array(FindingSchema),
  counts: SeverityCountsSchema,
});

/** A HAR entry that could not be read, and why; the reason names fields, never their values. */
export const UnreadEntrySchema = z.object({ index: z.number().int().min(0), reason: z.string() });

export const AnalysisReportSchema = z.object({
  flows: z.array(FlowReportSchema),
  summary: z.object({
    flows: z.number().int().min(0),
    findings: SeverityCountsSchema,
    /** For a HAR file: how many entries it has, and how many of them could not be read. */
    harEntries: z.number().int().min(0).optional(),
    unreadEntries: z.number().int().min(0).optional(),
  }),
  /** For a HAR file: the first of its unread entries (summary.unreadEntries counts them all). */
  unreadEntries: z.array(UnreadEntrySchema).optional(),
  /** True when secret values (codes, tokens, verifiers, client secrets) were replaced. */
  redacted: z.boolean(),
});

export type Outcome = z.infer<typeof OutcomeSchema>;
export type SeverityCounts = z.infer<typeof SeverityCountsSchema>;
export type FlowReport = z.infer<typeof FlowReportSchema>;
export type UnreadEntry = z.infer<typeof UnreadEntrySchema>;
export type AnalysisReport = z.infer<typeof AnalysisReportSchema>;
