// The scenario table: each personality's clean flow and faults, what the relying party, the
// server and the user do in each, and the findings Consent Lens must report for it (checked in a
// real browser by test/e2e/sandbox-scenarios.test.ts). Each scenario starts at a stable URL,
// /start/<personality>/<fault>.
import type { Outcome, RuleId } from '../core/index';
import { PERSONALITIES, PERSONALITY_IDS, type PersonalityId } from './personalities';
import type { CallbackRewrite } from './rewrite-callback';
import type { SandboxRedirectUri } from './sandbox-settings';

/** What real clients and servers do that one flow per tab never shows: each must read as its own flows. */
const CLIENT_PATTERN_IDS = ['form-post-pair', 'fragment-pair', 'reentry', 'silent-renewal', 'popup-login', 'client-rejects'] as const;
/** How a page exchanging its code itself goes wrong. */
const BROWSER_EXCHANGE_IDS = ['exchange-twice', 'exchange-late', 'wrong-verifier', 'wrong-redirect-uri', 'secret-in-page'] as const;

export const FAULT_IDS = [
  'clean',
  'update',
  'revoke',
  'revoke-with-code',
  'no-event',
  'form-post',
  'short-state',
  'altered-state',
  'missing-state',
  'legacy-client',
  'http-redirect',
  'code-replay',
  'access-denied',
  ...CLIENT_PATTERN_IDS,
  ...BROWSER_EXCHANGE_IDS,
] as const;
export type FaultId = (typeof FAULT_IDS)[number];

/** What the relying party, the server and the user do differently in a scenario. */
export interface ScenarioPlan {
  /** The relying party's `state`: 32 random characters, 6 (Akoya asks for 8+), or none. */
  state: 'random' | 'short' | 'none';
  /** PKCE S256, and a nonce when the scope asks for an ID token. */
  pkceAndNonce: boolean;
  responseMode?: 'form_post' | 'fragment';
  /** The loopback redirect URI, or the plain-http non-loopback one. */
  redirect: 'loopback' | 'non-loopback';
  /** What the server changes in its final redirect. */
  rewrite: CallbackRewrite;
  /** Approve on the login and consent pages, or press Cancel. */
  userAction: 'approve' | 'cancel';
  /** The callback page loads itself once more, as a reload or the back button would. */
  replay: boolean;
  /** Where the app opens the sign-in: in the tab, or in a popup window from a button on its page. */
  window: 'tab' | 'popup';
  /**
   * What the app does after a connected callback: start the same flow again in the same tab (a
   * second sign-in, now without a consent page), or renew in a hidden iframe with prompt=none.
   */
  afterwards?: 'again' | 'renew-in-iframe';
  /** The server sends the browser back to its authorization endpoint with the same request after its own sign-in page (Spring's `&continue`). */
  reenter: boolean;
  /** The app answers a valid callback with 403, as one whose session cookie did not come back does. */
  rejectCallback: boolean;
  /** How a page that exchanges the code itself (a public client) gets it wrong, if it does. */
  browserExchange: BrowserExchangePlan;
}

export interface BrowserExchangePlan {
  /** Post the code once, or twice (a callback effect run twice, as React StrictMode does). */
  times: 1 | 2;
  /** Wait past the code's lifetime before posting. */
  late: boolean;
  /** Send a verifier of another flow. */
  wrongVerifier: boolean;
  /** Send another redirect_uri than the authorization request's. */
  otherRedirectUri: boolean;
  /** Put a client secret in the page's request. */
  clientSecret: boolean;
}

/** Where a flow ran, as the report's context says it. */
export type FlowPlace = 'tab' | 'iframe' | 'popup';

/** A flow the scenario starts after its first one (the second of a pair, a silent renewal). */
export interface ExpectedFlow {
  place: FlowPlace;
  outcome: Outcome;
  findings: RuleId[];
}

