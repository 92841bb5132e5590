import { describe, expect, it } from 'vitest';
import { createFlowState, FlowStateSchema, type FlowState } from '../../../src/core/flows/flow-schema';
import { compileWatchList, ingest, MAX_HOPS_PER_FLOW } from '../../../src/core/flows/ingest';
import type { Observation } from '../../../src/core/observation/observation-schema';
import { SettingsSchema } from '../../../src/core/settings/settings-schema';
import { AS, GOOD_STATE, goodCallback, goodRequest, ingestAll, observationsOf, REDIRECT, T0, url } from '../../support/scenario';

const RP_LOGIN = 'https://app.example.com/login';
const LOGIN = 'https://as.example.com/login/abc';
const RESUME = 'https://as.example.com/authorize/resume/abc';

/** The observations of a real-looking consent flow: RP login, AS, login form, consent, callback. */
function consentFlow(tabId = 1, start = T0, request = goodRequest(), callback = goodCallback()): Observation[] {
  let time = start;
  const req = (u: string, method = 'GET'): Observation => ({ kind: 'request', tabId, time: (time += 5), url: u, method });
  const res = (u: string, status: number, location?: string): Observation => ({
    kind: 'response',
    tabId,
    time: (time += 5),
    url: u,
    status,
    ...(location && { location }),
  });
  return [
    req(RP_LOGIN),
    res(RP_LOGIN, 302, request),
    req(request),
    res(request, 303, LOGIN),
    req(LOGIN),
    res(LOGIN, 200),
    req(LOGIN, 'POST'),
    res(LOGIN, 303, RESUME),
    req(RESUME),
    res(RESUME, 303, callback),
    req(callback),
    res(callback, 200),
    { kind: 'navigation', tabId, time: (time += 5), url: callback },
  ];
}

