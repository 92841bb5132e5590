// The demo app (the relying party): starts each scenario's flow the way an app does, and at its
// callback checks state, redeems the code and shows what it received.
//
//   /start/<personality>/<fault>  --302-->  AS /auth?...  (sign-in, consent)  --303-->  /<personality>/callback
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Settings } from '../core/index';
import type { AuthorizationServer } from './authorization-server';
import { exchangeCode, pushRequest, randomToken, s256, type ClientCredentials, type ExchangeResult } from './oauth-client';
import { callbackPage, demoPage, notFoundPage } from './pages';
import { PERSONALITY_IDS, type PersonalityId } from './personalities';
import type { SandboxRedirectUri } from './sandbox-settings';
import { findScenario, type Scenario } from './scenarios';

/** What the app made of a callback. */
export interface Verdict {
  kind: 'connected' | 'revoked' | 'error' | 'rejected';
  message: string;
}

/** One arrival at a callback, as the app saw it. */
export interface CallbackArrival {
  time: number;
  personality: PersonalityId;
  scenario?: Scenario;
  method: string;
  url: string;
  params: Record<string, string>;
  /** The state the app sent, when it knows the flow. */
  sentState?: string;
  /** 1 for the first arrival of a flow, 2 for its replay. */
  arrival: number;
  verdict: Verdict;
  exchange?: ExchangeResult;
}

export interface RelyingPartyOptions {
  demoUrl: string;
  servers: Readonly<Record<PersonalityId, AuthorizationServer>>;
  scenarios: readonly Scenario[];
  redirectUris: readonly SandboxRedirectUri[];
  settings: Settings;
}

interface PendingFlow {
  scenario: Scenario;
  state?: string;
  codeVerifier?: string;
  arrivals: number;
}

/** Flows kept for their callbacks (and replays); the oldest go first. */
const MAX_FLOWS = 500;
const MAX_ARRIVALS = 200;

