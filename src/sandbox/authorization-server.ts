// One personality's authorization server: a real oidc-provider (certified OpenID Connect and
// OAuth 2.0 server, with its development login and consent pages) on its own 127.0.0.1 port,
// plus a thin Koa middleware for what oidc-provider does not do itself: over its final redirect
// (Akahu's `event`, the faulty scenarios' altered state), and a sign-in page of its own in front of
// the authorization endpoint that sends the browser back to it with the same request (re-entry).
import { generateKeyPair, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { promisify } from 'node:util';
import type { Configuration } from 'oidc-provider';
import { portOf } from './loopback-server';
import { LOOPBACK, type Personality } from './personalities';
import { escapeHtml, htmlPage } from './html-page';
import { readBody } from './read-body';
import { callbackQuery, rewriteCallback, type CallbackRewrite } from './rewrite-callback';

/** How the server answers one flow: the scenarios' switch. */
export interface ServerPlan {
  rewrite: CallbackRewrite;
  /** Show the server's own sign-in page first, then re-enter /auth with the same request and `&continue`. */
  reenter: boolean;
}

export interface AuthorizationServer {
  personality: Personality;
  issuer: string;
  clientSecret: string;
  /** Sets how the server answers the flow that carries this state. */
  plan(state: string, plan: ServerPlan): void;
}

/** The server's own sign-in page of the re-entry scenario, and where its form posts. */
const REENTRY_SIGN_IN = '/sandbox-sign-in';

/** Plans of flows abandoned before their callback are dropped, oldest first, past this many. */
const MAX_PLANS = 1000;

/** Serves `personality` on `server` (already bound: the issuer names its port). */
export async function startAuthorizationServer(personality: Personality, server: Server, redirectUris: string[]): Promise<AuthorizationServer> {
  const issuer = `http://${LOOPBACK}:${portOf(server)}`;
  const clientSecret = randomBytes(24).toString('base64url');
  // Imported here: on node 20 the module prints an "Unsupported runtime" warning when loaded.
  const { default: Provider, errors } = await import('oidc-provider');
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });

  const configuration: Configuration = {
    clients: [
      {
        client_id: personality.clientId,
        // A public client has no secret: its page authenticates nothing but the PKCE verifier.
        ...(personality.exchangesInBrowser ? { token_endpoint_auth_method: 'none' } : { client_secret: clientSecret }),
        redirect_uris: redirectUris,
        // oidc-provider offers refresh tokens only with the offline_access scope.
        grant_types: ['authorization_code', ...(personality.knownScopes.includes('offline_access') ? ['refresh_token'] : [])],
        response_types: ['code'],
      },
    ],
    responseTypes: ['code'],
    // A single-page app calls the token endpoint from its page: the redirect URIs' origins may.
    clientBasedCORS: (_ctx: unknown, origin: string, client: { redirectUris: string[] }) =>
      client.redirectUris.some((uri) => URL.canParse(uri) && new URL(uri).origin === origin),
    scopes: personality.knownScopes,
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: `sandbox-${personality.id}`, use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: {
      devInteractions: { enabled: true },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: personality.par },
    },
    // Every ttl set, so oidc-provider does not print a notice for each default.
    ttl: {
      AuthorizationCode: personality.codeTtlSeconds,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      IdToken: 3600,
      AccessToken: 3600,
      RefreshToken: 86_400,
    },
    // The dev login page accepts any login and password: the login becomes the subject.
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
    // A provider parameter is required, with the one value the sandbox knows (Akoya: connector=mikomo).
    extraParams: Object.fromEntries(
      Object.entries(personality.providerParams).map(([name, accepted]) => [
        name,
        (_ctx: unknown, value: string | undefined) => {
          if (value !== accepted) throw new errors.InvalidRequest(`${name} must be ${accepted} in this sandbox${value === undefined ? '' : `, not ${value}`}`);
        },
      ]),
    ),
  };
  const provider = new Provider(issuer, configuration);

  const plans = new Map<string, CallbackRewrite>();
  const reentries = new Set<string>();
  const defaultRewrite: CallbackRewrite = personality.defaultEvent ? { event: personality.defaultEvent } : {};
  provider.use(async (ctx, next) => {
    // Spring Authorization Server's shape: GET /authorize -> its sign-in page -> POST -> 302 to
    // /authorize with the saved request and `&continue`. Here the sign-in accepts anything.
    const requestState = ctx.method === 'GET' && ctx.path === '/auth' ? ctx.query.state : undefined;
    if (typeof requestState === 'string' && reentries.delete(requestState)) {
      ctx.type = 'html';
      ctx.body = reentrySignInPage(ctx.querystring);
      return;
    }
    if (ctx.method === 'POST' && ctx.path === REENTRY_SIGN_IN) {
      const saved = new URLSearchParams(await readBody(ctx.req)).get('request') ?? '';
      ctx.status = 302;
      ctx.redirect(`/auth?${saved}&continue`);
      return;
    }
    await next();
    if (ctx.status < 300 || ctx.status >= 400) return;
    const location = ctx.response.get('location');
    const query = location ? callbackQuery(location, redirectUris) : undefined;
    if (!query) return;
    const state = query.get('state');
    const planned = state === null ? undefined : plans.get(state);
    if (state !== null) plans.delete(state);
    const rewritten = rewriteCallback(location, redirectUris, planned ?? defaultRewrite);
    if (rewritten !== location) ctx.redirect(rewritten);
  });
  server.on('request', provider.callback());

  return {
    personality,
    issuer,
    clientSecret,
    plan(state, { rewrite, reenter }) {
      plans.set(state, rewrite);
      if (plans.size > MAX_PLANS) plans.delete(plans.keys().next().value!);
      if (reenter) reentries.add(state);
    },
  };
}

/** A sign-in page with the controls of oidc-provider's own, so the same drivers answer it. */
function reentrySignInPage(query: string): string {
  return htmlPage(
    'Sign-in',
    `<h1>Sign-in</h1><p>The server's own sign-in page, before it re-enters its authorization endpoint.</p>
    <form method="post" action="${REENTRY_SIGN_IN}">
      <input type="hidden" name="request" value="${escapeHtml(query)}">
      <input name="login" placeholder="any name"> <input name="password" type="password" placeholder="any password">
      <button type="submit">Sign-in</button>
    </form>`,
  );
}
