// The page's own code exchange, as Chromium reports a fetch: its body at onBeforeRequest, its
// headers at onBeforeSendHeaders, its answer at onCompleted.
import { beforeEach, describe, expect, it } from 'vitest';
import { GOOD_CODE, GOOD_VERIFIER, goodCallback, goodRequest, REDIRECT, T0, TOKEN_ENDPOINT } from '../support/scenario';
import { BrowserTrace, deliver } from './support/browser-trace';
import { bootWorker, fakeBrowser } from './support/fake-extension';
import { flowsOf } from './support/requests';

beforeEach(() => fakeBrowser.reset());

const TAB = 4;
const fetchDetails = (requestId: string, time: number) => ({
  requestId,
  tabId: TAB,
  frameId: 0,
  type: 'xmlhttprequest',
  method: 'POST',
  url: TOKEN_ENDPOINT,
  timeStamp: time,
});

async function exchangeFrom(page: { form: Record<string, string[]>; headers?: Array<{ name: string; value: string }>; statusCode?: number }) {
  const extension = await bootWorker();
  await deliver(extension, new BrowserTrace(TAB, T0).chain(goodRequest(), goodCallback()).events);
  const { events } = extension;
  await events.onBeforeRequest.fire({ ...fetchDetails('900', T0 + 2000), requestBody: { formData: page.form } });
  await events.onBeforeSendHeaders.fire({ ...fetchDetails('900', T0 + 2001), requestHeaders: page.headers ?? [] });
  await events.onCompleted.fire({ ...fetchDetails('900', T0 + 2100), statusCode: page.statusCode ?? 200 });
  await extension.worker.flush();
  return flowsOf(extension);
}

const TOKEN_FORM = { grant_type: ['authorization_code'], code: [GOOD_CODE], redirect_uri: [REDIRECT], code_verifier: [GOOD_VERIFIER] };

describe("the page's code exchange", () => {
  it('is recorded with its flow, its Authorization scheme and its answer, never as a hop', async () => {
    const [flow, ...others] = await exchangeFrom({ form: TOKEN_FORM, headers: [{ name: 'Authorization', value: 'Basic ZGVtbzpzM2NyM3Q=' }], statusCode: 401 });
    expect(others).toEqual([]);
    expect(flow?.exchanges).toEqual([
      expect.objectContaining({ url: TOKEN_ENDPOINT, authScheme: 'Basic', status: 401, time: T0 + 2000, answeredAt: T0 + 2100 }),
    ]);
    expect(flow?.hops.map((hop) => hop.url)).not.toContain(TOKEN_ENDPOINT);
    expect(flow?.findings.map((finding) => finding.id)).toEqual(expect.arrayContaining(['client-secret-in-browser', 'token-error']));
    expect(JSON.stringify(flow)).not.toContain('ZGVtbzpzM2NyM3Q');
  });

  it('leaves every other fetch of the page alone', async () => {
    const [flow] = await exchangeFrom({ form: { grant_type: ['refresh_token'], refresh_token: ['r'] } });
    expect(flow?.exchanges).toEqual([]);
  });
});
