// Correlation cases seen on real clients and servers (issue #6): each reproduces what a real
// recording did that the sandbox never does.
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../src/core/observation/observation-schema';
import { FRAME_UNKNOWN } from '../../../src/core/observation/observation-schema';
import { AS, GOOD_CODE, GOOD_STATE, goodCallback, goodRequest, ingestAll, REDIRECT, runScenarios, T0, url } from '../../support/scenario';
import { analyze } from '../../../src/core/report/analyze';
import { SettingsSchema } from '../../../src/core/settings/settings-schema';

const SECOND_STATE = 'second-Lk2Pz7Rt5Wm8Nb4Hc6Jd1Fg0Ys';
const SECOND_CODE = 'second-code-YbYS6WxSbIAfG8rT3kLm9pQ';

/** Observations of a tab: each call is one event, 10 ms after the previous one. */
function tab(tabId = 1, start = T0, extra: Partial<Observation> = {}) {
  let time = start;
  const out: Observation[] = [];
  const api = {
    out,
    request(u: string, method = 'GET', formData?: [string, string][]) {
      out.push({ kind: 'request', tabId, time: (time += 10), url: u, method, ...(formData && { formData }), ...extra } as Observation);
      return api;
    },
    response(u: string, status: number, location?: string) {
      out.push({ kind: 'response', tabId, time: (time += 10), url: u, status, ...(location && { location }), ...extra } as Observation);
      return api;
    },
    commit(u: string) {
      out.push({ kind: 'navigation', tabId, time: (time += 10), url: u, ...extra } as Observation);
      return api;
    },
    opened(openerTabId: number, u: string) {
      out.push({ kind: 'opened', tabId, time: (time += 10), url: u, openerTabId });
      return api;
    },
    /** The authorization request, redirected straight to `callback` (a session already exists). */
    flow(request: string, callback: string, callbackStatus = 200) {
      return api.request(request).response(request, 302, callback).request(callback).response(callback, callbackStatus).commit(callback);
    },
  };
  return api;
}

const analyzed = (observations: Observation[], settings = {}) => analyze(ingestAll(observations, settings), SettingsSchema.parse(settings));

describe('same-tab flow pairs whose callbacks arrive at the bare redirect URI', () => {
  it('gives each of two form_post flows in one tab its own callback', () => {
    const first = goodRequest({ response_mode: 'form_post' });
    const second = goodRequest({ response_mode: 'form_post', state: SECOND_STATE });
    const report = runScenarios([
      {
        request: first,
        callbacks: [REDIRECT],
        callbackForm: [
          ['code', GOOD_CODE],
          ['state', GOOD_STATE],
        ],
      },
      {
        request: second,
        callbacks: [REDIRECT],
        callbackForm: [
          ['code', SECOND_CODE],
          ['state', SECOND_STATE],
        ],
      },
    ]);
    expect(report.flows.map((flow) => [flow.outcome, flow.callbacks.map((cb) => cb.fields.state)])).toEqual([
      ['success', [GOOD_STATE]],
      ['success', [SECOND_STATE]],
    ]);
    expect(report.flows.flatMap((flow) => flow.findings.map((f) => f.id))).not.toContain('code-replayed');
  });

  it('gives each of two fragment flows in one tab its own callback', () => {
    const first = goodRequest({ response_mode: 'fragment' });
    const second = goodRequest({ response_mode: 'fragment', state: SECOND_STATE });
    const observations = [
      ...tab(1, T0).flow(first, url(REDIRECT, {}, { code: GOOD_CODE, state: GOOD_STATE })).out,
      ...tab(1, T0 + 60_000).flow(second, url(REDIRECT, {}, { code: SECOND_CODE, state: SECOND_STATE })).out,
    ];
    const report = analyzed(observations);
    expect(report.flows.map((flow) => [flow.outcome, flow.callbacks.map((cb) => cb.fields.code)])).toEqual([
      ['success', [GOOD_CODE]],
      ['success', [SECOND_CODE]],
    ]);
  });

  it('still counts a reload of a callback with its code as a replay, not a new flow', () => {
    const observations = [...tab(1, T0).flow(goodRequest(), goodCallback()).request(goodCallback()).response(goodCallback(), 400).out];
    const [flow, ...rest] = analyzed(observations).flows;
    expect(rest).toEqual([]);
    expect(flow?.callbacks).toHaveLength(2);
    expect(flow?.findings.map((f) => f.id)).toContain('code-replayed');
  });
});

