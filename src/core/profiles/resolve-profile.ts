import type { Flow } from '../flows/flow-schema';
import { getParam } from '../params/param-list';
import type { RegisteredRedirect, Settings } from '../settings/settings-schema';
import { parseUrl, urlBase } from '../url/parse-url';
import { splitUrl } from '../url/split-url';
import { z } from '../zod';
import { BUILTIN_PROFILES } from './builtin-profiles';
import { ProfileIdSchema, ProfileValuesSchema, type ProfileId } from './profile-schema';

export const ProfileChoiceSchema = z.enum(['forced', 'registration', 'host', 'scope', 'default']);

/** The profile a flow is checked against, with every override applied, and why it was chosen. */
export const ResolvedProfileSchema = z.object({
  id: ProfileIdSchema,
  name: z.string(),
  chosenBy: ProfileChoiceSchema,
  values: ProfileValuesSchema,
});

export type ResolvedProfile = z.infer<typeof ResolvedProfileSchema>;

/** The registered redirect URI a flow used: the exact `redirect_uri`, else the one its callback reached. */
export function findRegistration(flow: Flow, settings: Settings): RegisteredRedirect | undefined {
  const redirectUri = flow.request ? getParam(flow.request.params, 'redirect_uri') : undefined;
  const exact = settings.redirectUris.find(({ uri }) => uri === redirectUri);
  if (exact) return exact;
  const base = flow.request?.redirectBase ?? (flow.callbacks[0] && splitUrl(flow.callbacks[0].url).base);
  return base === undefined ? undefined : settings.redirectUris.find(({ uri }) => urlBase(uri) === base);
}

export function resolveProfile(flow: Flow, settings: Settings, registration?: RegisteredRedirect): ResolvedProfile {
  const [id, chosenBy] = chooseProfile(flow, settings, registration);
  const profile = BUILTIN_PROFILES[id];
  return {
    id,
    name: profile.name,
    chosenBy,
    values: { ...profile.values, ...settings.profileOverrides[id], ...registration?.overrides },
  };
}

function chooseProfile(flow: Flow, settings: Settings, registration?: RegisteredRedirect): [ProfileId, ResolvedProfile['chosenBy']] {
  if (settings.forceProfile) return [settings.forceProfile, 'forced'];
  if (registration?.profile) return [registration.profile, 'registration'];
  const host = flow.request && hostOf(flow.request.url);
  const byHost =
    host && Object.values(BUILTIN_PROFILES).find((profile) => profile.authorizationHosts.some((known) => host === known || host.endsWith(`.${known}`)));
  if (byHost) return [byHost.id, 'host'];
  const scope = flow.request ? getParam(flow.request.params, 'scope') : undefined;
  if (scope?.split(' ').includes('openid')) return ['oidc', 'scope'];
  return ['oauth2', 'default'];
}

function hostOf(url: string): string | undefined {
  const parsed = parseUrl(url);
  return parsed.ok ? parsed.url.hostname.toLowerCase() : undefined;
}
