import { ProfileIdSchema, ProfileOverridesSchema } from '../profiles/profile-schema';
import { parseUrl } from '../url/parse-url';
import { z } from '../zod';

/** A redirect URI the user works on, compared character for character with what apps send. */
export const RegisteredRedirectSchema = z.object({
  uri: z.string().refine((uri) => parseUrl(uri).ok, 'must be an absolute URI, e.g. https://app.example/callback')
    .refine((uri) => !uri.includes('#'), 'a redirect URI must not contain a fragment (RFC 6749 s3.1.2)'),
  /** The provider profile of flows to this URI; without one it is detected from the authorization host. */
  profile: ProfileIdSchema.optional(),
  label: z.string().max(80).optional(),
  overrides: ProfileOverridesSchema.default({}),
});

export const SettingsSchema = z.object({
  redirectUris: z.array(RegisteredRedirectSchema).default([]),
  /** Per-profile overrides that apply to every flow of that profile. */
  profileOverrides: z.partialRecord(ProfileIdSchema, ProfileOverridesSchema).default({}),
  /** Use this profile for every flow instead of choosing one (the CLI's --profile). */
  forceProfile: ProfileIdSchema.optional(),
});

export type RegisteredRedirect = z.infer<typeof RegisteredRedirectSchema>;
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
