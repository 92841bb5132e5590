// The providers the sandbox imitates. Each one is its own oidc-provider instance with its own
// issuer and port, as real providers are: what differs between them (code lifetime, response
// types, scopes, PAR, Akahu's callback event, Akoya's connector) is server-wide configuration in
// oidc-provider, and distinct issuers are what RFC 9207 `iss` checks and mix-up defences rely on.
import type { ProfileId, ProfileOverrides } from '../core/index';

export const PERSONALITY_IDS = ['akoya', 'akahu', 'oidc', 'spa'] as const;
export type PersonalityId = (typeof PERSONALITY_IDS)[number];

/** Akahu's callback `event` values; only ACCEPT and UPDATE come with a code. */
export type AkahuEvent = 'ACCEPT' | 'UPDATE' | 'REVOKE';

export interface Personality {
  id: PersonalityId;
  name: string;
  /** The Consent Lens profile the sandbox registers its redirect URIs with. */
  profile: ProfileId;
  /** What the sandbox imitates, for the demo page. */
  summary: string;
  clientId: string;
  codeTtlSeconds: number;
  scope: string;
  /** oidc-provider's `scopes`: the ones this server knows (unknown ones are dropped from requests). */
  knownScopes: string[];
  /** Provider parameters every authorization request carries, first. */
  providerParams: Record<string, string>;
  /** The relying party pushes its parameters first (RFC 9126); the browser sees client_id and request_uri. */
  par: boolean;
  /** The event the server adds to a callback when the scenario sets none; undefined: no event. */
  defaultEvent?: AkahuEvent;
  /**
   * A public client (no secret, RFC 6749 s2.1) whose page exchanges the code at the token endpoint
   * itself, as single-page apps do; the others exchange it on the demo app's server.
   */
  exchangesInBrowser?: boolean;
  /**
   * Overrides for the loopback registration. Akoya requires https redirect URIs; the sandbox's
   * are http://127.0.0.1 (RFC 8252 s7.3: loopback traffic never leaves the machine), so its
   * registration turns that requirement off instead of pretending to be https.
   */
  loopbackOverrides: ProfileOverrides;
}

export const PERSONALITIES: Readonly<Record<PersonalityId, Personality>> = {
  akoya: {
    id: 'akoya',
    name: 'Akoya',
    profile: 'akoya',
    summary: 'connector=mikomo, response_type=code only, state of 8+ characters, codes live 5 minutes',
    clientId: 'sandbox-akoya-app',
    codeTtlSeconds: 300,
    scope: 'openid offline_access',
    knownScopes: ['openid', 'offline_access'],
    providerParams: { connector: 'mikomo' },
    par: false,
    loopbackOverrides: { requireHttpsRedirect: false },
  },
  akahu: {
    id: 'akahu',
    name: 'Akahu',
    profile: 'akahu',
    summary: 'pushed authorisation requests, callback event ACCEPT / UPDATE / REVOKE, codes live 60 seconds',
    clientId: 'app_token_sandbox',
    codeTtlSeconds: 60,
    scope: 'ENDURING_CONSENT',
    knownScopes: ['ENDURING_CONSENT'],
    providerParams: {},
    par: true,
    defaultEvent: 'ACCEPT',
    loopbackOverrides: {},
  },
  oidc: {
    id: 'oidc',
    name: 'Generic OpenID Connect',
    profile: 'oidc',
    summary: 'iss in every response (RFC 9207), nonce, PKCE S256, codes live 10 minutes',
    clientId: 'sandbox-oidc-app',
    codeTtlSeconds: 600,
    scope: 'openid',
    knownScopes: ['openid', 'offline_access'],
    providerParams: {},
    par: false,
    loopbackOverrides: {},
  },
  spa: {
    id: 'spa',
    name: 'Single-page app',
    profile: 'oidc',
    summary: 'a public client whose page exchanges the code at the token endpoint itself (PKCE, no secret); codes live 5 seconds',
    clientId: 'sandbox-spa-app',
    // Short, so the late-exchange scenario waits seconds, not minutes; the registration says so.
    codeTtlSeconds: 5,
    scope: 'openid',
    knownScopes: ['openid'],
    providerParams: {},
    par: false,
    exchangesInBrowser: true,
    loopbackOverrides: { codeLifetimeSeconds: 5 },
  },
};

/** Akoya's sandbox data provider: the only connector the Akoya personality accepts. */
export const AKOYA_CONNECTOR = 'mikomo';

/** The non-loopback name faulty scenarios redirect to; browsers map it to 127.0.0.1. */
export const NON_LOOPBACK_HOST = 'client.example.test';
export const LOOPBACK = '127.0.0.1';