interface FaultSpec {
  title: string;
  /** What happens, in a sentence, for the demo page. */
  explanation: string;
  plan: Partial<Omit<ScenarioPlan, 'browserExchange'>> & { browserExchange?: Partial<BrowserExchangePlan> };
  expectedFindings: RuleId[];
  expectedOutcome: Outcome;
  followUp?: ExpectedFlow;
}

const FAULTS: Readonly<Record<FaultId, FaultSpec>> = {
  clean: {
    title: 'Clean flow',
    explanation: 'Sign in, approve, and the app exchanges the code.',
    plan: {},
    expectedFindings: [],
    expectedOutcome: 'success',
  },
  update: {
    title: 'Update (event=UPDATE)',
    explanation: 'An existing user changes which accounts the app may see: the callback carries a code and event=UPDATE.',
    plan: { rewrite: { event: 'UPDATE' } },
    expectedFindings: [],
    expectedOutcome: 'success',
  },
  revoke: {
    title: 'Revoke (event=REVOKE)',
    explanation: 'Approving here stands for the user revoking access: the callback carries state and event=REVOKE, and no code.',
    plan: { rewrite: { event: 'REVOKE' } },
    expectedFindings: [],
    expectedOutcome: 'revoked',
  },
  'revoke-with-code': {
    title: 'REVOKE that carries a code',
    explanation: 'The callback says event=REVOKE but still carries a code, which Akahu never sends: injected or forged.',
    plan: { rewrite: { event: 'REVOKE', keepCodeOnRevoke: true } },
    expectedFindings: ['event-code-mismatch'],
    expectedOutcome: 'revoked',
  },
  'no-event': {
    title: 'Callback without event',
    explanation: 'The server leaves out event, so the app cannot tell a new authorisation from an update.',
    plan: { rewrite: { event: undefined } },
    expectedFindings: ['event-unknown'],
    expectedOutcome: 'success',
  },
  'form-post': {
    title: 'form_post response',
    explanation: 'response_mode=form_post: the code comes back in a POSTed form, not in the URL.',
    plan: { responseMode: 'form_post' },
    expectedFindings: [],
    expectedOutcome: 'success',
  },
  'short-state': {
    title: 'Short state',
    explanation: 'The app sends a 6-character state; Akoya asks for at least 8.',
    plan: { state: 'short' },
    expectedFindings: ['state-short', 'state-low-entropy'],
    expectedOutcome: 'success',
  },
  'altered-state': {
    title: 'Altered state',
    explanation: "The server returns the state cut to 16 characters, so the callback state differs from the request's.",
    plan: { rewrite: { alterState: true } },
    expectedFindings: ['state-mismatch'],
    // The demo app checks its state and answers 400: the client rejected the callback.
    expectedOutcome: 'rejected',
  },
  'missing-state': {
    title: 'Missing state',
    explanation: 'The app sends no state (PKCE S256 still protects the code, so this is a warning).',
    plan: { state: 'none' },
    expectedFindings: ['state-missing'],
    expectedOutcome: 'success',
  },
  'legacy-client': {
    title: 'No PKCE, no nonce',
    explanation:
      'A legacy client: an OpenID Connect code request with neither PKCE nor a nonce (which the code flow may omit: pkce-missing says nothing stops code injection).',
    plan: { pkceAndNonce: false },
    expectedFindings: ['pkce-missing'],
    expectedOutcome: 'success',
  },
  'http-redirect': {
    title: 'http redirect to a non-loopback name',
    explanation: 'The redirect URI is http://client.example.test: the code crosses the network in clear.',
    plan: { redirect: 'non-loopback' },
    expectedFindings: ['redirect-not-https'],
    expectedOutcome: 'success',
  },
  'code-replay': {
    title: 'Code replay',
    explanation: 'The callback page loads itself again a second later, sending the same code once more.',
    plan: { replay: true },
    expectedFindings: ['code-replayed'],
    expectedOutcome: 'success',
  },
  'access-denied': {
    title: 'Access denied',
    explanation: 'Press [ Cancel ] on the sign-in page: the server answers error=access_denied.',
    plan: { userAction: 'cancel' },
    expectedFindings: ['error-response'],
    expectedOutcome: 'denied',
  },
  'form-post-pair': {
    title: 'Two form_post flows in one tab',
    explanation:
      'After the first sign-in the app signs in again in the same tab; both callbacks are POSTs to the bare redirect URI, so only the waiting flow can claim the second.',
    plan: { responseMode: 'form_post', afterwards: 'again' },
    expectedFindings: [],
    expectedOutcome: 'success',
    followUp: { place: 'tab', outcome: 'success', findings: [] },
  },
  'fragment-pair': {
    title: 'Two fragment flows in one tab',
    explanation: "response_mode=fragment, twice in one tab: the code and state travel after '#', which only the page's script reads and posts to the app.",
    plan: { responseMode: 'fragment', afterwards: 'again' },
    expectedFindings: [],
    expectedOutcome: 'success',
    followUp: { place: 'tab', outcome: 'success', findings: [] },
  },
  reentry: {
    title: 'Re-entry at the authorization endpoint',
    explanation:
      'The server shows its own sign-in page first, then sends the browser back to /auth with the same request and &continue, as Spring Authorization Server does: one flow, not two.',
    plan: { reenter: true },
    expectedFindings: [],
    expectedOutcome: 'success',
  },
  'silent-renewal': {
    title: 'Silent renewal in an iframe',
    explanation: 'After the sign-in, the app renews in a hidden iframe with prompt=none: a second flow, labelled as run in an iframe.',
    plan: { afterwards: 'renew-in-iframe' },
    expectedFindings: [],
    expectedOutcome: 'success',
    followUp: { place: 'iframe', outcome: 'success', findings: [] },
  },
  'popup-login': {
    title: 'Sign-in in a popup window',
    explanation: 'The app opens the sign-in in a popup window that closes itself after the callback: a flow labelled as run in a popup.',
    plan: { window: 'popup' },
    expectedFindings: [],
    expectedOutcome: 'success',
  },
  'client-rejects': {
    title: 'Client rejects the callback (403)',
    explanation: 'The server answers well, but the app refuses the callback with 403, as one whose session cookie did not come back does.',
    plan: { rejectCallback: true },
    expectedFindings: [],
    expectedOutcome: 'rejected',
  },
  'exchange-twice': {
    title: 'Code exchanged twice',
    explanation: 'The page posts the code to the token endpoint twice, as a callback effect that runs twice does: the second gets invalid_grant.',
    plan: { browserExchange: { times: 2 } },
    expectedFindings: ['code-exchanged-twice', 'token-error'],
    expectedOutcome: 'success',
  },
  'exchange-late': {
    title: 'Code exchanged too late',
    explanation: 'The page waits 6 seconds before it exchanges a code that lives 5: the token endpoint refuses it.',
    plan: { browserExchange: { late: true } },
    expectedFindings: ['code-exchange-late', 'token-error'],
    expectedOutcome: 'success',
  },
  'wrong-verifier': {
    title: 'code_verifier of another flow',
    explanation: "The page sends a code_verifier that is not the one this flow's challenge was made from.",
    plan: { browserExchange: { wrongVerifier: true } },
    expectedFindings: ['pkce-verifier-mismatch', 'token-error'],
    expectedOutcome: 'success',
  },
  'wrong-redirect-uri': {
    title: 'Another redirect_uri at the token endpoint',
    explanation: "The page sends a redirect_uri that is not the authorization request's (RFC 6749 s4.1.3).",
    plan: { browserExchange: { otherRedirectUri: true } },
    expectedFindings: ['token-redirect-uri-mismatch', 'token-error'],
    expectedOutcome: 'success',
  },
  'secret-in-page': {
    title: 'Client secret in the page',
    explanation: "The page sends a client_secret with its token request: anyone who opens the page's source has it.",
    plan: { browserExchange: { clientSecret: true } },
    expectedFindings: ['client-secret-in-browser', 'token-error'],
    expectedOutcome: 'success',
  },
};

