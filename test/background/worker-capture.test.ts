import { beforeEach, describe, expect, it } from 'vitest';
import { SettingsSchema, type SettingsInput } from '../../src/core/settings/settings-schema';
import { AS, GOOD_CODE, GOOD_STATE, goodCallback, goodRequest, REDIRECT, T0, url } from '../support/scenario';
import { BrowserTrace, deliver, groupedByApi } from './support/browser-trace';
import { bootWorker, fakeBrowser } from './support/fake-extension';
import { ask, flowsOf } from './support/requests';

const RP_LOGIN = 'https://app.example.com/login';
const LOGIN = 'https://as.example.com/login';

/** RP login -302-> authorization request -302-> login page; POST login -303-> callback. */
function consentTrace(tabId = 7, start = T0, callback = goodCallback()): BrowserTrace {
  return new BrowserTrace(tabId, start)
    .request(RP_LOGIN)
    .redirect(RP_LOGIN, 302, goodRequest())
    .request(goodRequest())
    .redirect(goodRequest(), 302, LOGIN)
    .request(LOGIN)
    .completed(LOGIN)
    .commit(LOGIN)
    .request(LOGIN, { method: 'POST', formData: { login: ['alice'], password: ['hunter2'] } })
    .redirect(LOGIN, 303, callback, 'POST')
    .request(callback)
    .completed(callback)
    .commit(callback);
}

beforeEach(() => fakeBrowser.reset());

describe('worker: browser events in, flows out', () => {
  it('correlates a webRequest chain into one flow: request, hops with statuses, callback', async () => {
    const extension = await bootWorker();
    await deliver(extension, consentTrace().events);
    const [flow, ...others] = await flowsOf(extension);
    expect(others).toEqual([]);
    expect(flow).toMatchObject({ tabId: 7, outcome: 'success', clientId: 'demo-client', redirectUri: REDIRECT });
    expect(flow?.hops.map((hop) => [hop.method, hop.url, hop.status])).toEqual([
      ['GET', goodRequest(), 302],
      ['GET', LOGIN, 200],
      ['POST', LOGIN, 303],
    ]);
    expect(flow?.callbacks.map((callback) => [callback.url, callback.status, callback.fields.code])).toEqual([[goodCallback(), 200, GOOD_CODE]]);
    expect(flow?.startedAt).toBeGreaterThan(T0);
  });

  it("uses the events' own timestamps as times", async () => {
    const extension = await bootWorker();
    const trace = consentTrace();
    await deliver(extension, trace.events);
    const [flow] = await flowsOf(extension);
    const stamps = trace.events.map((event) => event.details.timeStamp);
    // Each is first seen in the Location of the redirect that announced it.
    expect(flow?.request?.time).toBe(stamps[1]);
    expect(flow?.callbacks[0]?.time).toBe(stamps[8]);
    expect(flow?.hops[1]?.time).toBe(stamps[4]);
  });

  it('gives the same flow when the events arrive grouped by API, as Firefox delivers them after a wake', async () => {
    const inOrder = await bootWorker();
    await deliver(inOrder, consentTrace().events);
    const expected = await flowsOf(inOrder);
    fakeBrowser.reset();
    const grouped = await bootWorker();
    await deliver(grouped, groupedByApi(consentTrace().events));
    expect(await flowsOf(grouped)).toEqual(expected);
  });

  it('takes the fragment from the committed navigation, the only event that reports it', async () => {
    const extension = await bootWorker();
    const callback = url(REDIRECT, {}, { access_token: 'tok-1', state: GOOD_STATE });
    const request = goodRequest({ response_type: 'token' });
    const trace = new BrowserTrace(3, T0).request(request).redirect(request, 302, REDIRECT).request(REDIRECT).completed(REDIRECT).commit(callback);
    await deliver(extension, trace.events);
    const [flow] = await flowsOf(extension);
    expect(flow?.callbacks[0]?.fields.accessToken).toBe('tok-1');
  });

  it('reads POSTed form fields of a form_post callback', async () => {
    const extension = await bootWorker();
    const request = goodRequest({ response_mode: 'form_post' });
    const trace = new BrowserTrace(3, T0)
      .request(request)
      .completed(request)
      .commit(request)
      .request(REDIRECT, { method: 'POST', formData: { code: [GOOD_CODE], state: [GOOD_STATE] } })
      .completed(REDIRECT, 200, 'POST')
      .commit(REDIRECT);
    await deliver(extension, trace.events);
    const [flow] = await flowsOf(extension);
    expect(flow?.callbacks[0]).toMatchObject({ method: 'POST', fields: { code: GOOD_CODE, state: GOOD_STATE } });
  });

  it("records a failed request as status 0 with the browser's error", async () => {
    const extension = await bootWorker();
    const trace = new BrowserTrace(3, T0).request(goodRequest()).failed(goodRequest(), 'net::ERR_CONNECTION_REFUSED');
    await deliver(extension, trace.events);
    const [flow] = await flowsOf(extension);
    expect(flow?.hops[0]).toMatchObject({ status: 0, error: 'net::ERR_CONNECTION_REFUSED' });
  });

  it('ignores requests outside any tab (tabId -1)', async () => {
    const extension = await bootWorker();
    await deliver(extension, new BrowserTrace(-1, T0).chain(goodRequest(), goodCallback()).events);
    expect(await flowsOf(extension)).toEqual([]);
  });

  it('keeps tabs apart and answers getFlows for one tab', async () => {
    const extension = await bootWorker();
    await deliver(extension, consentTrace(1, T0).events);
    await deliver(extension, consentTrace(2, T0 + 1000).events);
    expect((await flowsOf(extension)).map((flow) => flow.tabId)).toEqual([1, 2]);
    const tab2 = await ask(extension, 'getFlows', { tabId: 2 });
    expect(tab2.report.flows.map((flow) => flow.tabId)).toEqual([2]);
    expect(tab2.report.summary.flows).toBe(1);
  });

  it('broadcasts flowsChanged after a change, and nothing for traffic that concerns no flow', async () => {
    const extension = await bootWorker();
    await deliver(extension, consentTrace().events);
    await extension.worker.flush();
    expect(extension.broadcasts).toEqual([{ channel: 'consent-lens', event: 'flowsChanged' }]);
    await deliver(extension, new BrowserTrace(7, T0 + 5000).chain('https://app.example.com/home').events);
    await extension.worker.flush();
    expect(extension.broadcasts).toHaveLength(1);
  });

  it('clears the flows on request, and keeps counting ids', async () => {
    const extension = await bootWorker();
    await deliver(extension, consentTrace().events);
    expect(await ask(extension, 'clearFlows', {})).toEqual({ cleared: 1 });
    expect(await flowsOf(extension)).toEqual([]);
    await deliver(extension, consentTrace(7, T0 + 5000).events);
    expect((await flowsOf(extension)).map((flow) => flow.id)).toEqual(['flow-2']);
  });

  it("forgets a closed tab's cursor but keeps its flows", async () => {
    const extension = await bootWorker();
    // A redirect whose follow-up request never came leaves the tab expecting it.
    await deliver(extension, new BrowserTrace(9, T0).request(goodRequest()).redirect(goodRequest(), 302, LOGIN).events);
    await extension.worker.flush();
    const before = (await fakeBrowser.storage.session.get('flow-state'))['flow-state'] as { value: { tabs: object } };
    expect(before.value.tabs).toHaveProperty('9');
    await extension.events.onTabRemoved.fire(9, { windowId: 1, isWindowClosing: false });
    const after = (await fakeBrowser.storage.session.get('flow-state'))['flow-state'] as { value: { tabs: object } };
    expect(after.value.tabs).not.toHaveProperty('9');
    expect(await flowsOf(extension)).toHaveLength(1);
  });
});

