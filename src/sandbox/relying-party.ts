// The demo app (the relying party): starts each scenario's flow the way an app does, and at its
// callback checks state, redeems the code and shows what it received.
//
//   /start/<personality>/<fault>  --302-->  AS /auth?...  (sign-in, consent)  --303-->  /<personality>/callback
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Settings } from '../core/index';
import type { AuthorizationServer } from './authorization-server';
import type { BrowserExchange, CallbackArrival, Verdict } from './callback-arrival';
import { exchangeCode, pushRequest, randomToken, s256, type ClientCredentials } from './oauth-client';
import { callbackPage, callbackView, type DemoPageInput, demoPage, fragmentReaderPage, notFoundPage, popupOpenerPage } from './pages';
import { PERSONALITY_IDS, type PersonalityId } from './personalities';
import { readBody } from './read-body';
import { findScenario, type Scenario } from './scenarios';

export interface RelyingPartyOptions extends DemoPageInput {
  demoUrl: string;
  settings: Settings;
}

interface PendingFlow {
  scenario: Scenario;
  round: number;
  state?: string;
  codeVerifier?: string;
  arrivals: number;
}

/** The header the fragment reader's script posts with: the parameters came after '#'. */
const FRAGMENT_HEADER = 'x-sandbox-carried-in';

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

  /**
   * The authorization request URL a scenario sends the browser to. A second round (the pair's
   * second sign-in, the silent renewal) asks for no consent page: the first round's grant holds.
   */
  async function startFlow(scenario: Scenario, round: number): Promise<string> {
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
      ...(round === 1 && { prompt: 'consent' }),
      ...(round > 1 && plan.afterwards === 'renew-in-iframe' && { prompt: 'none' }),
    };
    const key = flowKey(personality.id, state);
    flows.delete(key); // a stateless flow replaces the previous one
    flows.set(key, { scenario, round, ...(state !== undefined && { state }), ...(codeVerifier !== undefined && { codeVerifier }), arrivals: 0 });
    if (flows.size > MAX_FLOWS) flows.delete(flows.keys().next().value!);
    if (state !== undefined) server.plan(state, { rewrite: plan.rewrite, reenter: plan.reenter });
    const query = personality.par ? { client_id: personality.clientId, request_uri: await pushRequest(credentials(server), params) } : params;
    return `${server.issuer}/auth?${new URLSearchParams(query)}`;
  }

  async function receiveCallback(
    personality: PersonalityId,
    how: Pick<CallbackArrival, 'method' | 'carriedIn'>,
    url: URL,
    params: Record<string, string>,
  ): Promise<CallbackArrival> {
    const judged = await judgeCallback(personality, how, url, params);
    return { ...judged, status: statusFor(judged) };
  }

  async function judgeCallback(
    personality: PersonalityId,
    how: Pick<CallbackArrival, 'method' | 'carriedIn'>,
    url: URL,
    params: Record<string, string>,
  ): Promise<Omit<CallbackArrival, 'status'>> {
    const flow = flows.get(flowKey(personality, params.state));
    if (flow) flow.arrivals++;
    const base = { time: Date.now(), personality, ...how, url: url.href, params, arrival: flow?.arrivals ?? 1, round: flow?.round ?? 1 };
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
    if (flow.scenario.plan.rejectCallback) {
      const message =
        'The app refuses this callback: it finds none of the session it started the flow in, as when its session cookie did not come back. Its code is not redeemed.';
      return { ...base, ...known, verdict: { kind: 'rejected', message, status: 403 } };
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
    const server = options.servers[personality];
    if (server.personality.exchangesInBrowser) {
      const browserExchange = planBrowserExchange(server, flow, code);
      return {
        ...base,
        ...known,
        verdict: { kind: 'connected', message: `${caveat}The page exchanges the code at the token endpoint itself.` },
        browserExchange,
      };
    }
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
      async ([, personality, fault], _req, res, url) => {
        const scenario = findScenario(options.scenarios, personality!, fault!);
        if (!scenario) return sendHtml(res, 404, notFoundPage(options.demoUrl, `No scenario ${personality}/${fault}.`));
        // A popup login starts on the app's page, whose button opens this URL in a popup window.
        if (scenario.plan.window === 'popup' && !url.searchParams.has('in-popup')) return sendHtml(res, 200, popupOpenerPage(scenario));
        const round = url.searchParams.get('round') === '2' ? 2 : 1;
        res.writeHead(302, { location: await startFlow(scenario, round), 'cache-control': 'no-store' });
        res.end();
      },
    ],
    [
      new RegExp(`^/(${PERSONALITY_IDS.join('|')})/callback$`),
      async ([, personality], req, res, url) => {
        // A fragment never reaches the server: a page's script reads it and posts it here.
        if (req.method === 'GET' && url.search === '') return sendHtml(res, 200, fragmentReaderPage(FRAGMENT_HEADER));
        const fromFragment = req.method === 'POST' && req.headers[FRAGMENT_HEADER] === 'fragment';
        const form = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : url.searchParams;
        const how = fromFragment
          ? ({ method: 'GET', carriedIn: 'fragment' } as const)
          : ({ method: req.method ?? 'GET', carriedIn: req.method === 'POST' ? 'form' : 'query' } as const);
        const arrival = await receiveCallback(personality as PersonalityId, how, url, Object.fromEntries(form));
        arrivals.push(arrival);
        if (arrivals.length > MAX_ARRIVALS) arrivals.shift();
        const view = callbackView(arrival, options.demoUrl);
        if (fromFragment) return sendJson(res, view, arrival.status);
        sendHtml(res, arrival.status, callbackPage(view));
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

/** What a public client's page posts for its code, right or wrong as the scenario says. */
function planBrowserExchange(server: AuthorizationServer, flow: PendingFlow, code: string): BrowserExchange {
  const plan = flow.scenario.plan.browserExchange;
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    code,
    // The wrong redirect URI differs by a trailing slash, as a URL rebuilt by a router does.
    redirect_uri: plan.otherRedirectUri ? `${flow.scenario.redirectUri}/` : flow.scenario.redirectUri,
    client_id: server.personality.clientId,
    ...(flow.codeVerifier !== undefined && { code_verifier: plan.wrongVerifier ? randomToken(32) : flow.codeVerifier }),
    ...(plan.clientSecret && { client_secret: 'secret-shipped-in-the-page' }),
  };
  return {
    tokenEndpoint: `${server.issuer}/token`,
    delayMs: plan.late ? (server.personality.codeTtlSeconds + 1) * 1000 : 0,
    forms: Array.from({ length: plan.times }, () => form),
  };
}

/** 400 for a callback the app cannot use, unless the verdict says otherwise. */
function statusFor({ verdict }: Pick<CallbackArrival, 'verdict'>): number {
  return verdict.status ?? (verdict.kind === 'rejected' ? 400 : 200);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function sendJson(res: ServerResponse, value: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(value, null, 2)}\n`);
}
