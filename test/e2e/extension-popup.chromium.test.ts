// The extension end to end in Chromium, against the local consent sandbox: the sandbox settings
// imported through the options page, host access granted from its button, real consent flows in
// tabs, and the popup read as a user sees it. One browser serves the whole file; flows are
// cleared between scenarios.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { watchedOrigins } from '../../src/core/settings/watched-origins';
import { driveConsent, driveOptions, runScenario as runInPage, SCENARIO_DONE } from '../../src/sandbox/drive-consent';
import { sandboxRedirectUris } from '../../src/sandbox/sandbox-settings';
import { buildScenarios, type Scenario } from '../../src/sandbox/scenarios';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox';
import { browserForSuite, DIST_CHROME, launchChromiumWithExtension, type ChromiumSession } from './support/browsers';
import { recordExtensionRequests, type ExtensionRequestRecorder } from './support/extension-requests';
import { chromiumHostAccess } from './support/grant-host-access';
import { askWorker, expectFreshCountdown, openFlow, openOnlyFlow, POPUP_WAIT, readFlowRows } from './support/popup-view';
import { scenarioById } from './support/scenario-by-id';
import { expectCleanOidcFlowInPopup, expectScenarioInPopup } from './support/scenario-in-popup';
import { keepScreenshot } from './support/screenshots';
import { stopChromiumWorker } from './support/stop-chromium-worker';

const POPUP = manifest.action.default_popup;
const OPTIONS = manifest.options_ui.page;
/** The popup's own size: its body is 400 px wide. */
const POPUP_VIEWPORT = { width: 400, height: 600 };
const WAIT = POPUP_WAIT;