/**
 * The faults each personality offers. With PAR (Akahu) the request's state and redirect_uri travel
 * server to server, out of the browser's sight, so the state faults are offered only where the
 * browser can see them.
 */
const FAULTS_BY_PERSONALITY: Readonly<Record<PersonalityId, readonly FaultId[]>> = {
  akoya: ['clean', 'short-state', 'altered-state', 'missing-state', 'http-redirect', 'code-replay', 'access-denied'],
  akahu: ['clean', 'update', 'revoke', 'revoke-with-code', 'no-event', 'http-redirect', 'code-replay', 'access-denied'],
  oidc: ['clean', 'form-post', 'altered-state', 'missing-state', 'legacy-client', 'http-redirect', 'code-replay', 'access-denied', ...CLIENT_PATTERN_IDS],
  spa: ['clean', ...BROWSER_EXCHANGE_IDS],
};

export type ScenarioId = `${PersonalityId}/${FaultId}`;

export interface Scenario {
  id: ScenarioId;
  personality: PersonalityId;
  fault: FaultId;
  title: string;
  explanation: string;
  /** Open this to run the scenario. */
  startUrl: string;
  /** Where the flow comes back; a browser driving the flow stops there. */
  redirectUri: string;
  plan: ScenarioPlan;
  /** Where the scenario's first flow runs. */
  place: FlowPlace;
  /** Every finding id Consent Lens reports for the scenario's first flow, sorted. */
  expectedFindings: RuleId[];
  expectedOutcome: Outcome;
  /** The flow that follows the first one, if the scenario starts a second. */
  followUp?: ExpectedFlow;
}

