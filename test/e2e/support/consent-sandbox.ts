// A consent sandbox on 127.0.0.1 for real-browser tests: a certified authorization server
// (oidc-provider, with its real login and consent pages) and a small relying party that starts
// flows the way an app does. Built to grow: clients, their redirect hosts and request extras are
// options, and the relying party is one handler per route.
//
//   RP /login?client=ID  --302-->  AS /auth?...  (login page, consent page)  --303-->  RP /callback?code&state&iss
//
// Recipes and pitfalls: /work/shared/reference/browser-testing.md.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientMetadata, Configuration } from 'oidc-provider';

/** One client the relying party acts for. */
export interface SandboxClientOptions {
  clientId: string;
  /**
   * Host name in the client's redirect URI (default 127.0.0.1). Any other name must be mapped to
   * 127.0.0.1 in the browser: `sandboxHostMap(sandbox)` gives the mappings.
   */
  redirectHost?: string;
  /** `scope` of the authorization request (default "openid"). */
  scope?: string;
  /** `prompt` of the authorization request, e.g. "consent" to show the consent page every time. */
  prompt?: string;
  /** Push the parameters first (PAR, RFC 9126) and send only client_id and request_uri. */
  par?: boolean;
  /** Extra authorization-request parameters, e.g. a provider's own. */
  extraParams?: Record<string, string>;
}

export interface ConsentSandboxOptions {
  /** Default: one client, "sandbox-client", with a 127.0.0.1 redirect URI. */
  clients?: SandboxClientOptions[];
  /** Authorization code lifetime in seconds (oidc-provider's default is 60). */
  codeTtlSeconds?: number;
}

export interface SandboxClient {
  clientId: string;
  /** The registered redirect URI, exactly as the authorization request sends it. */
  redirectUri: string;
  /** Open this in the browser to start a flow. */
  loginUrl: string;
}

/** What the relying party saw at its callback, newest last. */
export interface CallbackArrival {
  clientId?: string;
  params: Record<string, string>;
  /** Whether the state matched one the relying party issued (and had not used yet). */
  stateKnown: boolean;
}

export interface ConsentSandbox {
  /** The authorization server's issuer identifier, e.g. http://127.0.0.1:PORT. */
  issuer: string;
  /** The relying party's origin on 127.0.0.1. */
  clientUrl: string;
  clients: Record<string, SandboxClient>;
  /** The first client's login URL: where a default flow starts. */
  loginUrl: string;
  callbacks: CallbackArrival[];
  close(): Promise<void>;
}

const DEFAULT_CLIENT: SandboxClientOptions = { clientId: 'sandbox-client' };
const LOOPBACK = '127.0.0.1';

export async function startConsentSandbox(options: ConsentSandboxOptions = {}): Promise<ConsentSandbox> {
  const clientOptions = options.clients ?? [DEFAULT_CLIENT];
  // Bind both servers first: redirect matching is exact, port included, and the issuer names its port.
  const asServer = await listen();
  const rpServer = await listen();
  try {
    const issuer = `http://${LOOPBACK}:${portOf(asServer)}`;
    const rpPort = portOf(rpServer);
    const clientUrl = `http://${LOOPBACK}:${rpPort}`;

    const clients: Record<string, SandboxClient & { options: SandboxClientOptions; secret: string }> = {};
    for (const client of clientOptions) {
      clients[client.clientId] = {
        clientId: client.clientId,
        redirectUri: `http://${client.redirectHost ?? LOOPBACK}:${rpPort}/callback`,
        loginUrl: `${clientUrl}/login?client=${encodeURIComponent(client.clientId)}`,
        options: client,
        secret: randomBytes(24).toString('base64url'),
      };
    }

    const provider = await createProvider(issuer, Object.values(clients).map((client): ClientMetadata => ({
      client_id: client.clientId,
      client_secret: client.secret,
      redirect_uris: [client.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })), options);
    asServer.on('request', provider.callback());

    const relyingParty = createRelyingParty({ issuer, clients });
    rpServer.on('request', (req, res) => {
      relyingParty.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`relying party error: ${error instanceof Error ? error.message : String(error)}`);
      });
    });

    const first = Object.values(clients)[0]!;
    return {
      issuer,
      clientUrl,
      clients: Object.fromEntries(Object.values(clients).map(({ clientId, redirectUri, loginUrl }) => [clientId, { clientId, redirectUri, loginUrl }])),
      loginUrl: first.loginUrl,
      callbacks: relyingParty.callbacks,
      close: () => Promise.all([close(asServer), close(rpServer)]).then(() => {}),
    };
  } catch (error) {
    await Promise.all([close(asServer), close(rpServer)]);
    throw error;
  }
}

/**
 * Chromium host mappings for the sandbox's non-loopback redirect hosts (the URL's port is kept):
 * for `launchChromiumWithExtension({ hostMap })`, `recordHar(..., { hostMap })` or `chromiumArgs`.
 */