export function createRelyingParty(options: RelyingPartyOptions) {
  // A real app keeps these in the user's session; the sandbox serves one user.
  const flows = new Map<string, PendingFlow>();
  const arrivals: CallbackArrival[] = [];
  const flowKey = (personality: PersonalityId, state: string | undefined) => `${personality}#${state ?? '(no state)'}`;
  const credentials = ({ issuer, personality, clientSecret }: AuthorizationServer): ClientCredentials => ({
    issuer,
    clientId: personality.clientId,
    clientSecret,
  });

  /** The authorization request URL a scenario sends the browser to. */
  async function startFlow(scenario: Scenario): Promise<string> {
    const server = options.servers[scenario.personality];
    const { personality } = server;
    const { plan } = scenario;
    const state = plan.state === 'random' ? randomToken(24) : plan.state === 'short' ? randomToken(6).slice(0, 6) : undefined;
    const codeVerifier = plan.pkceAndNonce ? randomToken(32) : undefined;
    const wantsIdToken = personality.scope.split(' ').includes('openid');
    const params: Record<string, string> = {
      ...personality.providerParams,
      client_id: personality.clientId,
      response_type: 'code',
      redirect_uri: scenario.redirectUri,
      scope: personality.scope,
      ...(state !== undefined && { state }),
      ...(codeVerifier !== undefined && wantsIdToken && { nonce: randomToken(16) }),
      ...(codeVerifier !== undefined && { code_challenge: s256(codeVerifier), code_challenge_method: 'S256' }),
      ...(plan.responseMode !== undefined && { response_mode: plan.responseMode }),
      // The consent page every time, so a scenario looks the same however often it runs.
      prompt: 'consent',
    };
    const key = flowKey(personality.id, state);
    flows.delete(key); // a stateless flow replaces the previous one
    flows.set(key, { scenario, ...(state !== undefined && { state }), ...(codeVerifier !== undefined && { codeVerifier }), arrivals: 0 });
    if (flows.size > MAX_FLOWS) flows.delete(flows.keys().next().value!);
    if (state !== undefined) server.plan(state, plan.rewrite);
    const query = personality.par ? { client_id: personality.clientId, request_uri: await pushRequest(credentials(server), params) } : params;
    return `${server.issuer}/auth?${new URLSearchParams(query)}`;
  }

  async function receiveCallback(personality: PersonalityId, method: string, url: URL, params: Record<string, string>): Promise<CallbackArrival> {
    const flow = flows.get(flowKey(personality, params.state));
    if (flow) flow.arrivals++;
    const base = { time: Date.now(), personality, method, url: url.href, params, arrival: flow?.arrivals ?? 1 };
    const known = flow && { scenario: flow.scenario, ...(flow.state !== undefined && { sentState: flow.state }) };
    if (!flow) {
      return {
        ...base,
        verdict: {
          kind: 'rejected',
          message:
            params.state === undefined
              ? 'The callback carries no state and this app has no flow waiting without one: rejected.'
              : 'The state matches no request this app sent, so the callback could be forged: rejected.',
        },
      };
    }
    if (flow.arrivals > 1) {
      return { ...base, ...known, verdict: { kind: 'rejected', message: 'This callback already arrived once: the app refuses to redeem its code again.' } };
    }
    const caveat = flow.state === undefined ? 'This app sent no state, so it cannot tell this callback from a forged one; it goes on anyway. ' : '';
    const { code, error, event } = params;
    if (error !== undefined) {
      return {
        ...base,
        ...known,
        verdict: { kind: 'error', message: `The server answered error=${error}${params.error_description ? ` (${params.error_description})` : ''}.` },
      };
    }
    if (event === 'REVOKE') {
      return {
        ...base,
        ...known,
        verdict:
          code === undefined
            ? { kind: 'revoked', message: "event=REVOKE: the user revoked this app's access; there is no code to exchange." }
            : { kind: 'rejected', message: 'event=REVOKE with a code, which the provider never sends: the code is not redeemed.' },
      };
    }
    if (code === undefined) return { ...base, ...known, verdict: { kind: 'rejected', message: `${caveat}The callback carries no code to exchange.` } };
    const redirectUri = flow.scenario.redirectUri;
    const exchange = await exchangeCode(credentials(options.servers[personality]), {
      code,
      redirectUri,
      ...(flow.codeVerifier !== undefined && { codeVerifier: flow.codeVerifier }),
    });
    const what = event === undefined ? '' : `event=${event}. `;
    const verdict: Verdict = exchange.ok
      ? { kind: 'connected', message: `${caveat}${what}The code was exchanged for ${exchange.tokens.join(', ') || 'a response without tokens'}.` }
      : { kind: 'error', message: `${caveat}${what}The code exchange failed: ${exchange.error}${exchange.description ? ` (${exchange.description})` : ''}.` };
    return { ...base, ...known, verdict, exchange };
  }

  const routes: Array<[RegExp, (match: RegExpExecArray, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void]> = [
    [/^\/$/, (_m, _req, res) => sendHtml(res, 200, demoPage(options))],
    [/^\/settings\.json$/, (_m, _req, res) => sendJson(res, options.settings)],
    [
      /^\/start\/([\w-]+)\/([\w-]+)$/,
      async ([, personality, fault], _req, res) => {
        const scenario = findScenario(options.scenarios, personality!, fault!);
        if (!scenario) return sendHtml(res, 404, notFoundPage(options.demoUrl, `No scenario ${personality}/${fault}.`));
        res.writeHead(302, { location: await startFlow(scenario), 'cache-control': 'no-store' });
        res.end();
      },
    ],
    [
      new RegExp(`^/(${PERSONALITY_IDS.join('|')})/callback$`),
      async ([, personality], req, res, url) => {
        const form = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : url.searchParams;
        const arrival = await receiveCallback(personality as PersonalityId, req.method ?? 'GET', url, Object.fromEntries(form));
        arrivals.push(arrival);
        if (arrivals.length > MAX_ARRIVALS) arrivals.shift();
        sendHtml(res, arrival.verdict.kind === 'rejected' ? 400 : 200, callbackPage(arrival, options.demoUrl));
      },
    ],
  ];

  return {
    /** Every callback the app received, oldest first. */
    arrivals,
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      for (const [pattern, route] of routes) {
        const match = pattern.exec(url.pathname);
        if (match && (req.method === 'GET' || (req.method === 'POST' && url.pathname.endsWith('/callback')))) return route(match, req, res, url);
      }
      sendHtml(res, 404, notFoundPage(options.demoUrl, `Nothing at ${url.pathname}.`));
    },
  };
}

export type RelyingParty = ReturnType<typeof createRelyingParty>;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function sendJson(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(value, null, 2)}\n`);
}
