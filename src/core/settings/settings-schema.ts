import { ProfileIdSchema, ProfileOverridesSchema } from '../profiles/profile-schema';
import { parseUrl } from '../url/parse-url';
import { z } from '../zod';

/** A redirect URI the user works on, compared character for character with what apps send. */
export const RegisteredRedirectSchema = z.object({
  uri: z
    .string()
    .refine((uri) => parseUrl(uri).ok, 'must be an absolute URI, e.g. https://app.example/callback')
    .refine((uri) => !uri.includes('#'), 'a redirect URI must not contain a fragment (RFC 6749 s3.1.2)'),
  /** The provider profile of flows to this URI; without one it is detected from the authorization host. */
  profile: ProfileIdSchema.optional(),
  label: z.string().max(80).optional(),
  overrides: ProfileOverridesSchema.default({}),
  /**
   * Authorization server URLs whose hops the extension should also see (it asks for access to
   * their origins); the redirect URI's own origin is always watched.
   */
  authorizationServers: z.array(z.string().refine((uri) => parseUrl(uri).ok, 'must be an absolute URL, e.g. https://login.example.com')).default([]),
});

/** What the extension keeps, and for how long. */
export const CaptureSettingsSchema = z.object({
  /** Keep flows across browser restarts (storage.local, secrets redacted). Off: flows live in memory only. */
  keepHistory: z.boolean().default(false),
  /** The most flows kept; the oldest go first. */
  maxFlows: z.number().int().min(1).max(1000).default(100),
  /** Flows older than this are dropped. */
  maxAgeHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /** The user opted in to watching every site, not only the registered ones. */
  watchAllSites: z.boolean().default(false),
});

export const SettingsSchema = z.object({
  redirectUris: z.array(RegisteredRedirectSchema).default([]),
  /** Per-profile overrides that apply to every flow of that profile. */
  profileOverrides: z.partialRecord(ProfileIdSchema, ProfileOverridesSchema).default({}),
  /** Use this profile for every flow instead of choosing one (the CLI's --profile). */
  forceProfile: ProfileIdSchema.optional(),
  capture: CaptureSettingsSchema.default(CaptureSettingsSchema.parse({})),
});

export type RegisteredRedirect = z.infer<typeof RegisteredRedirectSchema>;
export type CaptureSettings = z.infer<typeof CaptureSettingsSchema>;
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