describe('worker: which navigations it looks at', () => {
  // Navigations only: webNavigation reports them for every site, with or without host access.
  it.each<[string, SettingsInput, string[], number]>([
    ['an unwatched site', {}, [], 0],
    ['a site registered only as a redirect URI, not this authorization server', { redirectUris: [{ uri: REDIRECT }] }, [], 0],
    ['a registered authorization server', { redirectUris: [{ uri: REDIRECT, authorizationServers: [AS] }] }, [], 1],
    ['a granted origin', {}, ['https://as.example.com/*'], 1],
    ['any site when the user watches all sites', { capture: { watchAllSites: true } }, [], 1],
  ])('an authorization request on %s', async (_, settings, origins, flows) => {
    const extension = await bootWorker({ origins });
    await ask(extension, 'saveSettings', { settings: SettingsSchema.parse(settings) });
    await deliver(extension, new BrowserTrace(4, T0).commit(goodRequest()).events);
    expect(await flowsOf(extension)).toHaveLength(flows);
  });

  it('records a bare callback at a registered redirect URI', async () => {
    const extension = await bootWorker();
    await ask(extension, 'saveSettings', { settings: SettingsSchema.parse({ redirectUris: [{ uri: 'https://spa.example.org/cb' }] }) });
    await deliver(extension, new BrowserTrace(4, T0).commit(url('https://spa.example.org/cb', {}, { code: GOOD_CODE, state: GOOD_STATE })).events);
    expect(await flowsOf(extension)).toHaveLength(1);
  });

  it('watches the redirect URI of a flow it recorded, even in the same batch of events', async () => {
    const extension = await bootWorker();
    // The request comes through webRequest (host access to the AS); the callback's fragment only
    // through webNavigation on an origin nobody registered.
    const request = goodRequest({ redirect_uri: 'https://spa.example.org/cb', response_type: 'token' });
    const fragmentCallback = url('https://spa.example.org/cb', {}, { access_token: 'tok-2', state: GOOD_STATE });
    await deliver(extension, new BrowserTrace(4, T0).request(request).completed(request).commit(fragmentCallback).events);
    const [flow] = await flowsOf(extension);
    expect(flow?.callbacks[0]?.fields.accessToken).toBe('tok-2');
  });

  it('sees newly granted origins after permissions change', async () => {
    const extension = await bootWorker();
    await deliver(extension, new BrowserTrace(4, T0).commit(goodRequest()).events);
    expect(await flowsOf(extension)).toHaveLength(0);
    extension.permissions.origins.push('https://as.example.com/*');
    await extension.events.onPermissionsAdded.fire({ origins: ['https://as.example.com/*'] });
    await deliver(extension, new BrowserTrace(4, T0 + 100).commit(goodRequest({ state: 'another-state-value-123' })).events);
    expect(await flowsOf(extension)).toHaveLength(1);
  });
});
