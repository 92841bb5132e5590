import { describe, expect, it } from 'vitest';
import { HarSchema, type Har } from '../../../src/core/har/har-schema';
import { HarObservationCollector, harToObservations, MAX_UNREAD_LISTED } from '../../../src/core/har/har-to-observations';
import { FRAME_UNKNOWN, type Observation } from '../../../src/core/observation/observation-schema';
import { analyze } from '../../../src/core/report/analyze';
import type { AnalysisReport } from '../../../src/core/report/report-schema';
import { SettingsSchema, type SettingsInput } from '../../../src/core/settings/settings-schema';
import { flowSteps, harEntry, harOf, type HarStep, type HarStyle } from '../../support/har';
import { GOOD_CODE, GOOD_STATE, REDIRECT, T0, goodCallback, goodRequest, ingestAll } from '../../support/scenario';
import { toolHar, type ToolStyle } from './tool-exports';

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

function expectFullFlow(report: AnalysisReport): void {
  expect(report.flows).toHaveLength(1);
  const [flow] = report.flows;
  expect(flow).toMatchObject({
    outcome: 'success',
    clientId: 'demo-client',
    redirectUri: REDIRECT,
    callbacks: [{ fields: { code: GOOD_CODE, state: GOOD_STATE } }],
  });
  expect(flow!.hops.map((hop) => [hop.method, hop.url, hop.status])).toEqual([
    ['GET', goodRequest(), 302],
    ['GET', LOGIN, 200],
    ['POST', LOGIN, 303],
    ['GET', CONSENT, 200],
    ['POST', CONSENT, 303],
  ]);
  expect(flow!.callbacks).toHaveLength(1);
}

