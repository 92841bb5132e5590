// The sandbox over plain HTTP, no browser: what it binds, serves and refuses.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../src/core/index';
import { closeServer, listenOnLoopback, portOf } from '../../src/sandbox/loopback-server';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox?.close();
});

const get = (url: string) => fetch(url, { redirect: 'manual' });

describe('startSandbox', () => {
  it('binds the demo app and one issuer per personality, all on 127.0.0.1 and distinct', () => {
    const origins = [sandbox.demoUrl, ...Object.values(sandbox.issuers)].map((url) => new URL(url));
    expect(origins.every(({ hostname }) => hostname === '127.0.0.1')).toBe(true);
    expect(new Set(origins.map(({ port }) => port)).size).toBe(5);
    expect(sandbox.hostMap).toEqual({ 'client.example.test': '127.0.0.1' });
  });

  it('lists every scenario on the demo page and serves the settings it prints', async () => {
    const page = await (await get(sandbox.demoUrl)).text();
    for (const { startUrl } of sandbox.scenarios) expect(page).toContain(`href="${startUrl}"`);
    const settings = await (await get(`${sandbox.demoUrl}settings.json`)).json();
    expect(SettingsSchema.parse(settings)).toEqual(sandbox.settingsForExtension);
  });

  it('sends the browser to the Akoya issuer with connector=mikomo first and state, PKCE and nonce', async () => {
    const response = await get(sandbox.scenarios.find(({ id }) => id === 'akoya/clean')!.startUrl);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(sandbox.issuers.akoya);
    expect([...location.searchParams.keys()][0]).toBe('connector');
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      connector: 'mikomo',
      response_type: 'code',
      scope: 'openid offline_access',
      code_challenge_method: 'S256',
      state: expect.stringMatching(/^[\w-]{32}$/),
      nonce: expect.any(String),
    });
  });

  it('pushes Akahu requests first: the browser gets client_id and request_uri only', async () => {
    const response = await get(sandbox.scenarios.find(({ id }) => id === 'akahu/clean')!.startUrl);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(sandbox.issuers.akahu);
    expect([...location.searchParams.keys()]).toEqual(['client_id', 'request_uri']);
    expect(location.searchParams.get('request_uri')).toMatch(/^urn:ietf:params:oauth:request_uri:/);
  });

  describe('the client patterns real apps show', () => {
    const start = (id: string, query = '') => get(`${sandbox.scenarios.find((scenario) => scenario.id === id)!.startUrl}${query}`);
    const authParams = async (response: Response) => Object.fromEntries(new URL(response.headers.get('location')!).searchParams);

    it('asks for the consent page in a first round only; a renewal asks for none with prompt=none', async () => {
      expect(await authParams(await start('oidc/form-post-pair'))).toMatchObject({ prompt: 'consent', response_mode: 'form_post' });
      expect(await authParams(await start('oidc/fragment-pair', '?round=2'))).not.toHaveProperty('prompt');
      expect(await authParams(await start('oidc/silent-renewal', '?round=2'))).toMatchObject({ prompt: 'none' });
    });

    it('starts a popup login on a page with a button that opens the flow in a popup window', async () => {
      const page = await (await start('oidc/popup-login')).text();
      expect(page).toContain('id="sign-in-popup"');
      expect(page).toContain('window.open(');
      expect((await start('oidc/popup-login', '?in-popup')).status).toBe(302);
    });

    it('serves the bare redirect URI as a page whose script reads the fragment', async () => {
      const response = await get(`${sandbox.demoUrl}oidc/callback`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('location.hash');
    });

    it('re-enters the authorization endpoint with the same request and &continue after its own sign-in page', async () => {
      const authorize = new URL((await start('oidc/reentry')).headers.get('location')!);
      const signIn = await get(authorize.href);
      expect(signIn.status).toBe(200);
      expect(await signIn.text()).toContain('name="login"');
      const posted = await fetch(`${sandbox.issuers.oidc}/sandbox-sign-in`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ request: authorize.search.slice(1), login: 'alice', password: 'x' }),
      });
      expect(posted.status).toBe(302);
      expect(posted.headers.get('location')).toBe(`/auth${authorize.search}&continue`);
    });

    it('refuses a valid callback of the client-rejects scenario with 403, without redeeming its code', async () => {
      const authorize = new URL((await start('oidc/client-rejects')).headers.get('location')!);
      const state = authorize.searchParams.get('state')!;
      const callback = await get(`${authorize.searchParams.get('redirect_uri')}?code=not-redeemed&state=${state}`);
      expect(callback.status).toBe(403);
      expect(sandbox.arrivals.at(-1)).toMatchObject({ status: 403, verdict: { kind: 'rejected' } });
      expect(sandbox.arrivals.at(-1)).not.toHaveProperty('exchange');
    });
  });

  it('answers an unknown scenario with 404', async () => {
    expect((await get(`${sandbox.demoUrl}start/akoya/revoke`)).status).toBe(404);
  });

  describe('the authorization servers refuse what their provider refuses', () => {
    const redirect = (id: string) => sandbox.redirectUris.find(({ personality, loopback }) => personality === id && loopback)!.uri;
    const authorize = (id: 'akoya' | 'akahu', params: Record<string, string>) =>
      get(`${sandbox.issuers[id]}/auth?${new URLSearchParams({ response_type: 'code', redirect_uri: redirect(id), state: 'abcdefgh12345678', ...params })}`);

    it('Akoya: a request without connector=mikomo comes back with invalid_request', async () => {
      const response = await authorize('akoya', { client_id: 'sandbox-akoya-app', scope: 'openid' });
      const callback = new URL(response.headers.get('location')!);
      expect(callback.href.startsWith(redirect('akoya'))).toBe(true);
      expect(Object.fromEntries(callback.searchParams)).toMatchObject({
        error: 'invalid_request',
        error_description: 'connector must be mikomo in this sandbox',
        iss: sandbox.issuers.akoya,
      });
    });

    it('Akahu: an inline request, not pushed first, is refused', async () => {
      const response = await authorize('akahu', { client_id: 'app_token_sandbox', scope: 'ENDURING_CONSENT' });
      expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    });
  });
});

describe('listenOnLoopback', () => {
  let holder: Server;

  beforeAll(async () => {
    holder = await listenOnLoopback();
  });

  afterAll(async () => {
    await closeServer(holder);
  });

  it('falls back to a free port when the fixed one is taken', async () => {
    const taken = portOf(holder);
    const server = await listenOnLoopback(taken);
    try {
      expect(portOf(server)).not.toBe(taken);
      expect(server.address()).toMatchObject({ address: '127.0.0.1' });
    } finally {
      await closeServer(server);
    }
  });

  it('does not hide other errors behind a fallback', async () => {
    await expect(listenOnLoopback(70_000)).rejects.toThrow(/port/i);
  });
});