describe('re-entry at the authorization endpoint with the same request', () => {
  const LOGIN = 'https://as.example.com/login';

  it('is one flow with the re-entry as a hop when Spring Authorization Server adds &continue', () => {
    const request = goodRequest();
    const reentry = `${request}&continue`;
    const observations = tab()
      .request(request)
      .response(request, 302, LOGIN)
      .request(LOGIN)
      .response(LOGIN, 200)
      .request(LOGIN, 'POST')
      .response(LOGIN, 302, reentry)
      .request(reentry)
      .response(reentry, 302, goodCallback())
      .request(goodCallback())
      .response(goodCallback(), 200).out;
    const report = analyzed(observations);
    expect(report.flows).toHaveLength(1);
    const [flow] = report.flows;
    expect(flow?.hops.map((hop) => hop.url)).toContain(reentry);
    expect(flow?.findings.map((f) => f.id)).not.toContain('state-reused');
    expect(flow?.outcome).toBe('success');
  });

  it('is one flow when the server re-enters with the saved request, its parameters in another order', () => {
    const request = goodRequest();
    const saved = url(AS, { state: GOOD_STATE, redirect_uri: REDIRECT, client_id: 'demo-client', response_type: 'code', scope: 'openid profile' });
    const observations = tab()
      .request(request)
      .response(request, 302, LOGIN)
      .request(LOGIN, 'POST')
      .response(LOGIN, 302, saved)
      .flow(saved, goodCallback()).out;
    const report = analyzed(observations);
    expect(report.flows).toHaveLength(1);
    expect(report.flows[0]?.findings.map((f) => f.id)).not.toContain('state-reused');
  });

  it('is one flow when Spring re-enters a request without state at /error?<the request>&continue', () => {
    const request = goodRequest({ state: undefined });
    const reentry = `${request.replace('/authorize?', '/error?')}&continue`;
    const observations = tab()
      .request(request)
      .response(request, 302, LOGIN)
      .request(LOGIN, 'POST')
      .response(LOGIN, 302, reentry)
      .request(reentry)
      .response(reentry, 200).out;
    const report = analyzed(observations);
    expect(report.flows).toHaveLength(1);
    expect(report.flows[0]?.hops.map((hop) => hop.url)).toContain(reentry);
    expect(report.flows[0]?.findings.map((f) => f.id)).not.toContain('empty-param');
  });

  it('keeps two flows when the same state is sent again after the first flow completed', () => {
    const observations = [
      ...tab(1, T0).flow(goodRequest(), goodCallback()).out,
      ...tab(1, T0 + 60_000).flow(goodRequest(), goodCallback({ code: SECOND_CODE })).out,
    ];
    const report = analyzed(observations);
    expect(report.flows).toHaveLength(2);
    expect(report.flows[1]?.findings.map((f) => f.id)).toContain('state-reused');
  });
});

describe('requests without response_type', () => {
  it("starts a flow at GitHub's authorize URL, which asks for no response_type, and reports the missing parameter", () => {
    const request = url('https://github.com/login/oauth/authorize', {
      client_id: 'Iv23ctYJgiANcZO6Umv3',
      redirect_uri: REDIRECT,
      scope: 'read:user',
      state: GOOD_STATE,
    });
    const [flow, ...rest] = analyzed(tab().flow(request, goodCallback()).out).flows;
    expect(rest).toEqual([]);
    expect(flow).toMatchObject({ clientId: 'Iv23ctYJgiANcZO6Umv3', outcome: 'success' });
    expect(flow?.findings.map((f) => f.id)).toContain('response-type-invalid');
  });

  it('does not take a page that merely names client_id and redirect_uri for an authorization request', () => {
    const page = url('https://app.example.com/settings/apps', { client_id: 'demo-client', redirect_uri: REDIRECT });
    expect(analyzed(tab().request(page).response(page, 200).out).flows).toEqual([]);
  });
});