/** Every flow the scenario gives, in the order they start. */
export function expectedFlows(scenario: Scenario): ExpectedFlow[] {
  const first: ExpectedFlow = { place: scenario.place, outcome: scenario.expectedOutcome, findings: scenario.expectedFindings };
  return scenario.followUp ? [first, scenario.followUp] : [first];
}

/** The scenarios of a sandbox whose demo app runs at `demoUrl` (ending in "/") with these redirect URIs. */
export function buildScenarios(demoUrl: string, redirectUris: readonly SandboxRedirectUri[]): Scenario[] {
  return PERSONALITY_IDS.flatMap((personality) =>
    FAULTS_BY_PERSONALITY[personality].map((fault): Scenario => {
      const spec = FAULTS[fault];
      const plan: ScenarioPlan = {
        state: 'random',
        pkceAndNonce: true,
        redirect: 'loopback',
        userAction: 'approve',
        replay: false,
        window: 'tab',
        reenter: false,
        rejectCallback: false,
        ...spec.plan,
        rewrite: { event: PERSONALITIES[personality].defaultEvent, ...spec.plan.rewrite },
        browserExchange: { times: 1, late: false, wrongVerifier: false, otherRedirectUri: false, clientSecret: false, ...spec.plan.browserExchange },
      };
      const loopback = plan.redirect === 'loopback';
      const redirect = redirectUris.find((uri) => uri.personality === personality && uri.loopback === loopback);
      if (!redirect) throw new Error(`no ${plan.redirect} redirect URI for ${personality}`);
      return {
        id: `${personality}/${fault}`,
        personality,
        fault,
        title: spec.title,
        explanation: spec.explanation,
        startUrl: new URL(`start/${personality}/${fault}`, demoUrl).href,
        redirectUri: redirect.uri,
        plan,
        place: plan.window,
        expectedFindings: [...spec.expectedFindings].sort(),
        expectedOutcome: spec.expectedOutcome,
        ...(spec.followUp && { followUp: { ...spec.followUp, findings: [...spec.followUp.findings].sort() } }),
      };
    }),
  );
}

export function findScenario(scenarios: readonly Scenario[], personality: string, fault: string): Scenario | undefined {
  return scenarios.find((scenario) => scenario.personality === personality && scenario.fault === fault);
}
