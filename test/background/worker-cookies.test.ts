// The cookies that carry a flow's state, as Chromium reports them with 'extraHeaders': Set-Cookie
// at onHeadersReceived before the redirect, Cookie at onBeforeSendHeaders after onBeforeRequest.
import { beforeEach, describe, expect, it } from 'vitest';
import { goodCallback, goodRequest, T0 } from '../support/scenario';
import { bootWorker, fakeBrowser } from './support/fake-extension';
import { flowsOf } from './support/requests';

beforeEach(() => fakeBrowser.reset());

const TAB = 3;
const LOGIN = 'https://app.example.com/login';
const VALUE = 'v4lu3-0f-th3-st4t3';
const details = (requestId: string, url: string, time: number) => ({
  requestId,
  tabId: TAB,
  frameId: 0,
  type: 'main_frame',
  method: 'GET',
  url,
  timeStamp: time,
});

/** /login sets the state cookie and redirects to the authorization server, which redirects to the callback; the callback sends `cookie`. */
async function signIn(cookie: string | undefined) {
  const extension = await bootWorker({ webRequestOf: 'chromium' });
  const { events } = extension;
  await events.onBeforeRequest.fire(details('1', LOGIN, T0));
  await events.onBeforeSendHeaders.fire({ ...details('1', LOGIN, T0 + 1), requestHeaders: [{ name: 'Accept', value: 'text/html' }] });
  const setCookie = { name: 'Set-Cookie', value: `st=${VALUE}; Path=/; Secure; HttpOnly; SameSite=Lax` };
  await events.onHeadersReceived.fire({ ...details('1', LOGIN, T0 + 10), statusCode: 302, responseHeaders: [setCookie] });
  await events.onBeforeRedirect.fire({ ...details('1', LOGIN, T0 + 11), statusCode: 302, redirectUrl: goodRequest() });
  await events.onBeforeRequest.fire(details('1', goodRequest(), T0 + 12));
  await events.onBeforeRedirect.fire({ ...details('1', goodRequest(), T0 + 20), statusCode: 302, redirectUrl: goodCallback() });
  await events.onBeforeRequest.fire(details('1', goodCallback(), T0 + 21));
  const requestHeaders = cookie === undefined ? [] : [{ name: 'Cookie', value: cookie }];
  await events.onBeforeSendHeaders.fire({ ...details('1', goodCallback(), T0 + 22), requestHeaders });
  await events.onCompleted.fire({ ...details('1', goodCallback(), T0 + 30), statusCode: 200 });
  await extension.worker.flush();
  return { flows: await flowsOf(extension), stored: JSON.stringify(await fakeBrowser.storage.session.get()) };
}

describe("the cookies that carry a flow's state", () => {
  it('keeps the cookie the login page set and the names the callback sent, and no value anywhere', async () => {
    const { flows, stored } = await signIn(`st=${VALUE}; lang=en`);
    const [flow] = flows;
    expect(flow?.cookies).toEqual([expect.objectContaining({ name: 'st', host: 'app.example.com', secure: true, httpOnly: true, sameSite: 'lax', path: '/' })]);
    expect(flow?.callbacks[0]?.cookieNames).toEqual(['st', 'lang']);
    expect(flow?.findings.map((finding) => finding.id).filter((id) => id.startsWith('cookie'))).toEqual([]);
    expect(stored).toContain('"st"');
    expect(stored).not.toContain(VALUE);
  });

  it('says which cookie the callback did not bring back', async () => {
    const { flows } = await signIn(undefined);
    expect(flows[0]?.findings.filter((finding) => finding.id === 'cookie-not-returned').map((finding) => finding.message)).toEqual([
      'The cookie "st" set as the flow started did not come back on the callback: no reason shows in its attributes (did the page or the browser clear it?).',
    ]);
  });

  it('passes a request on when its headers never come, with its cookies unknown', async () => {
    const extension = await bootWorker();
    await extension.events.onBeforeRequest.fire(details('7', goodRequest(), T0));
    await extension.events.onBeforeRedirect.fire({ ...details('7', goodRequest(), T0 + 5), statusCode: 302, redirectUrl: goodCallback() });
    await extension.events.onBeforeRequest.fire(details('7', goodCallback(), T0 + 6));
    await extension.events.onCompleted.fire({ ...details('7', goodCallback(), T0 + 9), statusCode: 200 });
    await extension.worker.flush();
    const [flow] = await flowsOf(extension);
    expect(flow?.callbacks).toEqual([expect.not.objectContaining({ cookieNames: expect.anything() })]);
    expect(flow?.findings.map((finding) => finding.id)).toContain('cookies-not-visible');
  });
});
