import { describe, expect, it } from 'vitest';
import type { ProfileId } from '../../../src/core/profiles/profile-schema';
import { findRegistration, resolveProfile, type ResolvedProfile } from '../../../src/core/profiles/resolve-profile';
import { SettingsSchema, type SettingsInput } from '../../../src/core/settings/settings-schema';
import { goodCallback, goodRequest, ingestAll, observationsOf, REDIRECT, url } from '../../support/scenario';

function profileOf(request: string, settings: SettingsInput = {}) {
  const [flow] = ingestAll(observationsOf({ request, callbacks: [goodCallback()] }), settings).flows;
  if (!flow) throw new Error('no flow');
  const parsed = SettingsSchema.parse(settings);
  return resolveProfile(flow, parsed, findRegistration(flow, parsed));
}

const oauthOnly = goodRequest({ scope: 'accounts', nonce: undefined });

describe('resolveProfile', () => {
  it.each<[string, string, SettingsInput, ProfileId, ResolvedProfile['chosenBy']]>([
    ['the forced profile first', goodRequest(), { forceProfile: 'akahu', redirectUris: [{ uri: REDIRECT, profile: 'akoya' }] }, 'akahu', 'forced'],
    ['the registered redirect URI profile', goodRequest(), { redirectUris: [{ uri: REDIRECT, profile: 'akoya' }] }, 'akoya', 'registration'],
    [
      'Akoya from its authorization host',
      url('https://sandbox-idp.ddp.akoya.com/auth', { client_id: 'c', response_type: 'code', redirect_uri: REDIRECT }),
      {},
      'akoya',
      'host',
    ],
    [
      'Akahu from its authorization host',
      url('https://oauth.akahu.nz/', { client_id: 'c', response_type: 'code', redirect_uri: REDIRECT }),
      {},
      'akahu',
      'host',
    ],
    [
      'OP from its authorization host',
      url('https://authorize.op.fi/oauth/authorize', { client_id: 'c', response_type: 'code', redirect_uri: REDIRECT }),
      {},
      'op',
      'host',
    ],
    ['generic OIDC when the scope asks for openid', goodRequest(), {}, 'oidc', 'scope'],
    ['generic OAuth 2.0 otherwise', oauthOnly, {}, 'oauth2', 'default'],
  ])('chooses %s', (_, request, settings, id, chosenBy) => {
    expect(profileOf(request, settings)).toMatchObject({ id, chosenBy });
  });

  it('detects the profile of a registered redirect URI that names none', () => {
    expect(profileOf(goodRequest(), { redirectUris: [{ uri: REDIRECT }] })).toMatchObject({ id: 'oidc', chosenBy: 'scope' });
  });

  it('does not mistake a host that merely ends with a provider name for it', () => {
    expect(profileOf(url('https://notakoya.com/auth', { client_id: 'c', response_type: 'code', redirect_uri: REDIRECT })).id).toBe('oauth2');
  });

  it.each([
    ['akoya', 300],
    ['akahu', 60],
    ['op', 600],
    ['oauth2', 600],
    ['oidc', 600],
  ] as const)('gives %s a code lifetime of %d s', (profile, seconds) => {
    expect(profileOf(goodRequest(), { forceProfile: profile }).values.codeLifetimeSeconds).toBe(seconds);
  });

  it('applies profile overrides, then the registration overrides on top', () => {
    const settings = {
      profileOverrides: { akoya: { codeLifetimeSeconds: 120, minStateLength: 16 } },
      redirectUris: [{ uri: REDIRECT, profile: 'akoya' as const, overrides: { codeLifetimeSeconds: 90 } }],
    };
    expect(profileOf(goodRequest(), settings).values).toMatchObject({ codeLifetimeSeconds: 90, minStateLength: 16 });
  });
});

describe('settings', () => {
  it.each([
    ['a relative redirect URI', { redirectUris: [{ uri: '/callback' }] }, 'must be an absolute URI'],
    ['a redirect URI with a fragment', { redirectUris: [{ uri: 'https://app/cb#x' }] }, 'must not contain a fragment'],
    ['an unknown profile', { redirectUris: [{ uri: 'https://app/cb', profile: 'nope' }] }, 'Invalid option'],
    ['a negative code lifetime', { profileOverrides: { akoya: { codeLifetimeSeconds: -1 } } }, 'Too small'],
  ])('rejects %s with a message', (_, input, message) => {
    const result = SettingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join(' ')).toContain(message);
  });
});
