import type { Profile, ProfileId, ProfileValues } from './profile-schema';

const RFC6749_DEFAULTS: ProfileValues = {
  // RFC 6749 s4.1.2: "A maximum authorization code lifetime of 10 minutes is RECOMMENDED."
  codeLifetimeSeconds: 600,
  minStateLength: 8,
  allowedResponseTypes: null,
  requireHttpsRedirect: false,
  sendsIss: false,
  callbackEvents: null,
  eventsWithCode: [],
  requirePar: false,
};

export const BUILTIN_PROFILES: Readonly<Record<ProfileId, Profile>> = {
  akoya: {
    id: 'akoya',
    name: 'Akoya',
    source: 'Akoya authorization request: codes expire in 5 minutes, response_type=code only, state of 8+ characters, HTTPS redirect URIs registered exactly',
    authorizationHosts: ['akoya.com'],
    values: { ...RFC6749_DEFAULTS, codeLifetimeSeconds: 300, allowedResponseTypes: ['code'], requireHttpsRedirect: true },
  },
  akahu: {
    id: 'akahu',
    name: 'Akahu',
    source: 'Akahu OAuth2 guide: exchange the code within 60 seconds; event = ACCEPT, UPDATE or REVOKE, a code only with ACCEPT and UPDATE',
    authorizationHosts: ['akahu.nz', 'akahu.io'],
    values: {
      ...RFC6749_DEFAULTS,
      codeLifetimeSeconds: 60,
      allowedResponseTypes: ['code'],
      callbackEvents: ['ACCEPT', 'UPDATE', 'REVOKE'],
      eventsWithCode: ['ACCEPT', 'UPDATE'],
    },
  },
  op: {
    id: 'op',
    name: 'OP',
    source: 'OP APIs: OAuth 2.0 and OpenID Connect, authorization-code grant',
    authorizationHosts: ['op.fi'],
    values: RFC6749_DEFAULTS,
  },
  oauth2: {
    id: 'oauth2',
    name: 'Generic OAuth 2.0',
    source: 'RFC 6749 and the OAuth 2.0 Security BCP (RFC 9700)',
    authorizationHosts: [],
    values: RFC6749_DEFAULTS,
  },
  oidc: {
    id: 'oidc',
    name: 'Generic OpenID Connect',
    source: 'OpenID Connect Core 1.0 on top of RFC 6749',
    authorizationHosts: [],
    values: RFC6749_DEFAULTS,
  },
  fapi2: {
    id: 'fapi2',
    name: 'FAPI 2.0',
    source:
      'FAPI 2.0 Security Profile (final) s5.3: PAR required, response_type=code only, iss in every response (RFC 9207), codes live at most 60 s, https redirect URIs, PKCE S256, 303 after a credentials POST',
    // Open-finance ecosystems (UK Open Banking, Australia CDR, Brazil Open Finance) build on it: chosen by registration, never guessed.
    authorizationHosts: [],
    values: {
      ...RFC6749_DEFAULTS,
      codeLifetimeSeconds: 60,
      allowedResponseTypes: ['code'],
      requireHttpsRedirect: true,
      sendsIss: true,
      requirePar: true,
    },
  },
};
