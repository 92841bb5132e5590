import { z } from '../zod';

export const ProfileIdSchema = z.enum(['akoya', 'akahu', 'op', 'oauth2', 'oidc', 'fapi2']);

/** The values a rule reads from a provider profile; every one can be overridden in settings. */
export const ProfileValuesSchema = z.object({
  /** How long an authorization code stays redeemable, in seconds. */
  codeLifetimeSeconds: z.number().int().positive().max(86_400),
  /** Shorter `state` values raise `state-short`. */
  minStateLength: z.number().int().min(0).max(512),
  /** The `response_type` values the provider accepts; `null` when it accepts any. */
  allowedResponseTypes: z.array(z.string().min(1)).min(1).nullable(),
  /** The provider requires HTTPS redirect URIs, even on loopback. */
  requireHttpsRedirect: z.boolean(),
  /** The server sends `iss` in every authorization response (RFC 9207). */
  sendsIss: z.boolean(),
  /** The issuer identifier `iss` must equal, when known. */
  issuer: z.string().url().optional(),
  /** Values the callback's `event` may take (Akahu); `null` when the provider sends no event. */
  callbackEvents: z.array(z.string().min(1)).nullable(),
  /** The events that come with a code. */
  eventsWithCode: z.array(z.string().min(1)),
  /** Pushed authorization requests are required (RFC 9126): the browser carries only client_id and request_uri. */
  requirePar: z.boolean(),
});

export const ProfileOverridesSchema = ProfileValuesSchema.partial();

export const ProfileSchema = z.object({
  id: ProfileIdSchema,
  name: z.string(),
  /** Where the profile's values come from. */
  source: z.string(),
  /** Host names (or their parent domains) of the provider's authorization servers. */
  authorizationHosts: z.array(z.string()),
  values: ProfileValuesSchema,
});

export type ProfileId = z.infer<typeof ProfileIdSchema>;
export type ProfileValues = z.infer<typeof ProfileValuesSchema>;
export type ProfileOverrides = z.infer<typeof ProfileOverridesSchema>;
export type Profile = z.infer<typeof ProfileSchema>;
