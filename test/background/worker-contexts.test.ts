import { beforeEach, describe, expect, it } from 'vitest';
import { GOOD_STATE, goodCallback, goodRequest, T0 } from '../support/scenario';
import { BrowserTrace, deliver } from './support/browser-trace';
import { bootWorker, fakeBrowser } from './support/fake-extension';
import { flowsOf } from './support/requests';

const SILENT_STATE = 'silent-Lk2Pz7Rt5Wm8Nb4Hc6Jd1Fg0Ys';
const LOGIN = 'https://as.example.com/login';

beforeEach(() => fakeBrowser.reset());

describe('worker: where a flow ran', () => {
  it('records a prompt=none renewal in an iframe as a flow of its own, labelled iframe', async () => {
    const extension = await bootWorker();
    const silent = goodRequest({ prompt: 'none', state: SILENT_STATE });
    await deliver(extension, [
      ...new BrowserTrace(3, T0).request(goodRequest()).redirect(goodRequest(), 302, LOGIN).request(LOGIN).completed(LOGIN).commit(LOGIN).events,
      ...new BrowserTrace(3, T0 + 100, 500, { frameId: 9, type: 'sub_frame' }).chain(silent, goodCallback({ state: SILENT_STATE, code: 'silent-code' })).events,
      ...new BrowserTrace(3, T0 + 500, 600)
        .request(LOGIN, { method: 'POST' })
        .redirect(LOGIN, 303, goodCallback(), 'POST')
        .request(goodCallback())
        .completed(goodCallback())
        .commit(goodCallback()).events,
    ]);
    const flows = await flowsOf(extension);
    expect(flows.map((flow) => [flow.context, flow.outcome, flow.callbacks.map((cb) => cb.fields.state)])).toEqual([
      [{ kind: 'tab' }, 'success', [GOOD_STATE]],
      [{ kind: 'iframe', frameId: 9 }, 'success', [SILENT_STATE]],
    ]);
  });

  it('labels the flow of a login popup with the tab that opened it', async () => {
    const extension = await bootWorker();
    await deliver(extension, new BrowserTrace(4, T0).openedBy(2).chain(goodRequest(), goodCallback()).events);
    const [flow, ...rest] = await flowsOf(extension);
    expect(rest).toEqual([]);
    expect(flow).toMatchObject({ tabId: 4, context: { kind: 'popup', openerTabId: 2 }, outcome: 'success' });
  });

  it('ignores a request the browser reports as an image, even one carrying OAuth parameters', async () => {
    const extension = await bootWorker();
    await deliver(extension, new BrowserTrace(5, T0, 100, { frameId: 0, type: 'image' }).chain(goodRequest(), goodCallback()).events);
    expect(await flowsOf(extension)).toEqual([]);
  });
});
