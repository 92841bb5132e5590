import { describe, expect, it } from 'vitest';
import { HarEntrySchema, HarSchema, type Har } from '../../../src/core/har/har-schema';
import { harToObservations, isNavigationLike } from '../../../src/core/har/har-to-observations';
import type { Observation } from '../../../src/core/observation/observation-schema';
import { analyze } from '../../../src/core/report/analyze';
import type { AnalysisReport } from '../../../src/core/report/report-schema';
import { SettingsSchema, type SettingsInput } from '../../../src/core/settings/settings-schema';
import { flowSteps, harEntry, harOf, type HarStep, type HarStyle } from '../../support/har';
import { GOOD_CODE, GOOD_STATE, REDIRECT, T0, goodCallback, goodRequest, ingestAll } from '../../support/scenario';

const STYLES: HarStyle[] = ['chrome', 'firefox', 'playwright'];
const LOGIN = 'https://as.example.com/login?uid=Kq2';
const CONSENT = 'https://as.example.com/consent?uid=Kq2';

function har(steps: readonly HarStep[], style: HarStyle = 'chrome'): Har {
  return HarSchema.parse(harOf(steps, style));
}

function observe(steps: readonly HarStep[], style: HarStyle = 'chrome'): Observation[] {
  const { observations, skipped } = harToObservations(har(steps, style));
  expect(skipped).toEqual([]);
  return observations;
}

function analyzeHar(input: Har, settings: SettingsInput = {}): AnalysisReport {
  return analyze(ingestAll(harToObservations(input).observations, settings), SettingsSchema.parse(settings));
}

/** A login page, the form POSTed back, a consent page and its POST, then the callback. */
const FULL_FLOW = flowSteps(goodRequest(), goodCallback(), [
  { url: LOGIN, status: 200 },
  { url: LOGIN, status: 303, form: 'login=alice&password=secret' },
  { url: CONSENT, status: 200 },
  { url: CONSENT, status: 303, form: 'prompt=consent' },
]);

