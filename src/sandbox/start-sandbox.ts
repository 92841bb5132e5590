// The local consent sandbox: one oidc-provider per personality (Akoya, Akahu, generic OpenID
// Connect, a single-page app), each on its own 127.0.0.1 port and issuer, and the demo app that runs every scenario.
// Used by `npm start` (start-demo.ts), the real-browser tests and `npm run record-sample`.
// Recipes and pitfalls: /work/shared/reference/browser-testing.md.
import type { Server } from 'node:http';
import type { Settings } from '../core/index';
import { startAuthorizationServer, type AuthorizationServer } from './authorization-server';
import { closeServer, listenOnLoopback, portOf } from './loopback-server';
import { LOOPBACK, NON_LOOPBACK_HOST, PERSONALITIES, PERSONALITY_IDS, type PersonalityId } from './personalities';
import type { CallbackArrival } from './callback-arrival';
import { createRelyingParty } from './relying-party';
import { sandboxRedirectUris, settingsForExtension, type SandboxRedirectUri } from './sandbox-settings';
import { buildScenarios, type Scenario } from './scenarios';

export interface SandboxOptions {
  /**
   * The demo app's port; the authorization servers take the next ports, one per personality (Akoya, Akahu, OpenID
   * Connect, single-page app). A port that is taken falls back to a free one. Default 0: free ports throughout.
   */
  port?: number;
}

export interface Sandbox {
  /** The demo app's page listing every scenario, e.g. http://127.0.0.1:47100/. */
  demoUrl: string;
  issuers: Record<PersonalityId, string>;
  redirectUris: SandboxRedirectUri[];
  scenarios: Scenario[];
  /** Registers every sandbox redirect URI with its profile and overrides (valid SettingsSchema input). */
  settingsForExtension: Settings;
  /** Names the browser must map to 127.0.0.1 (the URL's port is kept): `--host-resolver-rules`. */
  hostMap: Record<string, string>;
  /** The ports actually bound: demo first, then one per personality. */
  ports: { demo: number } & Record<PersonalityId, number>;
  /** Every callback the demo app received, oldest first. */
  arrivals: CallbackArrival[];
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const base = options.port ?? 0;
  const at = (offset: number) => (base === 0 ? 0 : base + offset);
  const servers: Server[] = [];
  const close = () => Promise.all(servers.map(closeServer)).then(() => {});
  try {
    // Bind every server first: redirect URIs are matched exactly, port included, and issuers name their port.
    for (let offset = 0; offset <= PERSONALITY_IDS.length; offset++) servers.push(await listenOnLoopback(at(offset)));
    const [demoServer, ...asServers] = servers as [Server, ...Server[]];
    const demoPort = portOf(demoServer);
    const demoUrl = `http://${LOOPBACK}:${demoPort}/`;
    const redirectUris = sandboxRedirectUris(demoPort);

    const started = await Promise.all(
      PERSONALITY_IDS.map((id, index) =>
        startAuthorizationServer(
          PERSONALITIES[id],
          asServers[index]!,
          redirectUris.filter((uri) => uri.personality === id).map(({ uri }) => uri),
        ),
      ),
    );
    const authorizationServers = Object.fromEntries(started.map((server) => [server.personality.id, server])) as Record<PersonalityId, AuthorizationServer>;
    const issuers = Object.fromEntries(started.map((server) => [server.personality.id, server.issuer])) as Record<PersonalityId, string>;
    const scenarios = buildScenarios(demoUrl, redirectUris);
    const settings = settingsForExtension(redirectUris, issuers);

    const relyingParty = createRelyingParty({ demoUrl, servers: authorizationServers, scenarios, redirectUris, settings });
    demoServer.on('request', (req, res) => {
      relyingParty.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`demo app error: ${error instanceof Error ? error.message : String(error)}`);
      });
    });

    return {
      demoUrl,
      issuers,
      redirectUris,
      scenarios,
      settingsForExtension: settings,
      hostMap: { [NON_LOOPBACK_HOST]: LOOPBACK },
      ports: { demo: demoPort, ...Object.fromEntries(PERSONALITY_IDS.map((id, index) => [id, portOf(asServers[index]!)])) } as Sandbox['ports'],
      arrivals: relyingParty.arrivals,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