export function sandboxHostMap(sandbox: Pick<ConsentSandbox, 'clients'>): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { redirectUri } of Object.values(sandbox.clients)) {
    const { hostname } = new URL(redirectUri);
    if (hostname !== LOOPBACK && hostname !== 'localhost') map[hostname] = LOOPBACK;
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// Authorization server

async function createProvider(issuer: string, clients: ClientMetadata[], options: ConsentSandboxOptions) {
  // Imported here: on node 20 the module prints an "Unsupported runtime" warning when loaded.
  const { default: Provider } = await import('oidc-provider');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const configuration: Configuration = {
    clients,
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'sandbox', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: {
      devInteractions: { enabled: true },
      pushedAuthorizationRequests: { enabled: true },
    },
    // S256 only, for every client (confidential ones too).
    pkce: { required: () => true },
    // Every ttl and the account lookup set, so oidc-provider does not print a notice for each default.
    ttl: { AuthorizationCode: options.codeTtlSeconds ?? 60, Interaction: 600, Session: 3600, Grant: 3600, IdToken: 3600, AccessToken: 3600 },
    // The dev login page accepts any login: it becomes the subject.
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
  };
  return new Provider(issuer, configuration);
}

// ---------------------------------------------------------------------------------------------
// Relying party

interface PendingFlow {
  clientId: string;
  codeVerifier: string;
  nonce: string;
}

interface RelyingPartyConfig {
  issuer: string;
  clients: Record<string, SandboxClient & { options: SandboxClientOptions; secret: string }>;
}

function createRelyingParty({ issuer, clients }: RelyingPartyConfig) {
  // A real app keeps these in the user's session; the sandbox serves one browser at a time.
  const pending = new Map<string, PendingFlow>();
  const callbacks: CallbackArrival[] = [];

  /** Routes take the request URL and, for a POSTed form (response_mode=form_post), its fields. */
  const routes: Record<string, (url: URL, res: ServerResponse, form?: URLSearchParams) => Promise<void> | void> = {
    '/': (_url, res) => {
      const links = Object.values(clients).map((client) => `<li><a href="${escapeHtml(client.loginUrl)}">Connect with ${escapeHtml(client.clientId)}</a></li>`);
      sendHtml(res, 200, 'Sandbox app', `<ul>${links.join('')}</ul>`);
    },

    async '/login'(url, res) {
      const client = clients[url.searchParams.get('client') ?? Object.keys(clients)[0]!];
      if (!client) return sendHtml(res, 404, 'Unknown client', '<p>No such client.</p>');
      const state = randomBytes(24).toString('base64url');
      const nonce = randomBytes(16).toString('base64url');
      const codeVerifier = randomBytes(32).toString('base64url');
      pending.set(state, { clientId: client.clientId, codeVerifier, nonce });
      const params: Record<string, string> = {
        client_id: client.clientId,
        response_type: 'code',
        redirect_uri: client.redirectUri,
        scope: client.options.scope ?? 'openid',
        state,
        nonce,
        code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
        code_challenge_method: 'S256',
        ...(client.options.prompt !== undefined && { prompt: client.options.prompt }),
        ...client.options.extraParams,
      };
      const query = client.options.par ? { client_id: client.clientId, request_uri: await pushRequest(issuer, client, params) } : params;
      res.writeHead(302, { location: `${issuer}/auth?${new URLSearchParams(query)}`, 'cache-control': 'no-store' });
      res.end();
    },

    '/callback'(url, res, form) {
      const params = Object.fromEntries(form ?? url.searchParams);
      const flow = params.state === undefined ? undefined : pending.get(params.state);
      if (flow) pending.delete(params.state!);
      callbacks.push({ ...(flow && { clientId: flow.clientId }), params, stateKnown: flow !== undefined });
      const rows = Object.entries(params).map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`);
      const title = params.error !== undefined ? 'Authorization failed' : flow ? 'Connected' : 'Unknown state';
      sendHtml(res, flow ? 200 : 400, title, `<table id="callback-params">${rows.join('')}</table>`);
    },
  };

  return {
    callbacks,
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? LOOPBACK}`);
      const route = routes[url.pathname];
      if (req.method === 'GET' && route) return route(url, res);
      if (req.method === 'POST' && url.pathname === '/callback') return route!(url, res, new URLSearchParams(await readBody(req)));
      sendHtml(res, 404, 'Not found', '');
    },
  };
}

/** PAR: the parameters go server to server; the browser only carries the returned request_uri. */
async function pushRequest(issuer: string, client: { clientId: string; secret: string }, params: Record<string, string>): Promise<string> {
  const response = await fetch(`${issuer}/request`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.secret)}`).toString('base64')}`,
    },
    body: new URLSearchParams(params),
  });
  const body = (await response.json()) as { request_uri?: string; error?: string; error_description?: string };
  if (!response.ok || body.request_uri === undefined) throw new Error(`PAR failed: ${body.error ?? response.status} ${body.error_description ?? ''}`);
  return body.request_uri;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendHtml(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// ---------------------------------------------------------------------------------------------
// Servers

function listen(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve(server));
  });
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Browsers keep connections alive; do not wait for them.
    server.closeAllConnections();
  });
}
