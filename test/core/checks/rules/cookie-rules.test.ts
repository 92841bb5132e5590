import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../../../src/core/checks/rule-ids';
import { COOKIE_RULES } from '../../../../src/core/checks/rules/cookie-rules';
import { redactReport } from '../../../../src/core/report/redact';
import { AS, findingIds, GOOD_STATE, goodCallback, goodRequest, REDIRECT, runScenario, runScenarios, type Scenario } from '../../../support/scenario';

const COOKIE_IDS: RuleId[] = COOKIE_RULES.map((rule) => rule.id);
const LOGIN = 'https://app.example.com/login';
/** An authorization server on another site than the client's (as.example.com shares example.com with it). */
const OTHER_SITE = 'https://login.provider.test/authorize';
const crossSite = (scenario: Scenario): Scenario => ({ ...scenario, request: scenario.request?.replace(AS, OTHER_SITE) });

/** The client's /login sets these cookies and sends the browser to the authorization server; the callback sends `back`. */
const withCookies = (setCookies: readonly string[], back: readonly string[] | 'hidden' = [], overrides: Partial<Scenario> = {}): Scenario => ({
  start: { url: LOGIN, setCookies },
  request: goodRequest(),
  callbacks: [goodCallback()],
  callbackCookies: back,
  ...overrides,
});

const formPost = (setCookies: readonly string[], back: readonly string[] = []) =>
  withCookies(setCookies, back, {
    request: goodRequest({ response_mode: 'form_post' }),
    callbacks: [REDIRECT],
    callbackForm: [
      ['code', 'SplxlOBeZQQYbYS6WxSbIAfG8rT3kLm9pQ2vN7wX'],
      ['state', GOOD_STATE],
    ],
  });

const cookieFindings = (scenario: Scenario) => runScenario(scenario).findings.filter((finding) => COOKIE_IDS.includes(finding.id));

describe('whose cookies the checks look at', () => {
  it("leaves out the authorization server's own cookies on the client's host at another port: cookies share the host, not the origin", () => {
    const scenario = withCookies(['st=1; Path=/; SameSite=Lax'], ['st'], {
      hops: [{ url: 'https://app.example.com:8443/interaction/Kq2', status: 200, setCookies: ['_interaction=x; Path=/interaction/Kq2; HttpOnly'] }],
    });
    expect(cookieFindings(scenario).map((finding) => finding.id)).toEqual([]);
    const onTheClientsOrigin = withCookies(['st=1; Path=/; SameSite=Lax'], ['st'], {
      hops: [{ url: 'https://app.example.com/interaction/Kq2', status: 200, setCookies: ['_interaction=x; Path=/interaction/Kq2; HttpOnly'] }],
    });
    expect(cookieFindings(onTheClientsOrigin).map((finding) => finding.id)).toEqual(['cookie-not-returned']);
  });
});

describe('a second flow in the same tab', () => {
  it("does not take the authorization server's cookies from the first flow's sign-in as its own", () => {
    const other = 'Zr8YtN5Lw2Qm7Xc4Vb9Hk3Pj6Ds1Fa0Gx';
    const report = runScenarios([
      {
        request: goodRequest(),
        hops: [{ url: 'https://as.example.com/interaction/Kq2', status: 303, setCookies: ['_interaction=x; Path=/interaction/Kq2; HttpOnly'] }],
        callbacks: [goodCallback()],
        callbackCookies: [],
      },
      {
        request: goodRequest({ state: other }),
        callbacks: [goodCallback({ state: other, code: 'Second-code-Lk2Pz7Rt5Wm8Nb4Hc6Jd1Fg0Ys2' })],
        callbackCookies: [],
      },
    ]);
    expect(report.flows.map((flow) => flow.findings.filter((finding) => COOKIE_IDS.includes(finding.id)).map((finding) => finding.id))).toEqual([[], []]);
  });
});

