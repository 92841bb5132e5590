import { parseSetCookies } from '../../src/core/cookies/parse-set-cookie';
import { analyze } from '../../src/core/report/analyze';
import { compileWatchList, ingest } from '../../src/core/flows/ingest';
import { createFlowState, type FlowState } from '../../src/core/flows/flow-schema';
import type { FormField, Observation } from '../../src/core/observation/observation-schema';
import { SettingsSchema, type SettingsInput } from '../../src/core/settings/settings-schema';
import type { AnalysisReport, FlowReport } from '../../src/core/report/report-schema';
import type { RuleId } from '../../src/core/checks/rule-ids';

/** One consent flow told the short way: the browser goes to `request`, then lands on each callback. */
export interface Scenario {
  /** The authorization request URL; omit for a callback with no request. */
  request?: string;
  /** POST the authorization request with these form fields instead of a GET. */
  requestForm?: readonly FormField[];
  /** Hops between request and callback, e.g. a login POST. The last one redirects to the callback. */
  hops?: ReadonlyArray<{ url: string; method?: string; status: number; setCookies?: readonly string[] }>;
  /** Each arrival at the redirect URI, in order; two arrivals replay a code. */
  callbacks?: readonly string[];
  /** The callback POSTed as a form (response_mode=form_post). */
  callbackForm?: readonly FormField[];
  /** The page's token requests after the last callback (a fetch to TOKEN_ENDPOINT), with the endpoint's answer. */
  exchanges?: readonly TokenRequestStep[];
  /** A page of the client that sets these cookies (Set-Cookie lines) and redirects to `request`. */
  start?: { url: string; setCookies: readonly string[] };
  /** The cookie names each callback request sends (default none); 'hidden' when its headers are not visible (a sanitized HAR). */
  callbackCookies?: readonly string[] | 'hidden';
  /** Milliseconds spent at the authorization server before it redirects to the callback (default 0). */
  dwell?: number;
  tabId?: number;
}

/** One `grant_type=authorization_code` POST the page makes, and what the token endpoint answered. */
export interface TokenRequestStep {
  /** Milliseconds after the previous observation (default 100). */
  after?: number;
  /** The form fields besides grant_type (default: GOOD_CODE, REDIRECT and GOOD_VERIFIER). */
  form?: Record<string, string | undefined>;
  status?: number;
  authScheme?: string;
  oauthError?: { error: string; description?: string };
}

export const TOKEN_ENDPOINT = 'https://as.example.com/token';
/** RFC 7636 Appendix B's verifier: its S256 challenge is GOOD_CHALLENGE. */
export const GOOD_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

export const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