describe('harToObservations', () => {
  it.each(STYLES)('reads a %s-style recording as one successful flow with every hop', (style) => {
    expectFullFlow(analyzeHar(har(FULL_FLOW, style)));
  });

  describe('what real tools save', () => {
    const TOOLS: ToolStyle[] = ['charles', 'mitmproxy', 'safari', 'fiddler', 'chrome-sanitized', 'hand-made'];

    it.each(TOOLS)('reads a %s export as one successful flow with every hop', (style) => {
      const { observations, skipped } = harToObservations(toolHar(style, FULL_FLOW));
      expect(skipped).toEqual([]);
      expectFullFlow(analyze(ingestAll(observations), SettingsSchema.parse({})));
    });

    const entry = harEntry('chrome', { url: goodRequest(), status: 302, location: goodCallback(), form: 'a=1' }, T0) as Record<string, Record<string, unknown>>;
    const withRequest = (fields: Record<string, unknown>) => ({ ...entry, request: { ...entry.request, ...fields } });
    const withResponse = (fields: Record<string, unknown>) => ({ ...entry, response: { ...entry.response, ...fields } });
    const { startedDateTime: _start, ...undated } = entry;

    it.each<[string, unknown, Partial<Observation> & { status?: number; location?: string; error?: string }]>([
      ['"redirectURL": null (Charles): the Location header', withResponse({ redirectURL: null }), { time: T0 + 40, location: goodCallback() }],
      ['"postData": null', withRequest({ postData: null }), { method: 'POST', status: 302 }],
      [
        'postData with null params, text and mimeType',
        withRequest({ postData: { mimeType: null, params: null, text: null } }),
        { method: 'POST', status: 302 },
      ],
      ['"time": null', { ...entry, time: null }, { time: T0 }],
      ['a status written as text', withResponse({ status: ' 302 ' }), { status: 302, location: goodCallback() }],
      ['"status": null: no response', withResponse({ status: null, redirectURL: null }), { status: 0, error: 'no response (status 0)' }],
      [
        '"headers": null',
        { ...withRequest({ headers: null }), response: { ...entry.response, headers: null } },
        { destination: 'document', location: goodCallback() },
      ],
      [
        'a header whose value is null',
        withRequest({
          headers: [
            { name: 'Sec-Fetch-Dest', value: null },
            { name: 'Accept', value: 'text/html' },
          ],
        }),
        { destination: 'document' },
      ],
      ['"_resourceType": null', { ...entry, _resourceType: null }, { destination: 'document' }],
      ['"_error": null and "_failureText": null', { ...withResponse({ _error: null, _failureText: null }), _error: null }, { status: 302 }],
      ['"pageref": null and comments', { ...entry, pageref: null, comment: 'saved by hand', request: { ...entry.request, comment: '' } }, { status: 302 }],
      [
        'no cookies anywhere (a sanitized export)',
        { ...withRequest({ cookies: undefined }), response: { ...entry.response, cookies: undefined } },
        { status: 302 },
      ],
      [
        'sizes of -1 and fields of its own',
        { ...withResponse({ headersSize: -1, bodySize: -1, _transferSize: 0 }), _priority: 'VeryHigh', _initiator: { type: 'other' } },
        { status: 302 },
      ],
      // Alone in the file, with nothing to place it after: the epoch, plus its 40 ms.
      ['no startedDateTime', undated, { time: 40 }],
      ['"startedDateTime": null', { ...entry, startedDateTime: null }, { time: 40 }],
    ])('reads an entry with %s', (_name, raw, expected) => {
      const { observations, skipped } = harToObservations({ log: { entries: [raw] } });
      expect(skipped).toEqual([]);
      expect(observations).toHaveLength(2);
      expect({ ...observations[0], ...observations[1] }).toMatchObject(expected);
    });

    it('places an entry without a start time right after the entry before it in the file', () => {
      const at = (url: string, time?: number) => {
        const { startedDateTime: _ignored, ...rest } = harEntry('chrome', { url, status: 200 }, time ?? T0);
        return time === undefined ? rest : { ...rest, startedDateTime: new Date(time).toISOString() };
      };
      const entries = [
        at('https://app.example.com/undated-first'),
        at('https://app.example.com/a', T0 + 500),
        at('https://app.example.com/undated'),
        at('https://app.example.com/b', T0 + 200),
      ];
      const { observations } = harToObservations({ log: { entries } });
      expect(observations.filter((o) => o.kind === 'request').map((o) => [o.url.split('/').pop(), o.time - T0])).toEqual([
        ['b', 200],
        ['undated-first', 500],
        ['a', 500],
        ['undated', 500],
      ]);
    });
  });

  it.each(STYLES)('emits a request and a response per %s entry, in tab 0, tied by request id', (style) => {
    const observations = observe(
      [
        { url: goodRequest(), status: 302, location: goodCallback() },
        { url: goodCallback(), status: 200 },
      ],
      style,
    );
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

  describe('destination', () => {
    const pixel = `https://metrics.example.net/p.gif?u=${encodeURIComponent(goodCallback())}`;
    it.each<[string, unknown, Pick<Observation, 'destination' | 'frameId'> | 'left out']>([
      ['a Chrome document', harEntry('chrome', { url: 'https://app.example.com/', status: 200 }, T0), { destination: 'document' }],
      [
        'a Chrome iframe document (resource type document, Sec-Fetch-Dest iframe)',
        entryWith({ 'sec-fetch-dest': 'iframe', 'sec-fetch-mode': 'navigate' }, { resourceType: 'document' }),
        { destination: 'frame', frameId: FRAME_UNKNOWN },
      ],
      ['a frame of a frameset', entryWith({ 'sec-fetch-dest': 'frame' }), { destination: 'frame', frameId: FRAME_UNKNOWN }],
      ['a Chrome script', harEntry('chrome', { url: 'https://as.example.com/app.js', status: 200, resourceType: 'script' }, T0), 'left out'],
      [
        'a Chrome fetch POSTing a code',
        harEntry('chrome', { url: 'https://as.example.com/token', status: 200, resourceType: 'fetch', form: `code=${GOOD_CODE}` }, T0),
        { destination: 'subresource' },
      ],
      ['a tracking pixel echoing the callback', harEntry('chrome', { url: pixel, status: 200, resourceType: 'image' }, T0), { destination: 'subresource' }],
      [
        'an XHR to the authorization endpoint',
        harEntry('chrome', { url: goodRequest(), status: 200, resourceType: 'xhr' }, T0),
        { destination: 'subresource' },
      ],
      [
        'an XHR answered with a redirect to the callback',
        harEntry('chrome', { url: 'https://as.example.com/continue', status: 302, location: goodCallback(), resourceType: 'xhr' }, T0),
        { destination: 'subresource' },
      ],
      ['a Firefox image', harEntry('firefox', { url: 'https://as.example.com/logo.png', status: 200, resourceType: 'image' }, T0), 'left out'],
      ['an embedded object', entryWith({ 'sec-fetch-dest': 'object' }), 'left out'],
      ['a Chrome document on plain http (no Fetch Metadata)', entryWith({ accept: '*/*' }, { resourceType: 'document' }), { destination: 'document' }],
      ['a Chrome XHR on plain http carrying a state', entryWith({}, { resourceType: 'xhr', url: goodCallback() }), { destination: 'subresource' }],
      ['a navigation told by Sec-Fetch-Mode alone', entryWith({ 'sec-fetch-mode': 'navigate' }), { destination: 'document' }],
      ['a frame told by the old nested-navigate mode', entryWith({ 'sec-fetch-mode': 'nested-navigate' }), { destination: 'frame', frameId: FRAME_UNKNOWN }],
      ['a cors fetch told by Sec-Fetch-Mode alone', entryWith({ 'sec-fetch-mode': 'cors' }), 'left out'],
      ['an HTML page on plain http', entryWith({ accept: 'text/html, */*' }), { destination: 'document' }],
      ['an XHR on plain http', entryWith({ accept: 'application/json' }), 'left out'],
      ['a redirect on plain http asking for anything', entryWith({ accept: '*/*' }, { status: 302 }), 'left out'],
      ['OAuth parameters on plain http asking for anything', entryWith({ accept: '*/*' }, { url: goodCallback() }), { destination: 'subresource' }],
      ['an entry without headers (unknown: read as a document)', entryWith({}), {}],
    ])('%s', (_name, raw, expected) => {
      const { observations, skipped } = harToObservations({ log: { entries: [raw] } });
      expect(skipped).toEqual([]);
      if (expected === 'left out') {
        expect(observations).toEqual([]);
        return;
      }
      expect(observations.map((o) => o.kind)).toEqual(['request', 'response']);
      for (const observation of observations) {
        expect({ destination: observation.destination, frameId: observation.frameId }).toEqual({ destination: undefined, frameId: undefined, ...expected });
      }
    });

    it('keeps subresources with OAuth parameters out of the flow: no hop, no second flow', () => {
      const report = analyzeHar(
        har([
          { url: goodRequest(), status: 302, location: LOGIN },
          { url: LOGIN, status: 200 },
          { url: `https://metrics.example.net/p.gif?state=${GOOD_STATE}`, status: 200, resourceType: 'image' },
          { url: goodRequest(), status: 200, resourceType: 'fetch' },
          { url: 'https://as.example.com/style.css', status: 200, resourceType: 'stylesheet' },
          { url: LOGIN, status: 303, form: 'login=alice', location: goodCallback() },
          { url: goodCallback(), status: 200 },
        ]),
      );
      expect(report.flows).toHaveLength(1);
      expect(report.flows[0]!.hops.map((hop) => hop.url)).toEqual([goodRequest(), LOGIN, LOGIN]);
      expect(report.flows[0]).toMatchObject({ outcome: 'success' });
    });

    it('reads an iframe renewal as a flow of its own, in an iframe', () => {
      const silent = goodRequest({ prompt: 'none', state: 'Renewal-7Hc6Jd1Fg0Ys2UaXq3v9Lk2Pz' });
      const iframe = (url: string, status: number, location?: string) => ({
        ...harEntry('chrome', { url, status, ...(location !== undefined && { location }) }, T0 + 500),
        request: {
          method: 'GET',
          url,
          headers: [
            { name: 'Sec-Fetch-Dest', value: 'iframe' },
            { name: 'Sec-Fetch-Mode', value: 'navigate' },
          ],
        },
      });
      const top = harOf(FULL_FLOW).log.entries as unknown[];
      const callback = goodCallback({ state: 'Renewal-7Hc6Jd1Fg0Ys2UaXq3v9Lk2Pz' });
      const report = analyzeHar(
        HarSchema.parse({
          log: { entries: [...top, iframe(silent, 302, callback), { ...iframe(callback, 200), startedDateTime: new Date(T0 + 600).toISOString() }] },
        }),
      );
      expect(report.flows.map((flow) => [flow.context.kind, flow.outcome])).toEqual([
        ['tab', 'success'],
        ['iframe', 'success'],
      ]);
    });
  });

  describe('cookies', () => {
    const START = 'https://app.example.com/login';
    const steps = (setCookies: readonly string[], cookie?: string): HarStep[] => [
      { url: START, status: 302, location: goodRequest(), setCookies },
      ...flowSteps(goodRequest(), goodCallback()).map((step, index) => (index === 1 && cookie !== undefined ? { ...step, cookie } : step)),
    ];
    const requests = (observations: Observation[]) => observations.filter((o) => o.kind === 'request');
    const responses = (observations: Observation[]) => observations.filter((o) => o.kind === 'response');

    it.each(STYLES)('reads a %s recording: the Set-Cookie lines of each response and the names each request sent, without a value', (style) => {
      const observations = observe(steps(['st=v4lu3; Path=/; Max-Age=600; Secure; HttpOnly; SameSite=Lax', 'seen=v4lu3'], 'st=v4lu3; other=v4lu3'), style);
      const [start] = responses(observations);
      expect(start?.setCookies).toEqual([
        { name: 'st', path: '/', expiresAt: start!.time + 600_000, secure: true, httpOnly: true, sameSite: 'lax', size: 61, nameValueSize: 7 },
        { name: 'seen', secure: false, httpOnly: false, size: 10, nameValueSize: 9 },
      ]);
      expect(requests(observations).map((request) => request.cookieNames)).toEqual([[], [], ['st', 'other']]);
      expect(JSON.stringify(observations)).not.toContain('v4lu3');
    });

    it("reads an export's `cookies` lists where it kept no Cookie or Set-Cookie header", () => {
      const raw = harOf(steps([])) as { log: { entries: Array<{ request: Record<string, unknown>; response: Record<string, unknown> }> } };
      const [start, , callback] = raw.log.entries;
      start!.response.cookies = [
        { name: 'st', value: 'v4lu3', path: '/', expires: '2026-11-23T13:00:00.000Z', httpOnly: true, secure: true, sameSite: 'Strict' },
      ];
      callback!.request.cookies = [{ name: 'st', value: 'v4lu3' }];
      const { observations } = harToObservations(HarSchema.parse(raw));
      expect(responses(observations)[0]?.setCookies).toEqual([
        expect.objectContaining({ name: 'st', path: '/', expiresAt: Date.UTC(2026, 10, 23, 13), secure: true, httpOnly: true, sameSite: 'strict' }),
      ]);
      expect(requests(observations).at(-1)?.cookieNames).toEqual(['st']);
      expect(JSON.stringify(observations)).not.toContain('v4lu3');
    });

    it.each<[string, Har, string[]]>([
      [
        'a sanitized export says its cookies could not be checked',
        HarSchema.parse(toolHar('chrome-sanitized', steps(['st=1'], 'st=1'))),
        ['cookies-not-visible'],
      ],
      ['a recording whose state cookie came back passes', har(steps(['st=1; Path=/; Secure'], 'st=1')), []],
      ['a recording whose state cookie stayed home names it', har(steps(['st=1; Path=/; Secure'], 'other=1')), ['cookie-not-returned']],
    ])('%s', (_name, input, expected) => {
      const ids = analyzeHar(input).flows.flatMap((flow) => flow.findings.map((finding) => finding.id));
      expect(ids.filter((id) => id.startsWith('cookie'))).toEqual(expected);
    });

    it('claims to know no cookie of a file that holds none (a sanitized export): its checks cannot run', () => {
      for (const observations of [observe(steps([])), harToObservations(toolHar('chrome-sanitized', steps(['st=1'], 'st=1'))).observations]) {
        expect(observations.some((o) => (o.kind === 'request' && o.cookieNames) || (o.kind === 'response' && o.setCookies))).toBe(false);
      }
    });
  });

  describe('POSTed forms', () => {
    const form = `code=${GOOD_CODE}&state=${encodeURIComponent('a/b+c d')}&note=one+two`;

    it.each(STYLES)('decodes a %s-style form body once, whatever the style lists in params', (style) => {
      const [request] = observe([{ url: REDIRECT, status: 200, form }], style);
      expect(request).toMatchObject({
        method: 'POST',
        formData: [
          ['code', GOOD_CODE],
          ['state', 'a/b+c d'],
          ['note', 'one two'],
        ],
      });
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
      expect(observations[0]).toMatchObject({
        formData: [
          ['code', GOOD_CODE],
          ['state', 'a/b+c d'],
          ['note', 'one two'],
        ],
      });
    });

    it('reads a form_post callback as the flow callback', () => {
      const request = goodRequest({ response_mode: 'form_post' });
      const report = analyzeHar(
        har([
          { url: request, status: 200 },
          { url: REDIRECT, status: 302, form: `code=${GOOD_CODE}&state=${GOOD_STATE}`, location: 'https://app.example.com/home' },
          { url: 'https://app.example.com/home', status: 200 },
        ]),
      );
      expect(report.flows).toHaveLength(1);
      expect(report.flows[0]).toMatchObject({
        outcome: 'success',
        callbacks: [{ method: 'POST', status: 302, fields: { code: GOOD_CODE, state: GOOD_STATE } }],
      });
    });

    it('keeps GET requests free of form data', () => {
      const [request] = observe([{ url: REDIRECT, method: 'GET', status: 200, form: 'a=1' }]);
      expect(request).not.toHaveProperty('formData');
    });
  });

  describe("the page's code exchange", () => {
    it('reads a token request with its Authorization scheme and the error its answer names, and nothing more of the body', () => {
      const token = 'https://as.example.com/token';
      const file = harOf([
        ...flowSteps(goodRequest(), goodCallback()),
        {
          url: token,
          status: 400,
          resourceType: 'fetch',
          form: `grant_type=authorization_code&code=${GOOD_CODE}&redirect_uri=${encodeURIComponent(REDIRECT)}`,
        },
      ]);
      const exchange = (file.log.entries as unknown[]).at(-1) as { request: { headers: object[] }; response: { content: object } };
      exchange.request.headers.push({ name: 'Authorization', value: 'Basic ZGVtby1jbGllbnQ6czNjcjN0' });
      exchange.response.content = { mimeType: 'application/json', text: '{"error":"invalid_grant","error_description":"code expired"}' };
      const observations = harToObservations(HarSchema.parse(file)).observations;
      expect(observations.filter((o) => o.url === token)).toEqual([
        expect.objectContaining({ kind: 'request', authScheme: 'Basic', destination: 'subresource' }),
        expect.objectContaining({ kind: 'response', status: 400, oauthError: { error: 'invalid_grant', description: 'code expired' } }),
      ]);
      expect(JSON.stringify(observations)).not.toContain('ZGVtby1jbGllbnQ6czNjcjN0');
      const [flow] = analyzeHar(HarSchema.parse(file)).flows;
      expect(flow!.exchanges).toEqual([expect.objectContaining({ url: token, status: 400, authScheme: 'Basic', clientSecret: false })]);
      expect(flow!.findings.map((finding) => finding.id)).toEqual(expect.arrayContaining(['client-secret-in-browser', 'token-error']));
    });

    it('reads an entry whose body is no JSON, or whose content is odd, without losing the entry', () => {
      const token = 'https://as.example.com/token';
      const file = harOf([{ url: token, status: 500, resourceType: 'xhr', form: `grant_type=authorization_code&code=${GOOD_CODE}` }]);
      ((file.log.entries as unknown[])[0] as { response: { content: unknown } }).response.content = 'not an object';
      const { observations, skipped } = harToObservations(HarSchema.parse(file));
      expect(skipped).toEqual([]);
      expect(observations.find((o) => o.kind === 'response')).not.toHaveProperty('oauthError');
    });
  });

  describe('redirects', () => {
    it.each(STYLES)('resolves a relative Location (%s style) against the answering URL', (style) => {
      const relative = `/callback?code=${GOOD_CODE}&state=${GOOD_STATE}`;
      const request = goodRequest({ redirect_uri: 'https://as.example.com/callback' });
      const observations = observe(
        [
          { url: request, status: 302, location: relative },
          { url: `https://as.example.com${relative}`, status: 200 },
        ],
        style,
      );
      expect(observations[1]).toMatchObject({ kind: 'response', location: relative });
      const report = analyze(ingestAll(observations), SettingsSchema.parse({}));
      expect(report.flows).toHaveLength(1);
      expect(report.flows[0]).toMatchObject({ outcome: 'success', callbacks: [{ url: `https://as.example.com${relative}`, status: 200 }] });
    });

    it('keeps the fragment of a Location, where an implicit flow puts its tokens', () => {
      const callback = `${REDIRECT}#access_token=SlAV32hkKG&state=${GOOD_STATE}`;
      const observations = observe([
        { url: goodRequest({ response_type: 'token' }), status: 302, location: callback },
        { url: REDIRECT, status: 200 },
      ]);
      expect(observations[1]).toMatchObject({ location: callback });
      const report = analyze(ingestAll(observations), SettingsSchema.parse({}));
      expect(report.flows).toHaveLength(1);
      expect(report.flows[0]!.callbacks).toMatchObject([{ url: callback, fields: { accessToken: 'SlAV32hkKG', state: GOOD_STATE } }]);
    });

    it('takes the fragment from the Location header when redirectURL drops it, as Playwright writes it', () => {
      const callback = `${REDIRECT}#code=${GOOD_CODE}&state=${GOOD_STATE}`;
      const file = harOf(
        [
          { url: goodRequest({ response_mode: 'fragment' }), status: 303, location: callback },
          { url: REDIRECT, status: 200 },
        ],
        'playwright',
      );
      const [redirect] = file.log.entries as Array<{ response: { redirectURL: string } }>;
      redirect!.response.redirectURL = REDIRECT;
      const report = analyzeHar(HarSchema.parse(file));
      expect(report.flows).toHaveLength(1);
      expect(report.flows[0]).toMatchObject({ outcome: 'success', callbacks: [{ url: callback, fields: { code: GOOD_CODE, state: GOOD_STATE } }] });
    });

    it('reads the Location header when redirectURL is empty, but only on a 3xx', () => {
      const observations = observe(
        [
          { url: 'https://app.example.com/created', status: 201, location: 'https://app.example.com/item/1' },
          { url: 'https://app.example.com/moved', status: 301, location: 'https://app.example.com/new' },
        ],
        'firefox',
      );
      expect(observations.filter((o) => o.kind === 'response').map((o) => o.kind === 'response' && o.location)).toEqual([
        undefined,
        'https://app.example.com/new',
      ]);
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
      ['a status that is no number', { ...good, response: { ...(response as object), status: 'Found' } }, /^response\.status: not a status code$/],
      ['a status that is an object', { ...good, response: { ...(response as object), status: { code: 302 } } }, /^response\.status: not a status code$/],
      ['an empty URL', { ...good, request: { ...(request as object), url: '' } }, /^request\.url: /],
      ['headers that are not a list', { ...good, request: { ...(request as object), headers: 'Accept: */*' } }, /^request\.headers: /],
    ])('skips %s with a reason and reads the rest', (_name, bad, reason) => {
      const result = harToObservations(HarSchema.parse({ log: { entries: [good, bad, callback] } }));
      expect(result.skipped).toEqual([{ index: 1, reason: expect.stringMatching(reason) }]);
      expect(result).toMatchObject({ entries: 3, skippedCount: 1 });
      expect(result.observations.map((o) => o.requestId)).toEqual(['har-0', 'har-0', 'har-2', 'har-2']);
    });

    it(`lists the first ${MAX_UNREAD_LISTED} unread entries and counts them all`, () => {
      const result = harToObservations({ log: { entries: [good, ...Array.from({ length: 250 }, () => null), callback] } });
      expect(result).toMatchObject({ entries: 252, skippedCount: 250 });
      expect(result.skipped).toHaveLength(MAX_UNREAD_LISTED);
      expect(result.skipped.at(-1)).toMatchObject({ index: MAX_UNREAD_LISTED });
      expect(result.observations).toHaveLength(4);
    });

    it('says a field left out by the reader for its length is too long, not missing', () => {
      const collector = new HarObservationCollector();
      const { url: _url, ...withoutUrl } = request as Record<string, unknown>;
      collector.add(0, { ...good, request: withoutUrl }, ['request.url']);
      expect(collector.finish().skipped).toEqual([{ index: 0, reason: 'request.url: too long to read' }]);
    });

    it('never throws, whatever the entries hold', () => {
      const entries = [undefined, 0, [], {}, { request: {}, response: {} }, { startedDateTime: 5 }];
      const result = harToObservations({ log: { entries } });
      expect(result.observations).toEqual([]);
      expect(result.skipped.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(result).toMatchObject({ entries: 6, skippedCount: 6 });
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
      expect(observations.map((o) => `${o.kind} ${o.url.slice(-1)}`)).toEqual([
        'request a',
        'response a',
        'request b',
        'response b',
        'request c',
        'response c',
      ]);
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
      const observations = harToObservations(
        HarSchema.parse({
          log: {
            entries: [
              { ...entry, time: -1 },
              { ...entry, time: undefined },
            ],
          },
        }),
      ).observations;
      expect(observations.map((o) => o.time)).toEqual([T0, T0, T0, T0]);
    });
  });
});

/** An entry with only the given request headers, and Chrome's resource type when given. */
function entryWith(headers: Record<string, string>, options: { status?: number; url?: string; resourceType?: string } = {}): unknown {
  return {
    startedDateTime: new Date(T0).toISOString(),
    time: 1,
    ...(options.resourceType !== undefined && { _resourceType: options.resourceType }),
    request: {
      method: 'GET',
      url: options.url ?? 'http://client.example.test/page',
      headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
    },
    response: { status: options.status ?? 200, headers: [] },
  };
}