describe('ingest: one flow', () => {
  it('records the request, every hop with its status in order, and one callback', () => {
    const [flow, ...rest] = ingestAll(consentFlow()).flows;
    expect(rest).toEqual([]);
    expect(flow?.request?.url).toBe(goodRequest());
    expect(flow?.request?.redirectBase).toBe(REDIRECT);
    expect(flow?.hops.map((hop) => [hop.method, hop.url, hop.status])).toEqual([
      ['GET', goodRequest(), 303],
      ['GET', LOGIN, 200],
      ['POST', LOGIN, 303],
      ['GET', RESUME, 303],
    ]);
    expect(flow?.callbacks).toHaveLength(1);
    expect(flow?.callbacks[0]).toMatchObject({ url: goodCallback(), status: 200, method: 'GET' });
  });

  it('does not collect the navigations before the authorization request', () => {
    const [flow] = ingestAll(consentFlow()).flows;
    expect(flow?.hops.some((hop) => hop.url === RP_LOGIN)).toBe(false);
  });

  it('keeps the fragment a redirect Location carried, which the request itself lacks', () => {
    const callback = url(REDIRECT, {}, { access_token: 'tok', state: GOOD_STATE });
    const [flow] = ingestAll(consentFlow(1, T0, goodRequest({ response_type: 'token' }), callback)).flows;
    expect(flow?.callbacks).toHaveLength(1);
    expect(flow?.callbacks[0]?.params.map((p) => [p.name, p.in])).toEqual([
      ['access_token', 'fragment'],
      ['state', 'fragment'],
    ]);
  });

  it('adds the fragment from the committed navigation when no Location was seen', () => {
    const state = ingestAll([
      { kind: 'request', tabId: 1, time: T0, url: goodRequest(), method: 'GET' },
      { kind: 'request', tabId: 1, time: T0 + 10, url: `${REDIRECT}?state=${GOOD_STATE}`, method: 'GET' },
      { kind: 'navigation', tabId: 1, time: T0 + 20, url: `${REDIRECT}?state=${GOOD_STATE}#id_token=x.y.z` },
    ]);
    expect(state.flows).toHaveLength(1);
    expect(state.flows[0]?.callbacks).toHaveLength(1);
    expect(state.flows[0]?.callbacks[0]?.params.map((p) => p.name)).toEqual(['state', 'id_token']);
  });

  it('reads a form_post callback from the POSTed form fields', () => {
    const state = ingestAll(
      observationsOf({
        request: goodRequest({ response_mode: 'form_post' }),
        callbacks: [REDIRECT],
        callbackForm: [
          ['code', 'abc'],
          ['state', GOOD_STATE],
        ],
      }),
    );
    expect(state.flows).toHaveLength(1);
    expect(state.flows[0]?.callbacks[0]?.params).toEqual([
      { name: 'code', value: 'abc', in: 'form' },
      { name: 'state', value: GOOD_STATE, in: 'form' },
    ]);
  });

  it('treats a POSTed authorization request as one', () => {
    const state = ingestAll(
      observationsOf({
        request: AS,
        requestForm: [
          ['client_id', 'c'],
          ['response_type', 'code'],
          ['redirect_uri', REDIRECT],
          ['state', GOOD_STATE],
        ],
        callbacks: [goodCallback()],
      }),
    );
    expect(state.flows).toHaveLength(1);
    expect(state.flows[0]?.request?.method).toBe('POST');
    expect(state.flows[0]?.request?.params.every((p) => p.in === 'form')).toBe(true);
    expect(state.flows[0]?.callbacks).toHaveLength(1);
  });

  it('resolves a relative Location against the URL that sent it', () => {
    const state = ingestAll([
      { kind: 'request', tabId: 1, time: T0, url: goodRequest(), method: 'GET' },
      { kind: 'response', tabId: 1, time: T0 + 1, url: goodRequest(), status: 302, location: '/login?x=1' },
      { kind: 'request', tabId: 1, time: T0 + 2, url: 'https://as.example.com/login?x=1', method: 'GET' },
    ]);
    expect(state.flows[0]?.hops.map((hop) => hop.url)).toEqual([goodRequest(), 'https://as.example.com/login?x=1']);
    expect(state.flows[0]?.hops[0]?.location).toBe('/login?x=1');
  });

  it('matches a response to its request by request id when the browser gives one', () => {
    const state = ingestAll([
      { kind: 'request', tabId: 1, time: T0, url: goodRequest(), method: 'GET', requestId: 'r1' },
      { kind: 'request', tabId: 1, time: T0 + 1, url: LOGIN, method: 'GET', requestId: 'r2' },
      { kind: 'request', tabId: 1, time: T0 + 2, url: LOGIN, method: 'GET', requestId: 'r3' },
      { kind: 'response', tabId: 1, time: T0 + 3, url: LOGIN, status: 500, requestId: 'r3' },
      { kind: 'response', tabId: 1, time: T0 + 4, url: LOGIN, status: 200, requestId: 'r2' },
    ]);
    expect(state.flows[0]?.hops.map((hop) => hop.status)).toEqual([undefined, 200, 500]);
  });

  it('records a failed hop with the browser error', () => {
    const state = ingestAll([
      { kind: 'request', tabId: 1, time: T0, url: goodRequest(), method: 'GET' },
      { kind: 'response', tabId: 1, time: T0 + 1, url: goodRequest(), status: 0, error: 'net::ERR_NAME_NOT_RESOLVED' },
    ]);
    expect(state.flows[0]?.hops[0]).toMatchObject({ status: 0, error: 'net::ERR_NAME_NOT_RESOLVED' });
  });

  it(`keeps at most ${MAX_HOPS_PER_FLOW} hops and counts the rest`, () => {
    const hops: Observation[] = Array.from({ length: 150 }, (_, i) => ({
      kind: 'request',
      tabId: 1,
      time: T0 + i + 1,
      url: `${LOGIN}?step=${i}`,
      method: 'GET',
    }));
    const [flow] = ingestAll([{ kind: 'request', tabId: 1, time: T0, url: goodRequest(), method: 'GET' }, ...hops]).flows;
    expect(flow?.hops).toHaveLength(MAX_HOPS_PER_FLOW);
    expect(flow?.hopsDropped).toBe(51);
  });

  it('stops collecting hops for a flow left idle for over half an hour', () => {
    const [flow] = ingestAll([
      { kind: 'request', tabId: 1, time: T0, url: goodRequest(), method: 'GET' },
      { kind: 'request', tabId: 1, time: T0 + 31 * 60_000, url: 'https://news.example/', method: 'GET' },
    ]).flows;
    expect(flow?.hops.map((hop) => hop.url)).toEqual([goodRequest()]);
  });
});