/** The observations a browser reports for a scenario: requests, redirect hops and responses. */
export function observationsOf(scenario: Scenario, start = T0): Observation[] {
  const tabId = scenario.tabId ?? 1;
  let time = start;
  const out: Observation[] = [];
  if (scenario.start && scenario.request) {
    out.push({ kind: 'request', tabId, time: (time += 10), url: scenario.start.url, method: 'GET' });
    time += 10;
    const setCookies = parseSetCookies(scenario.start.setCookies, time);
    out.push({ kind: 'response', tabId, time, url: scenario.start.url, status: 302, location: scenario.request, setCookies });
  }
  const steps: Array<{ url: string; method: string; status: number; formData?: readonly FormField[]; setCookies?: readonly string[] }> = [];
  if (scenario.request) {
    steps.push({
      url: scenario.request,
      method: scenario.requestForm ? 'POST' : 'GET',
      status: 302,
      ...(scenario.requestForm && { formData: scenario.requestForm }),
    });
  }
  for (const hop of scenario.hops ?? [])
    steps.push({ url: hop.url, method: hop.method ?? 'GET', status: hop.status, ...(hop.setCookies && { setCookies: hop.setCookies }) });
  const callbacks = scenario.callbacks ?? [];
  steps.forEach((step, index) => {
    const next = steps[index + 1]?.url ?? (scenario.callbackForm ? undefined : callbacks[0]);
    out.push({ kind: 'request', tabId, time: (time += 10), url: step.url, method: step.method, ...(step.formData && { formData: [...step.formData] }) });
    const redirects = next !== undefined && step.status >= 300 && step.status < 400;
    if (index === steps.length - 1) time += scenario.dwell ?? 0;
    time += 10;
    const setCookies = step.setCookies && parseSetCookies(step.setCookies, time);
    out.push({
      kind: 'response',
      tabId,
      time,
      url: step.url,
      status: redirects ? step.status : 200,
      ...(redirects && { location: next }),
      ...(setCookies && { setCookies }),
    });
  });
  const sent = scenario.callbackCookies ?? [];
  callbacks.forEach((url, index) => {
    const form = index === 0 ? scenario.callbackForm : undefined;
    out.push({
      kind: 'request',
      tabId,
      time: (time += 10),
      url,
      method: form ? 'POST' : 'GET',
      ...(form && { formData: [...form] }),
      ...(sent !== 'hidden' && { cookieNames: [...sent] }),
    });
    out.push({ kind: 'response', tabId, time: (time += 10), url, status: 200 });
    out.push({ kind: 'navigation', tabId, time: (time += 1), url });
  });
  (scenario.exchanges ?? []).forEach((step, index) => {
    const fields = {
      grant_type: 'authorization_code',
      code: GOOD_CODE,
      redirect_uri: REDIRECT,
      code_verifier: GOOD_VERIFIER,
      client_id: 'demo-client',
      ...step.form,
    };
    const formData = Object.entries(fields).flatMap(([name, value]): FormField[] => (value === undefined ? [] : [[name, value]]));
    const common = { tabId, url: TOKEN_ENDPOINT, requestId: `token-${index}`, destination: 'subresource' as const, method: 'POST' };
    out.push({
      kind: 'request',
      ...common,
      time: (time += step.after ?? 100),
      formData,
      ...(step.authScheme !== undefined && { authScheme: step.authScheme }),
    });
    out.push({ kind: 'response', ...common, time: (time += 50), status: step.status ?? 200, ...(step.oauthError && { oauthError: step.oauthError }) });
  });
  return out;
}

export function ingestAll(observations: readonly Observation[], settings: SettingsInput = {}): FlowState {
  const watch = compileWatchList(SettingsSchema.parse(settings));
  const state = createFlowState();
  for (const observation of observations) ingest(state, observation, watch);
  return state;
}

/** Runs scenarios one after another (a minute apart) through ingest and analyze. */
export function runScenarios(scenarios: readonly Scenario[], settings: SettingsInput = {}): AnalysisReport {
  const observations = scenarios.flatMap((scenario, index) => observationsOf(scenario, T0 + index * 60_000));
  return analyze(ingestAll(observations, settings), SettingsSchema.parse(settings));
}

export function runScenario(scenario: Scenario, settings: SettingsInput = {}): FlowReport {
  const report = runScenarios([scenario], settings);
  const [flow] = report.flows;
  if (!flow || report.flows.length !== 1) throw new Error(`expected one flow, got ${report.flows.length}`);
  return flow;
}

export function findingIds(flow: FlowReport): RuleId[] {
  return flow.findings.map((finding) => finding.id);
}

/** Builds a URL from a base and parameters, encoding each value as browsers do. */
export function url(base: string, params: Record<string, string | undefined>, fragment?: Record<string, string>): string {
  const encode = (entries: Record<string, string | undefined>) =>
    Object.entries(entries)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .join('&');
  const query = encode(params);
  return `${base}${query ? `?${query}` : ''}${fragment ? `#${encode(fragment)}` : ''}`;
}

/** A clean authorization-code request with PKCE S256, and its matching callback. */
export const AS = 'https://as.example.com/authorize';
export const REDIRECT = 'https://app.example.com/callback';
export const GOOD_STATE = 'Xq3v9Lk2Pz7Rt5Wm8Nb4Hc6Jd1Fg0Ys2Ua';
export const GOOD_CODE = 'SplxlOBeZQQYbYS6WxSbIAfG8rT3kLm9pQ2vN7wX';
export const GOOD_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

export function goodRequest(overrides: Record<string, string | undefined> = {}): string {
  return url(AS, {
    client_id: 'demo-client',
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: 'openid profile',
    state: GOOD_STATE,
    nonce: 'n-0S6_WzA2Mj',
    code_challenge: GOOD_CHALLENGE,
    code_challenge_method: 'S256',
    ...overrides,
  });
}

export function goodCallback(overrides: Record<string, string | undefined> = {}, base = REDIRECT): string {
  return url(base, { code: GOOD_CODE, state: GOOD_STATE, ...overrides });
}
