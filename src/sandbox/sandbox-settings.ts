// The sandbox's redirect URIs and the Consent Lens settings that register them: what a user
// imports in the options page, and what the tests analyse recorded flows with.
import { SettingsSchema, type ProfileId, type ProfileOverrides, type Settings } from '../core/index';
import { LOOPBACK, NON_LOOPBACK_HOST, PERSONALITIES, PERSONALITY_IDS, type PersonalityId } from './personalities';

export interface SandboxRedirectUri {
  uri: string;
  personality: PersonalityId;
  profile: ProfileId;
  /** http://127.0.0.1 (allowed by RFC 8252), or the plain-http non-loopback name of the faulty scenarios. */
  loopback: boolean;
}

/** Why the sandbox registers this URI as it does, in a few words. */
export function redirectUriNote({ profile, loopback }: Pick<SandboxRedirectUri, 'profile' | 'loopback'>): string {
  if (!loopback) return 'plain http, not loopback: faulty on purpose';
  return profile === 'akoya' ? 'loopback http; Akoya wants https, so requireHttpsRedirect is off' : 'loopback http (RFC 8252)';
}

/** Two redirect URIs per personality, both served by the demo app on `demoPort`. */
export function sandboxRedirectUris(demoPort: number): SandboxRedirectUri[] {
  return PERSONALITY_IDS.flatMap((id) =>
    [LOOPBACK, NON_LOOPBACK_HOST].map((host) => ({
      uri: `http://${host}:${demoPort}/${id}/callback`,
      personality: id,
      profile: PERSONALITIES[id].profile,
      loopback: host === LOOPBACK,
    })),
  );
}

/**
 * Every sandbox redirect URI with its profile, the issuer of its personality (oidc-provider sends
 * `iss` in every response, so `iss-missing` and an exact `iss-mismatch` apply), the authorization
 * server to watch, and for loopback URIs the personality's overrides (Akoya: http allowed).
 * The non-loopback URIs keep their profile's rules: they are the faulty ones.
 */
export function settingsForExtension(redirectUris: readonly SandboxRedirectUri[], issuers: Readonly<Record<PersonalityId, string>>): Settings {
  return SettingsSchema.parse({
    redirectUris: redirectUris.map(({ uri, personality, profile, loopback }) => {
      const issuer = issuers[personality];
      const overrides: ProfileOverrides = { sendsIss: true, issuer, ...(loopback && PERSONALITIES[personality].loopbackOverrides) };
      return {
        uri,
        profile,
        label: `Sandbox ${PERSONALITIES[personality].name}${loopback ? '' : ' (plain http on a non-loopback name)'}`,
        overrides,
        authorizationServers: [issuer],
      };
    }),
  });
}
