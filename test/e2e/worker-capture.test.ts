// The worker records consent flows in real browsers: host access granted the way the UI asks
// for it (grant-host-access.ts), a 302 chain on 127.0.0.1, and the flows read back through the
// extension's own message protocol.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import type { FlowReport } from '../../src/core/report/report-schema';
import {
  browserForSuite,
  DIST_CHROME,
  DIST_FIREFOX,
  launchChromiumWithExtension,
  launchFirefoxWithExtension,
  type ChromiumSession,
  type FirefoxSession,
} from './support/browsers';
import { chromiumHostAccess, FIREFOX_HOST_ACCESS_PREFS, requestHostAccess } from './support/grant-host-access';

const POPUP = manifest.action.default_popup;
const LOOPBACK = ['http://127.0.0.1/*'];
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

/**
 * A relying party and an authorization server in one: `/login?state=S` 302 -> `/authorize?...`
 * 302 -> `/callback?code&state`. With `pause`, the authorization server shows a page instead,
 * whose `#continue` link 302s to the callback.
 */
async function startChain(): Promise<{ url(path: string): string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    const url = new URL(req.url ?? '/', origin);
    const state = url.searchParams.get('state') ?? 'missing-state';
    const callback = `${origin}/callback?code=code-of-${state}&state=${state}`;
    const redirect = (location: string) => res.writeHead(302, { location }).end();
    switch (url.pathname) {
      case '/login': {
        const query = new URLSearchParams({
          client_id: 'demo-client',
          response_type: 'code',
          redirect_uri: `${origin}/callback`,
          scope: 'openid',
          state,
          code_challenge: CHALLENGE,
          code_challenge_method: 'S256',
          ...(url.searchParams.has('pause') && { prompt: 'login' }),
        });
        return redirect(`${origin}/authorize?${query}`);
      }
      case '/authorize':
        if (url.searchParams.get('prompt') !== 'login') return redirect(callback);
        return res.writeHead(200, { 'content-type': 'text/html' }).end(`<a id="continue" href="/continue?state=${state}">continue</a>`);
      case '/continue':
        return redirect(callback);
      default:
        return res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${url.pathname}</p>`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Asks the worker for its flows the way the popup does. */
const GET_FLOWS = `(globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ channel: 'consent-lens', type: 'getFlows', payload: {} })`;

interface Answer {
  ok: boolean;
  value?: { report: { flows: FlowReport[] } };
  error?: string;
}

function flowsIn(answer: unknown): FlowReport[] {
  const { ok, value, error } = answer as Answer;
  if (!ok || !value) throw new Error(`getFlows failed: ${error}`);
  return value.report.flows;
}

/** The request, each hop's path and status (what only webRequest reports), and the callback. */
function expectCompleteFlow(flow: FlowReport | undefined, state: string, hops: Array<[string, number]>): void {
  expect(flow).toMatchObject({ outcome: 'success', clientId: 'demo-client' });
  expect(flow?.request?.fields.state).toBe(state);
  expect(flow?.hops.map((hop) => [new URL(hop.url).pathname, hop.status])).toEqual(hops);
  expect(flow?.callbacks.map((callback) => [callback.fields.code, callback.status])).toEqual([[`code-of-${state}`, 200]]);
}

let chain: Awaited<ReturnType<typeof startChain>>;
beforeAll(async () => {
  chain = await startChain();
});
afterAll(() => chain?.close());

const chromiumPath = browserForSuite('chromium');
describe.skipIf(!chromiumPath)('Chromium: the worker records flows', () => {
  let session: ChromiumSession;
  beforeAll(async () => {
    session = await launchChromiumWithExtension(DIST_CHROME, { executablePath: chromiumPath, prepareProfile: chromiumHostAccess(LOOPBACK) });
  });
  afterAll(() => session?.close());

  it('sees nothing without host access, and the whole flow once the user granted it', async () => {
    const page = await session.context.newPage();
    await page.goto(chain.url('/login?state=state-before-the-grant-0001'));
    const extensionPage = await session.openExtensionPage(POPUP);
    expect(await requestHostAccess(extensionPage, LOOPBACK)).toBe(true);

    await page.goto(chain.url('/login?state=state-after-the-grant-00001'));
    await expect.poll(async () => flowsIn(await extensionPage.evaluate(GET_FLOWS)).length, { timeout: 10_000 }).toBe(1);
    const [flow] = flowsIn(await extensionPage.evaluate(GET_FLOWS));
    expectCompleteFlow(flow, 'state-after-the-grant-00001', [['/authorize', 302]]);

    // The badge of that tab tells about its latest flow.
    const worker = await session.currentWorker();
    const title = await worker.evaluate(
      (tabId) => (globalThis as unknown as { chrome: { action: { getTitle(details: { tabId: number }): Promise<string> } } }).chrome.action.getTitle({ tabId }),
      flow!.tabId,
    );
    expect(title).toMatch(/^Consent Lens: .* flow, success/);
    await page.close();
  });

  it('keeps its flows when the worker is stopped, and correlates a flow across the stop', async () => {
    const extensionPage = await session.openExtensionPage(POPUP);
    const before = flowsIn(await extensionPage.evaluate(GET_FLOWS)).length;
    const page = await session.context.newPage();
    await page.goto(chain.url('/login?state=state-across-a-worker-stop&pause'));
    await expect.poll(async () => flowsIn(await extensionPage.evaluate(GET_FLOWS)).length, { timeout: 10_000 }).toBe(before + 1);

    const since = Date.now();
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.click('#continue'); // wakes the worker with the next events
    await session.waitForWorkerReady({ since });
    await expect.poll(async () => flowsIn(await extensionPage.evaluate(GET_FLOWS)).at(-1)?.outcome, { timeout: 10_000 }).toBe('success');
    const flows = flowsIn(await extensionPage.evaluate(GET_FLOWS));
    expect(flows).toHaveLength(before + 1);
    expectCompleteFlow(flows.at(-1), 'state-across-a-worker-stop', [
      ['/authorize', 200],
      ['/continue', 302],
    ]);
  });
});

const firefoxPath = browserForSuite('firefox');
describe.skipIf(!firefoxPath)('Firefox ESR: the worker records flows', () => {
  let session: FirefoxSession;
  beforeAll(async () => {
    session = await launchFirefoxWithExtension(DIST_FIREFOX, {
      executablePath: firefoxPath,
      // A real idle stop of the background after 1 s without events, as Firefox does after 30 s.
      prefs: { ...FIREFOX_HOST_ACCESS_PREFS, 'extensions.background.idle.timeout': 1000 },
    });
  });
  afterAll(() => session?.close());

  it('sees nothing without host access, and the whole flow once the user granted it', async () => {
    const page = await session.browser.newPage();
    await page.goto(chain.url('/login?state=state-before-the-grant-0001'));
    const extensionPage = await session.openExtensionPage(POPUP);
    expect(await requestHostAccess(extensionPage, LOOPBACK)).toBe(true);

    await page.goto(chain.url('/login?state=state-after-the-grant-00001'));
    await expect.poll(async () => flowsIn(await extensionPage.evaluate(GET_FLOWS)).length, { timeout: 10_000 }).toBe(1);
    expectCompleteFlow(flowsIn(await extensionPage.evaluate(GET_FLOWS))[0], 'state-after-the-grant-00001', [['/authorize', 302]]);
  });

  it('wakes its stopped background for the next flow, and keeps the earlier ones', async () => {
    const extensionPage = await session.openExtensionPage(POPUP);
    const before = flowsIn(await extensionPage.evaluate(GET_FLOWS)).length;
    const since = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2500)); // idle: the background stops
    const page = await session.browser.newPage();
    await page.goto(chain.url('/login?state=state-after-an-idle-stop-01'));
    await session.waitForWorkerReady({ since }); // it started again
    await expect.poll(async () => flowsIn(await extensionPage.evaluate(GET_FLOWS)).length, { timeout: 10_000 }).toBe(before + 1);
    expectCompleteFlow(flowsIn(await extensionPage.evaluate(GET_FLOWS)).at(-1), 'state-after-an-idle-stop-01', [['/authorize', 302]]);
  });
});