describe('the cookie checks', () => {
  it.each<[string, RuleId[], Scenario]>([
    ['the state cookie comes back', [], withCookies(['st=1; Path=/; Secure; HttpOnly; SameSite=Lax'], ['st'])],
    ['no cookie was set', [], withCookies([], [])],
    ['a cookie deleted before the callback (Max-Age=0) is not expected back', [], withCookies(['st=1; Path=/', 'st=; Path=/; Max-Age=0'], [])],
    ['the state cookie stays home', ['cookie-not-returned'], withCookies(['st=1; Path=/; Secure'], [])],
    ['SameSite=None without Secure', ['cookie-not-returned', 'cookie-samesite-none-insecure'], withCookies(['st=1; Path=/; SameSite=None'], [])],
    ['SameSite=None without Secure, sent anyway by an old browser', ['cookie-samesite-none-insecure'], withCookies(['st=1; Path=/; SameSite=None'], ['st'])],
    ['a cookie over 4096 bytes', ['cookie-not-returned', 'cookie-too-large'], withCookies([`st=${'x'.repeat(4095)}; Path=/`], [])],
    ['a cookie of 4096 bytes', [], withCookies([`st=${'x'.repeat(4094)}; Path=/`], ['st'])],
    ['a callback whose cookies were not visible', ['cookies-not-visible'], withCookies(['st=1; Path=/'], 'hidden')],
    ['no callback yet', [], withCookies(['st=1; Path=/'], 'hidden', { callbacks: [] })],
  ])('%s gives %j', (_name, expected, scenario) => {
    expect(
      findingIds(runScenario(scenario))
        .filter((id) => COOKIE_IDS.includes(id))
        .sort(),
    ).toEqual([...expected].sort());
  });

  it.each<[string, Scenario, string]>([
    [
      'SameSite=Strict on a return from another site',
      crossSite(withCookies(['st=1; Path=/; Secure; SameSite=Strict'])),
      'it is SameSite=Strict and the callback comes from another site (login.provider.test)',
    ],
    [
      'SameSite=Lax with form_post',
      crossSite(formPost(['st=1; Path=/; Secure; SameSite=Lax'])),
      'it is SameSite=Lax, and the form_post callback is a POST from another site (login.provider.test)',
    ],
    [
      'no SameSite with form_post',
      crossSite(formPost(['st=1; Path=/; Secure'])),
      'it has no SameSite, which browsers treat as Lax, and the form_post callback is a POST from another site (login.provider.test)',
    ],
    [
      'Secure on an http redirect URI',
      withCookies(['st=1; Path=/; Secure'], [], {
        start: { url: 'http://app.example.com/login', setCookies: ['st=1; Path=/; Secure'] },
        request: goodRequest({ redirect_uri: 'http://app.example.com/callback' }),
        callbacks: [goodCallback({}, 'http://app.example.com/callback')],
      }),
      'it is Secure and the redirect URI is plain http (app.example.com)',
    ],
    [
      'a Domain that does not cover the redirect URI',
      withCookies(['st=1; Domain=login.example.com; Path=/']),
      'its Domain=login.example.com does not cover app.example.com',
    ],
    ['a Path that does not cover the callback', withCookies(['st=1; Path=/auth']), 'its Path=/auth does not cover /callback'],
    [
      'no Path, set under /auth/',
      withCookies([], [], { start: { url: 'https://app.example.com/auth/login', setCookies: ['st=1'] } }),
      'it has no Path, so its path is /auth (where the page that set it lives), which does not cover /callback',
    ],
    [
      'a Max-Age shorter than the time at the server',
      withCookies(['st=1; Path=/; Max-Age=60'], [], { dwell: 90_000 }),
      'it lived 60 s (Max-Age or Expires) and the callback came 90 s after it was set',
    ],
    [
      'another host than the redirect URI',
      withCookies([], [], { start: { url: 'https://www.example.com/login', setCookies: ['st=1; Path=/'] } }),
      'www.example.com set it without Domain, so it goes to www.example.com only, not to app.example.com',
    ],
    ['SameSite=None without Secure', withCookies(['st=1; Path=/; SameSite=None']), 'it is SameSite=None without Secure, which browsers reject'],
    [
      'nothing in its attributes',
      withCookies(['st=1; Path=/; Secure; SameSite=Lax']),
      'no reason shows in its attributes (did the page or the browser clear it?)',
    ],
  ])('names the cookie and the reason: %s', (_name, scenario, reason) => {
    const [finding] = cookieFindings(scenario).filter((found) => found.id === 'cookie-not-returned');
    expect(finding?.message).toBe(`The cookie "st" set as the flow started did not come back on the callback: ${reason}.`);
  });

  it.each([
    ['SameSite=Lax on a query callback from another site: a top-level GET takes Lax cookies', crossSite(withCookies(['st=1; Path=/; Secure; SameSite=Lax']))],
    ['SameSite=Strict on a return from the same site', withCookies(['st=1; Path=/; Secure; SameSite=Strict'])],
    ['no SameSite with a form_post from the same site', formPost(['st=1; Path=/; Secure'])],
  ])('blames no attribute for %s', (_name, scenario) => {
    expect(cookieFindings(scenario).map((finding) => finding.message)).toEqual([expect.stringContaining('no reason shows in its attributes')]);
  });

  it("keeps what the client's page set before the request, and none of the authorization server's cookies", () => {
    const flow = runScenario(withCookies(['st=1; Path=/; Secure; HttpOnly; SameSite=Lax'], ['st']));
    expect(flow.cookies).toEqual([expect.objectContaining({ name: 'st', host: 'app.example.com', defaultPath: '/', secure: true, sameSite: 'lax' })]);
    expect(flow.callbacks[0]?.cookieNames).toEqual(['st']);
  });

  it('puts no cookie value in a report, redacted or not', () => {
    const flow = runScenario(withCookies(['st=v4lu3-0f-th3-st4t3; Path=/'], []));
    const report = { flows: [flow], summary: { flows: 1, findings: flow.counts }, redacted: false };
    expect(JSON.stringify(report)).not.toContain('v4lu3');
    expect(JSON.stringify(redactReport(report))).not.toContain('v4lu3');
  });
});