describe('ingest: correlation', () => {
  it('counts a reload of the authorization page as the same flow', () => {
    const state = ingestAll([
      { kind: 'request', tabId: 1, time: T0, url: goodRequest(), method: 'GET' },
      { kind: 'request', tabId: 1, time: T0 + 1000, url: goodRequest(), method: 'GET' },
    ]);
    expect(state.flows).toHaveLength(1);
    expect(state.flows[0]?.hops).toHaveLength(2);
  });

  it('records a second arrival at the same callback URL as a replay of the code', () => {
    const state = ingestAll([
      ...consentFlow(),
      { kind: 'request', tabId: 1, time: T0 + 60_000, url: goodCallback(), method: 'GET' },
      { kind: 'response', tabId: 1, time: T0 + 60_001, url: goodCallback(), status: 400 },
    ]);
    expect(state.flows).toHaveLength(1);
    expect(state.flows[0]?.callbacks.map((cb) => cb.status)).toEqual([200, 400]);
  });

  it('correlates interleaved flows in two tabs by tab', () => {
    const otherState = 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo';
    const tab1 = consentFlow(1, T0);
    const tab2 = consentFlow(2, T0 + 1, goodRequest({ state: otherState }), goodCallback({ state: otherState, code: 'code-two' }));
    const interleaved = tab1.flatMap((observation, i) => [observation, tab2[i]!]).sort((a, b) => a.time - b.time);
    const state = ingestAll(interleaved);
    expect(state.flows.map((flow) => [flow.tabId, flow.callbacks.map((cb) => cb.url)])).toEqual([
      [1, [goodCallback()]],
      [2, [goodCallback({ state: otherState, code: 'code-two' })]],
    ]);
  });

  it('correlates a callback that opened in another tab by its state', () => {
    const state = ingestAll([
      { kind: 'request', tabId: 1, time: T0, url: goodRequest(), method: 'GET' },
      { kind: 'request', tabId: 7, time: T0 + 10, url: goodCallback(), method: 'GET' },
    ]);
    expect(state.flows).toHaveLength(1);
    expect(state.flows[0]?.callbacks).toHaveLength(1);
  });

  it('picks, of two open flows in one tab, the one whose state the callback carries', () => {
    const first = goodRequest({ state: 'first-state-Xq3v9Lk2Pz7Rt5Wm8Nb4Hc6' });
    const state = ingestAll([
      { kind: 'request', tabId: 1, time: T0, url: first, method: 'GET' },
      { kind: 'request', tabId: 1, time: T0 + 10, url: goodRequest(), method: 'GET' },
      { kind: 'request', tabId: 1, time: T0 + 20, url: goodCallback({ state: 'first-state-Xq3v9Lk2Pz7Rt5Wm8Nb4Hc6' }), method: 'GET' },
    ]);
    expect(state.flows.map((flow) => flow.callbacks.length)).toEqual([1, 0]);
  });

  it('attaches the callback of a PAR request, which names no redirect_uri, in the same tab', () => {
    const par = url(AS, { client_id: 'c', request_uri: 'urn:ietf:params:oauth:request_uri:abc' });
    const state = ingestAll(observationsOf({ request: par, callbacks: [url('https://akahu.app.example/cb', { code: 'x', event: 'ACCEPT' })] }));
    expect(state.flows).toHaveLength(1);
    expect(state.flows[0]?.callbacks).toHaveLength(1);
  });

  it('attaches a callback that landed on another registered URI when it carries the flow state', () => {
    const elsewhere = 'https://app.example.com/other-callback';
    const state = ingestAll(observationsOf({ request: goodRequest(), callbacks: [goodCallback({}, elsewhere)] }), {
      redirectUris: [{ uri: elsewhere }],
    });
    expect(state.flows).toHaveLength(1);
    expect(state.flows[0]?.callbacks[0]?.url).toBe(goodCallback({}, elsewhere));
  });

  it('keeps a callback to a registered redirect URI with no request seen as a flow of its own', () => {
    const state = ingestAll(observationsOf({ callbacks: [goodCallback()] }), { redirectUris: [{ uri: REDIRECT }] });
    expect(state.flows).toHaveLength(1);
    expect(state.flows[0]?.request).toBeUndefined();
    expect(state.flows[0]?.callbacks).toHaveLength(1);
  });

  it('ignores a URL with a code that is neither a registered nor a requested redirect URI', () => {
    expect(ingestAll(observationsOf({ callbacks: [goodCallback()] })).flows).toEqual([]);
  });

  it('ignores a visit to a registered redirect URI that carries no response parameters', () => {
    expect(ingestAll(observationsOf({ callbacks: [REDIRECT] }), { redirectUris: [{ uri: REDIRECT }] }).flows).toEqual([]);
  });

  it('gives each flow a distinct id', () => {
    const state = ingestAll([
      ...consentFlow(1, T0),
      ...consentFlow(1, T0 + 60_000, goodRequest({ state: 'second-Xq3v9Lk2Pz7Rt5Wm8Nb' }), goodCallback({ state: 'second-Xq3v9Lk2Pz7Rt5Wm8Nb', code: 'c2' })),
    ]);
    expect(state.flows.map((flow) => flow.id)).toEqual(['flow-1', 'flow-2']);
  });
});

describe('ingest: state survives a restart between any two events', () => {
  it('gives the same flows when the state is saved and restored as JSON after every observation', () => {
    const observations = [
      ...consentFlow(1, T0),
      ...consentFlow(2, T0 + 3, goodRequest({ state: 'tab2-Xq3v9Lk2Pz7Rt5Wm8Nb4' }), goodCallback({ state: 'tab2-Xq3v9Lk2Pz7Rt5Wm8Nb4' })),
    ].sort((a, b) => a.time - b.time);
    const watch = compileWatchList(SettingsSchema.parse({}));
    const uninterrupted = ingestAll(observations);
    let state: FlowState = createFlowState();
    for (const observation of observations) {
      ingest(state, observation, watch);
      state = FlowStateSchema.parse(JSON.parse(JSON.stringify(state)));
    }
    expect(state).toEqual(uninterrupted);
    expect(state.flows).toHaveLength(2);
  });
});
