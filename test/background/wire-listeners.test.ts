import { beforeEach, describe, expect, it } from 'vitest';
import { goodCallback, goodRequest, T0 } from '../support/scenario';
import { BrowserTrace, deliver } from './support/browser-trace';
import { bootWorker, fakeBrowser } from './support/fake-extension';
import { flowsOf } from './support/requests';

beforeEach(() => fakeBrowser.reset());

describe('wireListeners', () => {
  it('listens to top-level documents and frames on every granted origin, with request bodies', async () => {
    const { events } = await bootWorker();
    const filter = { urls: ['<all_urls>'], types: ['main_frame', 'sub_frame'] };
    expect(events.onBeforeRequest.options()).toEqual([filter, ['requestBody']]);
    for (const event of [events.onBeforeRedirect, events.onCompleted, events.onErrorOccurred]) expect(event.options()).toEqual([filter]);
  });

  it.each([
    ['Chromium, which hides cookies without it', 'chromium', ['extraHeaders']],
    ['Firefox, which shows them and refuses the option', 'firefox', []],
    ['a browser that names it nowhere', undefined, []],
    ['a browser that names it but refuses it (listening without it beats not listening)', 'misleading', []],
  ] as const)("asks for the documents' Cookie and Set-Cookie headers with 'extraHeaders' in %s", async (_name, webRequestOf, extra) => {
    const { events } = await bootWorker({ ...(webRequestOf && { webRequestOf }) });
    const filter = { urls: ['<all_urls>'], types: ['main_frame', 'sub_frame'] };
    expect(events.onBeforeSendHeaders.options()).toEqual([filter, ['requestHeaders', ...extra]]);
    expect(events.onHeadersReceived.options()).toEqual([filter, ['responseHeaders', ...extra]]);
  });

  it("listens to the page's fetch and XHR for its code exchange, with their bodies and headers", async () => {
    const { events } = await bootWorker();
    const filter = { urls: ['<all_urls>'], types: ['xmlhttprequest'] };
    expect(events.onBeforeSendHeaders.options(1)).toEqual([filter, ['requestHeaders']]);
    expect([events.onBeforeRequest, events.onCompleted, events.onErrorOccurred].map((event) => event.count())).toEqual([2, 2, 2]);
  });

  it('listens to http(s) navigations only', async () => {
    const { events } = await bootWorker();
    for (const event of [events.onCommitted, events.onReferenceFragmentUpdated, events.onHistoryStateUpdated]) {
      expect(event.options()).toEqual([{ url: [{ schemes: ['http', 'https'] }] }]);
    }
  });

  it('adds its webRequest listeners again when access is granted, once each (Chromium ignores new origins until then)', async () => {
    const extension = await bootWorker();
    const { events } = extension;
    const requestEvents = [
      events.onBeforeRequest,
      events.onBeforeSendHeaders,
      events.onHeadersReceived,
      events.onBeforeRedirect,
      events.onCompleted,
      events.onErrorOccurred,
    ];
    const before = requestEvents.map((event) => event.options());
    await events.onPermissionsAdded.fire({ origins: ['http://127.0.0.1/*'] });
    expect(requestEvents.map((event) => event.count())).toEqual([2, 2, 1, 1, 2, 2]);
    expect(requestEvents.map((event) => event.options())).toEqual(before);
    await deliver(extension, new BrowserTrace(1, T0).chain(goodRequest(), goodCallback()).events);
    const [flow] = await flowsOf(extension);
    expect(flow?.hops).toHaveLength(1);
  });
});
