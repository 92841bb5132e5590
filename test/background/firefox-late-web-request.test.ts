// Firefox hands webRequest events to the background later than webNavigation events: measured in
// Firefox ESR against the consent sandbox, onCommitted arrives 1-5 ms after its timeStamp while
// the webRequest events of the same redirect chain arrive 20-110 ms after theirs, so the
// callback's commit often comes before the redirect and request that led to it. Found by
// test/e2e/extension-popup.firefox.test.ts (a clean flow there showed two callbacks and a false
// code-replayed about once in 45 flows).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TIMING } from '../../src/background/observation-buffer';
import { goodCallback, goodRequest, T0 } from '../support/scenario';
import { BrowserTrace, deliver } from './support/browser-trace';
import { bootWorker, fakeBrowser } from './support/fake-extension';
import { ask, flowsOf } from './support/requests';

const LOGIN = 'https://as.example.com/login';
/** The largest gap measured between a callback's commit and the last webRequest event before it. */
const FIREFOX_WEB_REQUEST_LAG_MS = 110;

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => vi.useRealTimers());

/** The authorization request and the login page; then the POSTed login 303s to the callback. */
function lateCallbackTrace() {
  const callback = goodCallback();
  const before = new BrowserTrace(7, T0).request(goodRequest()).redirect(goodRequest(), 302, LOGIN).request(LOGIN).completed(LOGIN).commit(LOGIN);
  const last = new BrowserTrace(7, T0 + 2000)
    .request(LOGIN, { method: 'POST', formData: { login: ['alice'] } })
    .redirect(LOGIN, 303, callback, 'POST')
    .request(callback)
    .completed(callback)
    .commit(callback);
  const commit = last.events.filter((event) => event.api === 'webNavigation');
  const webRequest = last.events.filter((event) => event.api === 'webRequest');
  return { before: before.events, commit, webRequest };
}

describe("worker with its real buffer timing: Firefox's late webRequest events", () => {
  it.each([
    ['nothing in between', false],
    ['the open popup asking for the flows in between', true],
  ])("records one callback when the callback's commit arrives before the webRequest events that led to it (%s)", async (_, popupAsks) => {
    const extension = await bootWorker({ timing: DEFAULT_TIMING });
    const { before, commit, webRequest } = lateCallbackTrace();
    await deliver(extension, before);
    await vi.advanceTimersByTimeAsync(1000);

    await deliver(extension, commit);
    if (popupAsks) await ask(extension, 'getFlows', {}); // what an open popup does on every flowsChanged
    await vi.advanceTimersByTimeAsync(FIREFOX_WEB_REQUEST_LAG_MS);
    await deliver(extension, webRequest);
    await vi.advanceTimersByTimeAsync(1000);

    const [flow, ...others] = await flowsOf(extension);
    expect(others).toEqual([]);
    expect(flow?.callbacks.map((callback) => [callback.method, callback.status])).toEqual([['GET', 200]]);
    expect(flow?.hops.map((hop) => [hop.method, hop.status])).toEqual([
      ['GET', 302],
      ['GET', 200],
      ['POST', 303],
    ]);
    expect(flow?.findings.map((finding) => finding.id)).not.toContain('code-replayed');
  });
});