describe('percent-encoded parameter names', () => {
  it('recognises an authorization request whose names are percent-encoded, as SharePoint sends them', () => {
    const request = `${AS}?client%5Fid=demo-client&response%5Ftype=code&redirect%5Furi=${encodeURIComponent(REDIRECT)}&state=${GOOD_STATE}`;
    const report = analyzed(tab().flow(request, goodCallback()).out);
    expect(report.flows).toHaveLength(1);
    expect(report.flows[0]).toMatchObject({ clientId: 'demo-client', outcome: 'success' });
  });
});

describe('URLs that are the same URL written differently', () => {
  it.each([
    ['the default port', 'https://app.example.com:443/callback'],
    ['upper-case host', 'https://APP.example.com/callback'],
    ['upper-case scheme', 'HTTPS://app.example.com/callback'],
  ])('correlates a callback whose URL differs from redirect_uri only by %s', (_, callbackBase) => {
    const report = analyzed(tab().flow(goodRequest(), goodCallback({}, callbackBase)).out);
    expect(report.flows).toHaveLength(1);
    expect(report.flows[0]?.callbacks).toHaveLength(1);
  });

  it('still flags a redirect_uri that differs from the registered one only by the default port, and says how', () => {
    const request = goodRequest({ redirect_uri: 'https://app.example.com:443/callback' });
    const report = analyzed(tab().flow(request, goodCallback()).out, { redirectUris: [{ uri: REDIRECT }] });
    const finding = report.flows[0]?.findings.find((f) => f.id === 'redirect-uri-unregistered');
    expect(finding?.message).toMatch(/port/);
  });
});

describe('requests that are not navigations', () => {
  const LOGIN = 'https://as.example.com/login';
  const PIXEL = url('https://ads.example.net/pixel.gif', { client_id: 'demo-client', response_type: 'code', state: GOOD_STATE });

  it('does not make a pixel or an XHR carrying OAuth parameters a flow or a hop', () => {
    const observations = tab().request(goodRequest()).response(goodRequest(), 302, LOGIN).request(LOGIN).response(LOGIN, 200).out;
    const noise = tab(1, T0 + 25, { destination: 'subresource' })
      .request(PIXEL)
      .response(PIXEL, 302, goodCallback())
      .request(goodCallback())
      .response(goodCallback(), 200).out;
    const after = tab(1, T0 + 100)
      .request(LOGIN, 'POST')
      .response(LOGIN, 302, goodCallback())
      .request(goodCallback())
      .response(goodCallback(), 200).out;
    const report = analyzed([...observations, ...noise, ...after].sort((a, b) => a.time - b.time));
    expect(report.flows).toHaveLength(1);
    const [flow] = report.flows;
    expect(flow?.hops.map((hop) => hop.url)).not.toContain(PIXEL);
    expect(flow?.callbacks).toHaveLength(1);
    expect(flow?.findings.map((f) => f.id)).not.toContain('code-replayed');
  });

  it('keeps a prompt=none renewal in an iframe as its own flow, labelled iframe, beside the top-level flow', () => {
    const top = tab().flow(goodRequest(), goodCallback()).out;
    const silent = goodRequest({ prompt: 'none', state: SECOND_STATE });
    const frame = tab(1, T0 + 1000, { frameId: 7, destination: 'frame' }).flow(silent, goodCallback({ state: SECOND_STATE, code: SECOND_CODE })).out;
    const report = analyzed([...top, ...frame]);
    expect(report.flows.map((flow) => [flow.context.kind, flow.callbacks.map((cb) => cb.fields.state)])).toEqual([
      ['tab', [GOOD_STATE]],
      ['iframe', [SECOND_STATE]],
    ]);
  });

  it('does not let an iframe renewal that starts mid-flow split the top-level flow', () => {
    const LOGIN_PAGE = 'https://as.example.com/login';
    const silent = goodRequest({ prompt: 'none', state: SECOND_STATE });
    const observations = [
      ...tab(1, T0).request(goodRequest()).response(goodRequest(), 302, LOGIN_PAGE).request(LOGIN_PAGE).response(LOGIN_PAGE, 200).out,
      ...tab(1, T0 + 100, { frameId: FRAME_UNKNOWN, destination: 'frame' })
        .request(silent)
        .response(silent, 302, url(REDIRECT, { error: 'login_required', state: SECOND_STATE }))
        .request(url(REDIRECT, { error: 'login_required', state: SECOND_STATE }))
        .response(url(REDIRECT, { error: 'login_required', state: SECOND_STATE }), 200).out,
      ...tab(1, T0 + 500)
        .request(LOGIN_PAGE, 'POST')
        .response(LOGIN_PAGE, 302, goodCallback())
        .request(goodCallback())
        .response(goodCallback(), 200).out,
    ];
    const report = analyzed(observations);
    expect(report.flows.map((flow) => [flow.context.kind, flow.outcome, flow.hops.length])).toEqual([
      ['tab', 'success', 3],
      ['iframe', 'error', 1],
    ]);
  });

  it('labels a flow in a popup window with the tab that opened it, and takes its callback there', () => {
    const observations = [...tab(2, T0).opened(1, 'about:blank').flow(goodRequest(), goodCallback()).out];
    const [flow, ...rest] = analyzed(observations).flows;
    expect(rest).toEqual([]);
    expect(flow?.context).toEqual({ kind: 'popup', openerTabId: 1 });
    expect(flow?.outcome).toBe('success');
  });

  it('takes a callback in the opener for a flow that started in its popup', () => {
    const observations = [
      ...tab(2, T0).opened(1, 'about:blank').request(goodRequest()).response(goodRequest(), 200).out,
      ...tab(1, T0 + 100)
        .request(goodCallback({ state: undefined }))
        .response(goodCallback({ state: undefined }), 200).out,
    ];
    const [flow, ...rest] = analyzed(observations, { redirectUris: [{ uri: REDIRECT }] }).flows;
    expect(rest).toEqual([]);
    expect(flow?.callbacks).toHaveLength(1);
  });
});