describe('harToObservations', () => {
  it.each(STYLES)('reads a %s-style recording as one successful flow with every hop', (style) => {
    const report = analyzeHar(har(FULL_FLOW, style));
    expect(report.flows).toHaveLength(1);
    const [flow] = report.flows;
    expect(flow).toMatchObject({ outcome: 'success', clientId: 'demo-client', redirectUri: REDIRECT, callbacks: [{ fields: { code: GOOD_CODE, state: GOOD_STATE } }] });
    expect(flow!.hops.map((hop) => [hop.method, hop.url, hop.status])).toEqual([
      ['GET', goodRequest(), 302],
      ['GET', LOGIN, 200],
      ['POST', LOGIN, 303],
      ['GET', CONSENT, 200],
      ['POST', CONSENT, 303],
    ]);
    expect(flow!.callbacks).toHaveLength(1);
  });

  it.each(STYLES)('emits a request and a response per %s entry, in tab 0, tied by request id', (style) => {
    const observations = observe([{ url: goodRequest(), status: 302, location: goodCallback() }, { url: goodCallback(), status: 200 }], style);
    expect(observations.map((o) => [o.kind, o.tabId, o.requestId])).toEqual([
      ['request', 0, 'har-0'],
      ['response', 0, 'har-0'],
      ['request', 0, 'har-1'],
      ['response', 0, 'har-1'],
    ]);
    expect(observations[0]).toMatchObject({ kind: 'request', time: T0 + 100, url: goodRequest(), method: 'GET' });
    expect(observations[1]).toMatchObject({ kind: 'response', time: T0 + 140, status: 302, location: goodCallback() });
    expect(observations[3]).not.toHaveProperty('location');
  });

  it.each([
    ['a Chrome subresource', harEntry('chrome', { url: 'https://as.example.com/app.js', status: 200, resourceType: 'script' }, T0), false],
    ['a Chrome fetch carrying a code', harEntry('chrome', { url: 'https://as.example.com/token', status: 200, resourceType: 'fetch', form: `code=${GOOD_CODE}` }, T0), false],
    ['a Chrome document', harEntry('chrome', { url: 'https://app.example.com/', status: 200 }, T0), true],
    ['a Firefox image', harEntry('firefox', { url: 'https://as.example.com/logo.png', status: 200, resourceType: 'image' }, T0), false],
    ['a Firefox navigation', harEntry('firefox', { url: 'https://app.example.com/', status: 200 }, T0), true],
    ['an iframe', entryWith({ 'sec-fetch-dest': 'iframe', 'sec-fetch-mode': 'no-cors' }), true],
    ['an XHR on plain http (no fetch metadata)', entryWith({ accept: 'application/json' }), false],
    ['an HTML page on plain http', entryWith({ accept: 'text/html, */*' }), true],
    ['a redirect on plain http', entryWith({ accept: '*/*' }, 302), true],
    ['OAuth parameters on plain http', entryWith({ accept: '*/*' }, 200, goodCallback()), true],
    ['an entry without headers', entryWith({}), true],
  ])('%s is navigation-like: %s', (_name, raw, expected) => {
    expect(isNavigationLike(HarEntrySchema.parse(raw))).toBe(expected);
  });

  it('leaves out subresources', () => {
    const { observations } = harToObservations(har([
      { url: goodRequest(), status: 302, location: LOGIN },
      { url: LOGIN, status: 200 },
      { url: 'https://as.example.com/style.css', status: 200, resourceType: 'stylesheet' },
      { url: 'https://fonts.example.net/font.woff2', status: 0, resourceType: 'font', failure: 'net::ERR_NAME_NOT_RESOLVED' },
    ]));
    expect(observations.map((o) => o.url)).toEqual([goodRequest(), goodRequest(), LOGIN, LOGIN]);
  });

  describe('POSTed forms', () => {
    const form = `code=${GOOD_CODE}&state=${encodeURIComponent('a/b+c d')}&note=one+two`;

    it.each(STYLES)('decodes a %s-style form body once, whatever the style lists in params', (style) => {
      const [request] = observe([{ url: REDIRECT, status: 200, form }], style);
      expect(request).toMatchObject({ method: 'POST', formData: [['code', GOOD_CODE], ['state', 'a/b+c d'], ['note', 'one two']] });
    });

    it.each([
      ['missing', undefined],
      // Playwright's recordHar with content: 'omit' writes the text empty but keeps the params.
      ['empty', ''],
    ])('uses params when the body text is %s', (_name, text) => {
      const entry = harEntry('playwright', { url: REDIRECT, status: 200, form }, T0);
      const postData = (entry.request as { postData: { text?: string } }).postData;
      if (text === undefined) delete postData.text;
      else postData.text = text;
      const { observations } = harToObservations(HarSchema.parse({ log: { entries: [entry] } }));
      expect(observations[0]).toMatchObject({ formData: [['code', GOOD_CODE], ['state', 'a/b+c d'], ['note', 'one two']] });
    });

    it('reads a form_post callback as the flow callback', () => {
      const request = goodRequest({ response_mode: 'form_post' });
      const report = analyzeHar(har([
        { url: request, status: 200 },
        { url: REDIRECT, status: 302, form: `code=${GOOD_CODE}&state=${GOOD_STATE}`, location: 'https://app.example.com/home' },
        { url: 'https://app.example.com/home', status: 200 },
      ]));
      expect(report.flows).toHaveLength(1);
      expect(report.flows[0]).toMatchObject({ outcome: 'success', callbacks: [{ method: 'POST', status: 302, fields: { code: GOOD_CODE, state: GOOD_STATE } }] });
    });

    it('keeps GET requests free of form data', () => {
      const [request] = observe([{ url: REDIRECT, method: 'GET', status: 200, form: 'a=1' }]);
      expect(request).not.toHaveProperty('formData');
    });
  });

  describe('redirects', () => {
    it.each(STYLES)('resolves a relative Location (%s style) against the answering URL', (style) => {
      const relative = `/callback?code=${GOOD_CODE}&state=${GOOD_STATE}`;
      const request = goodRequest({ redirect_uri: 'https://as.example.com/callback' });
      const observations = observe([{ url: request, status: 302, location: relative }, { url: `https://as.example.com${relative}`, status: 200 }], style);
      expect(observations[1]).toMatchObject({ kind: 'response', location: relative });
      const report = analyze(ingestAll(observations), SettingsSchema.parse({}));
      expect(report.flows).toHaveLength(1);
      expect(report.flows[0]).toMatchObject({ outcome: 'success', callbacks: [{ url: `https://as.example.com${relative}`, status: 200 }] });
    });

    it('keeps the fragment of a Location, where an implicit flow puts its tokens', () => {
      const callback = `${REDIRECT}#access_token=SlAV32hkKG&state=${GOOD_STATE}`;
      const observations = observe([{ url: goodRequest({ response_type: 'token' }), status: 302, location: callback }, { url: REDIRECT, status: 200 }]);
      expect(observations[1]).toMatchObject({ location: callback });
      const report = analyze(ingestAll(observations), SettingsSchema.parse({}));
      expect(report.flows).toHaveLength(1);
      expect(report.flows[0]!.callbacks).toMatchObject([{ url: callback, fields: { accessToken: 'SlAV32hkKG', state: GOOD_STATE } }]);
    });

    it('reads the Location header when redirectURL is empty, but only on a 3xx', () => {
      const observations = observe([
        { url: 'https://app.example.com/created', status: 201, location: 'https://app.example.com/item/1' },
        { url: 'https://app.example.com/moved', status: 301, location: 'https://app.example.com/new' },
      ], 'firefox');
      expect(observations.filter((o) => o.kind === 'response').map((o) => o.kind === 'response' && o.location)).toEqual([undefined, 'https://app.example.com/new']);
    });
  });

  describe('failures', () => {
    it.each([
      ['chrome', 'net::ERR_CONNECTION_REFUSED'],
      ['playwright', 'net::ERR_CONNECTION_REFUSED'],
      ['firefox', 'NS_ERROR_CONNECTION_REFUSED'],
    ] as const)('reports a %s failure as status 0 with its error text', (style, failure) => {
      const [, response] = observe([{ url: REDIRECT, status: 0, failure }], style);
      expect(response).toMatchObject({ kind: 'response', status: 0, error: failure });
    });

    it('reports status 0 without a reason as no response', () => {
      const [, response] = observe([{ url: REDIRECT, status: 0 }]);
      expect(response).toMatchObject({ status: 0, error: 'no response (status 0)' });
    });
  });

  describe('malformed entries', () => {
    const good = harEntry('chrome', { url: goodRequest(), status: 302, location: goodCallback() }, T0);
    const callback = harEntry('chrome', { url: goodCallback(), status: 200 }, T0 + 100);
    const { request, response, ...withoutParts } = good as { request: unknown; response: unknown };

    it.each([
      ['null', null, /not a HAR entry/],
      ['a string', 'entry', /not a HAR entry/],
      ['no request', { ...withoutParts, response }, /^request: missing$/],
      ['no response', { ...withoutParts, request }, /^response: missing$/],
      ['a date that is not one', { ...good, startedDateTime: 'yesterday' }, /^startedDateTime: not a date and time$/],
      ['a status that is text', { ...good, response: { ...(response as object), status: '302' } }, /^response\.status: /],
      ['an empty URL', { ...good, request: { ...(request as object), url: '' } }, /^request\.url: /],
      ['headers that are not a list', { ...good, request: { ...(request as object), headers: 'Accept: */*' } }, /^request\.headers: /],
    ])('skips %s with a reason and reads the rest', (_name, bad, reason) => {
      const result = harToObservations(HarSchema.parse({ log: { entries: [good, bad, callback] } }));
      expect(result.skipped).toEqual([{ index: 1, reason: expect.stringMatching(reason) }]);
      expect(result.observations.map((o) => o.requestId)).toEqual(['har-0', 'har-0', 'har-2', 'har-2']);
    });

    it('never throws, whatever the entries hold', () => {
      const entries = [undefined, 0, [], {}, { request: {}, response: {} }, { startedDateTime: 5 }];
      const result = harToObservations({ log: { entries } });
      expect(result.observations).toEqual([]);
      expect(result.skipped.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
    });
  });

  describe('ordering', () => {
    it('sorts entries by start time, whatever their order in the file', () => {
      const file = harOf(FULL_FLOW);
      const entries = file.log.entries as unknown[];
      entries.reverse();
      const report = analyzeHar(HarSchema.parse(file));
      expect(report.flows).toHaveLength(1);
      expect(report.flows[0]).toMatchObject({ outcome: 'success' });
      expect(report.flows[0]!.hops).toHaveLength(5);
    });

    it('keeps file order for entries that started in the same millisecond', () => {
      const observations = observe([
        { url: 'https://app.example.com/a', status: 200, took: 0 },
        { url: 'https://app.example.com/b', status: 200, took: 0, after: 0 },
        { url: 'https://app.example.com/c', status: 200, took: 0, after: 0 },
      ]);
      expect(observations.map((o) => `${o.kind} ${o.url.slice(-1)}`)).toEqual(['request a', 'response a', 'request b', 'response b', 'request c', 'response c']);
    });

    it('never puts a response after the next navigation started, even when its time says so', () => {
      // Devtools round starts to the millisecond and count the body in `time`.
      const observations = observe([
        { url: goodRequest(), status: 302, location: goodCallback(), took: 12.7 },
        { url: goodCallback(), status: 200, after: 12 },
      ]);
      expect(observations.map((o) => [o.kind, o.requestId, o.time - T0])).toEqual([
        ['request', 'har-0', 100],
        ['response', 'har-0', 112],
        ['request', 'har-1', 112],
        ['response', 'har-1', 152],
      ]);
      const report = analyze(ingestAll(observations), SettingsSchema.parse({}));
      expect(report.flows[0]!.callbacks).toHaveLength(1);
    });

    it('treats a missing or negative time as an instant answer', () => {
      const entry = harEntry('chrome', { url: REDIRECT, status: 200 }, T0);
      const observations = harToObservations(HarSchema.parse({ log: { entries: [{ ...entry, time: -1 }, { ...entry, time: undefined }] } })).observations;
      expect(observations.map((o) => o.time)).toEqual([T0, T0, T0, T0]);
    });
  });
});

function entryWith(headers: Record<string, string>, status = 200, url = 'http://client.example.test/page'): unknown {
  return {
    startedDateTime: new Date(T0).toISOString(),
    time: 1,
    request: { method: 'GET', url, headers: Object.entries(headers).map(([name, value]) => ({ name, value })) },
    response: { status, headers: [] },
  };
}