/** The table's ids, known before any server runs, so each scenario is a test of its own. */
const SCENARIO_IDS = buildScenarios('http://127.0.0.1:1/', sandboxRedirectUris(1)).map(({ id }) => id);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const chromiumPath = browserForSuite('chromium');
describe.skipIf(!chromiumPath)('Chromium: the extension end to end on the consent sandbox', () => {
  let sandbox: Sandbox;
  let session: ChromiumSession;
  let recorder: ExtensionRequestRecorder;
  let popup: Page;

  const scenario = (id: string) => scenarioById(sandbox, id);

  async function openPopup(): Promise<Page> {
    const page = await session.openExtensionPage(POPUP);
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.locator('.flow-list, .empty-state').first().waitFor();
    return page;
  }

  /** No flow recorded, and the popup back at its empty state. */
  async function clearFlows(): Promise<void> {
    await askWorker(popup, 'clearFlows', {});
    await popup.locator('.empty-state').waitFor({ timeout: WAIT.timeout });
  }

  /** Runs a scenario as a user would, in `page` or a new tab, until the app has shown its callback page. */
  async function runScenario(target: Scenario, page?: Page): Promise<{ page: Page; sentState: string | undefined }> {
    const tab = page ?? (await session.context.newPage());
    const before = sandbox.arrivals.length;
    await runInPage(tab, target, WAIT.timeout);
    const arrival = sandbox.arrivals.slice(before).find((candidate) => candidate.scenario?.id === target.id);
    return { page: tab, sentState: arrival?.sentState };
  }

  beforeAll(async () => {
    sandbox = await startSandbox();
    const origins = watchedOrigins(sandbox.settingsForExtension);
    session = await launchChromiumWithExtension(DIST_CHROME, {
      executablePath: chromiumPath,
      hostMap: sandbox.hostMap,
      // Chromium cannot accept a permission prompt: the origins count as granted before, so the
      // options page's own Grant access click gets them without one (grant-host-access.ts).
      prepareProfile: chromiumHostAccess(origins),
    });
    recorder = recordExtensionRequests(session.context);

    // The user imports the sandbox's settings file in the options page, then grants access.
    const options = await session.openExtensionPage(OPTIONS);
    await options.locator('input[type="file"]').setInputFiles({
      name: 'sandbox-settings.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(sandbox.settingsForExtension)),
    });
    await options.getByText('Imported sandbox-settings.json and saved it.').waitFor({ timeout: WAIT.timeout });
    await options.getByRole('button', { name: 'Grant access' }).click();
    await options.waitForFunction((count) => document.querySelectorAll('li[data-origin][data-granted="true"]').length === count, origins.length, {
      timeout: WAIT.timeout,
    });
    await options.close();
    popup = await openPopup();
  });

  afterAll(async () => {
    recorder?.stop();
    await session?.close();
    await sandbox?.close();
  });

  it('the options page lists every sandbox registration with its profile and granted host access', async () => {
    const page = await session.openExtensionPage(OPTIONS);
    await page.setViewportSize({ width: 880, height: 1000 });
    const entries = page.locator('fieldset.redirect-entry');
    await expect.poll(() => entries.count(), WAIT).toBe(sandbox.redirectUris.length);
    const shown = await entries.evaluateAll((sets) =>
      sets.map((set) => [set.querySelector<HTMLInputElement>('input[id$="-uri"]')?.value, set.querySelector('select')?.value]),
    );
    expect(shown).toEqual(sandbox.redirectUris.map(({ uri, profile }) => [uri, profile]));
    await expect
      .poll(
        () =>
          page.locator('li[data-origin]').evaluateAll((items) => items.map((item) => [item.getAttribute('data-origin'), item.getAttribute('data-granted')])),
        WAIT,
      )
      .toEqual(watchedOrigins(sandbox.settingsForExtension).map((origin) => [origin, 'true']));
    // The top of the page: a full-page shot would paint the sticky save bar halfway down.
    await keepScreenshot('options-light', await page.screenshot());
    await page.close();
  });

  it('shows a clean OpenID Connect flow with its decoded values, no error, and a 10-minute countdown that runs', async () => {
    await clearFlows();
    const clean = scenario('oidc/clean');
    const { page, sentState } = await runScenario(clean);
    await expectCleanOidcFlowInPopup(popup, clean, sentState, sandbox.issuers.oidc);
    await page.close();
  });

  it('keeps counting down from the real time when the popup is closed and opened again', async () => {
    await clearFlows();
    const { page } = await runScenario(scenario('oidc/clean'));
    const before = (await openOnlyFlow(popup, 'success')).countdown;
    expectFreshCountdown(before, 600);

    await popup.close();
    await sleep(2100); // closed for two clock ticks
    popup = await openPopup();
    const after = (await openOnlyFlow(popup, 'success')).countdown;
    expectFreshCountdown(after, 600);
    expect(after.expiresAt).toBe(before.expiresAt);
    expect(after.secondsLeft).toBeLessThanOrEqual(before.secondsLeft - 2);
    await page.close();
  });

  it.each(SCENARIO_IDS)('%s: the popup shows its flows, each with its outcome, exactly its findings and its code countdown', async (id) => {
    await clearFlows();
    const { page } = await runScenario(scenario(id));
    await expectScenarioInPopup(popup, scenario(id));
    await page.close();
  });

  it('correlates a flow across a worker stop between the authorization request and the callback', async () => {
    await clearFlows();
    const clean = scenario('oidc/clean');
    const page = await session.context.newPage();
    await page.goto(clean.startUrl);
    await page.locator('input[name="login"], button[type="submit"]').first().waitFor();
    await expect.poll(() => readFlowRows(popup), WAIT).toEqual([expect.objectContaining({ outcome: 'pending' })]);

    const since = Date.now();
    await stopChromiumWorker(session, page);

    // Carry on from the sign-in page the flow is waiting on; the next navigation wakes the worker.
    await driveConsent(page, page.url(), { redirectUri: clean.redirectUri });
    await page.locator(`html[${SCENARIO_DONE}]`).waitFor();
    await session.waitForWorkerReady({ since });

    const detail = await openOnlyFlow(popup, 'success');
    expect(detail.steps[0]).toBe('request');
    expect(detail.steps.filter((step) => step === 'callback')).toHaveLength(1);
    expect(detail.callbacks[0]?.state).toBe(detail.request.state);
    expect(detail.findings.map((finding) => finding.id)).not.toContain('callback-without-request');
    await page.close();
  });

  it('keeps a flow whose callback arrived moments before the browser stopped the worker', async () => {
    await clearFlows();
    const clean = scenario('oidc/clean');
    const page = await session.context.newPage();
    // Stop the worker as soon as the callback commits: inside the window in which the worker
    // still holds the callback's events in memory, before it has written them with the flow.
    const committed = page.waitForURL((url) => url.href.startsWith(clean.redirectUri), { waitUntil: 'commit', timeout: WAIT.timeout });
    const driven = driveConsent(page, clean.startUrl, driveOptions(clean, WAIT.timeout));
    await committed;
    const since = Date.now();
    await stopChromiumWorker(session, page);
    await driven;

    // Opening the popup asks the worker for its flows, which starts it again.
    await popup.close();
    popup = await openPopup();
    await session.waitForWorkerReady({ since });
    const detail = await openOnlyFlow(popup, 'success');
    expect(detail.steps.filter((step) => step === 'callback')).toHaveLength(1);
    expect(detail.callbacks[0]?.state).toBe(detail.request.state);
    await page.close();
  });

  it('takes the popup screenshots (the flow list, a flow with findings; light and dark), then Clear all empties the list', async () => {
    await clearFlows();
    // One tab, as a developer retrying a flow would: the list shows one group.
    const tab = await session.context.newPage();
    for (const id of ['akahu/revoke', 'akoya/short-state', 'oidc/access-denied', 'oidc/altered-state', 'oidc/clean']) await runScenario(scenario(id), tab);
    await expect.poll(async () => (await readFlowRows(popup)).length, WAIT).toBe(5);
    await popup.bringToFront();
    const shots = async (name: string) => {
      await popup.mouse.move(0, 0); // no row drawn hovered
      for (const colorScheme of ['light', 'dark'] as const) {
        await popup.emulateMedia({ colorScheme });
        await keepScreenshot(`popup-${name}-${colorScheme}`, await popup.screenshot());
      }
      await popup.emulateMedia({ colorScheme: null });
    };
    await shots('list');
    const { report } = await askWorker(popup, 'getFlows', {});
    const withError = report.flows.find((flow) => flow.findings.some((finding) => finding.id === 'state-mismatch'));
    await openFlow(popup, withError!.id);
    await popup.locator('li.finding[data-finding="state-mismatch"]').waitFor();
    await shots('detail');

    // Back to the list, and the user's way to start afresh: Clear all, then confirm.
    await popup.getByRole('button', { name: /Back to all flows/ }).click();
    await popup.getByRole('button', { name: 'Clear all' }).click();
    await popup.getByRole('group', { name: 'Confirm clearing all flows' }).getByRole('button', { name: 'Delete' }).click();
    await popup.locator('.empty-state').waitFor({ timeout: WAIT.timeout });
    expect((await askWorker(popup, 'getFlows', {})).report.flows).toEqual([]);
    await tab.close();
  });

  it('sent no request of its own while flows ran, pages opened and the worker restarted', async () => {
    // Every test above ran under the recorder. This one adds a worker start under it (the first
    // start comes before any recorder can listen) and a flow watched with the popup open.
    await clearFlows();
    const since = Date.now();
    await stopChromiumWorker(session, popup);
    const { page } = await runScenario(scenario('akoya/clean'));
    await session.waitForWorkerReady({ since });
    await openOnlyFlow(popup, 'success');
    await page.close();
    expect(recorder.requests()).toEqual([]);
  });

  it('the request recorder does see a request an extension page or the worker makes', async () => {
    // Proof the check above can fail: the same recorder catches the extension's own fetches.
    recorder.clear();
    const target = new URL('/settings.json', sandbox.demoUrl).href;
    expect(await popup.evaluate((url) => fetch(url).then((response) => response.status), `${target}?from=popup`)).toBe(200);
    const worker = await session.currentWorker();
    expect(await worker.evaluate((url) => fetch(url).then((response) => response.status), `${target}?from=worker`)).toBe(200);
    await expect
      .poll(() => recorder.requests().map(({ url, from }) => [url, new URL(from).pathname]), WAIT)
      .toEqual([
        [`${target}?from=popup`, `/${POPUP}`],
        [`${target}?from=worker`, new URL(worker.url()).pathname],
      ]);
  });
});