describe('what the outcome says', () => {
  it.each([403, 500])('says the client rejected a callback it answered with %i', (status) => {
    const [flow] = analyzed(tab().flow(goodRequest(), goodCallback(), status).out).flows;
    expect(flow?.outcome).toBe('rejected');
  });

  it('gives a REVOKE callback that carries a code no expiry countdown', () => {
    const request = goodRequest();
    const [flow] = analyzed(tab().flow(request, goodCallback({ event: 'REVOKE' })).out).flows;
    expect(flow?.outcome).toBe('revoked');
    expect(flow?.codeExpiresAt).toBeUndefined();
  });

  it.each(['oauth2', 'oidc', 'akahu'])('applies the event checks to a REVOKE with a code under the %s profile', (profile) => {
    const [flow] = analyzed(tab().flow(goodRequest(), goodCallback({ event: 'revoke' })).out, { redirectUris: [{ uri: REDIRECT, profile }] }).flows;
    expect(flow?.outcome).toBe('revoked');
    expect(flow?.findings.map((f) => f.id)).toContain('event-code-mismatch');
  });
});

describe('after the callback', () => {
  it("keeps the client's own redirects after the callback, until the app lands, in the timeline", () => {
    const HOME = 'https://app.example.com/home';
    const DASHBOARD = 'https://app.example.com/dashboard';
    const LATER = 'https://app.example.com/settings';
    const observations = tab()
      .request(goodRequest())
      .response(goodRequest(), 302, goodCallback())
      .request(goodCallback())
      .response(goodCallback(), 302, HOME)
      .request(HOME)
      .response(HOME, 302, DASHBOARD)
      .request(DASHBOARD)
      .response(DASHBOARD, 200)
      .commit(DASHBOARD)
      .request(LATER)
      .response(LATER, 200).out;
    const [flow] = analyzed(observations).flows;
    expect(flow?.landing?.map((hop) => [hop.url, hop.status])).toEqual([
      [HOME, 302],
      [DASHBOARD, 200],
    ]);
    expect(flow?.hops.map((hop) => hop.url)).not.toContain(LATER);
  });
});
