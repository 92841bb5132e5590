import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../src/core/index';
import { PERSONALITY_IDS } from '../../src/sandbox/personalities';
import { sandboxRedirectUris, settingsForExtension } from '../../src/sandbox/sandbox-settings';
import { findingIds, goodCallback, goodRequest, runScenario } from '../support/scenario';

const ISSUERS = { akoya: 'http://127.0.0.1:47101', akahu: 'http://127.0.0.1:47102', oidc: 'http://127.0.0.1:47103', spa: 'http://127.0.0.1:47104' };
const redirectUris = sandboxRedirectUris(47100);
const settings = settingsForExtension(redirectUris, ISSUERS);

describe('the sandbox redirect URIs', () => {
  it('are a loopback and a client.example.test URI per personality, all on the demo port', () => {
    expect(redirectUris.map(({ uri }) => uri)).toEqual(
      PERSONALITY_IDS.flatMap((id) => [`http://127.0.0.1:47100/${id}/callback`, `http://client.example.test:47100/${id}/callback`]),
    );
  });
});

describe('settingsForExtension', () => {
  it('survives the JSON a user imports, as valid settings', () => {
    const imported = SettingsSchema.safeParse(JSON.parse(JSON.stringify(settings)));
    expect(imported.success).toBe(true);
    expect(imported.data).toEqual(settings);
  });

  it('registers every redirect URI with its profile, issuer and authorization server', () => {
    expect(settings.redirectUris).toHaveLength(redirectUris.length);
    for (const [index, { uri, profile, personality }] of redirectUris.entries()) {
      expect(settings.redirectUris[index]).toMatchObject({
        uri,
        profile,
        overrides: { sendsIss: true, issuer: ISSUERS[personality] },
        authorizationServers: [ISSUERS[personality]],
      });
    }
  });

  it("turns off Akoya's https requirement for its loopback URI only", () => {
    const akoya = settings.redirectUris.filter(({ profile }) => profile === 'akoya');
    expect(akoya.map(({ overrides }) => overrides.requireHttpsRedirect)).toEqual([false, undefined]);
    expect(settings.redirectUris.filter(({ profile }) => profile !== 'akoya').every(({ overrides }) => overrides.requireHttpsRedirect === undefined)).toBe(
      true,
    );
  });

  describe('applied to an Akoya flow', () => {
    const akoyaFlow = (redirectUri: string, iss = ISSUERS.akoya) =>
      runScenario(
        {
          request: goodRequest({ redirect_uri: redirectUri, connector: 'mikomo' }).replace('https://as.example.com/authorize', `${ISSUERS.akoya}/auth`),
          callbacks: [goodCallback({ iss }, redirectUri)],
        },
        settings,
      );

    it('passes the loopback redirect URI and picks the Akoya profile by registration', () => {
      const flow = akoyaFlow(redirectUris[0]!.uri);
      expect(flow.profile).toMatchObject({ id: 'akoya', chosenBy: 'registration', values: { codeLifetimeSeconds: 300 } });
      expect(findingIds(flow)).toEqual([]);
    });

    it('flags the plain-http non-loopback redirect URI', () => {
      expect(findingIds(akoyaFlow(redirectUris[1]!.uri))).toEqual(['redirect-not-https']);
    });

    it('compares iss exactly with the sandbox issuer', () => {
      expect(findingIds(akoyaFlow(redirectUris[0]!.uri, ISSUERS.oidc))).toEqual(['iss-mismatch']);
    });
  });
});
