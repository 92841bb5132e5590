// The extension end to end in Firefox ESR, against the local consent sandbox: settings saved
// through the extension's protocol, host access asked for from a real click (accepted by a
// pref), real consent flows in tabs, and the popup read as a user sees it. One browser serves
// the whole file; flows are cleared between scenarios.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { watchedOrigins } from '../../src/core/settings/watched-origins';
import { sandboxRedirectUris } from '../../src/sandbox/sandbox-settings';
import { buildScenarios, type Scenario } from '../../src/sandbox/scenarios';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox';
import { browserForSuite, DIST_FIREFOX, launchFirefoxWithExtension, type FirefoxSession } from './support/browsers';
import { runScenarioWithPuppeteer } from './support/drive-consent-puppeteer';
import { FIREFOX_HOST_ACCESS_PREFS, requestHostAccess } from './support/grant-host-access';
import { askWorker, POPUP_WAIT } from './support/popup-view';
import { scenarioById } from './support/scenario-by-id';
import { expectCleanOidcFlowInPopup, expectScenarioInPopup } from './support/scenario-in-popup';

const POPUP = manifest.action.default_popup;
const WAIT = POPUP_WAIT;
/** The table's ids, known before any server runs, so each scenario is a test of its own. */
const SCENARIO_IDS = buildScenarios('http://127.0.0.1:1/', sandboxRedirectUris(1)).map(({ id }) => id);

const firefoxPath = browserForSuite('firefox');
describe.skipIf(!firefoxPath)('Firefox ESR: the extension end to end on the consent sandbox', () => {
  let sandbox: Sandbox;
  let session: FirefoxSession;
  let popup: Page;

  const scenario = (id: string) => scenarioById(sandbox, id);

  async function clearFlows(): Promise<void> {
    await askWorker(popup, 'clearFlows', {});
    await popup.waitForSelector('.empty-state', { timeout: WAIT.timeout });
  }

  /** Runs a scenario in a new tab as a user would, until the app has shown its callback page. */
  async function runScenario(target: Scenario): Promise<{ page: Page; sentState: string | undefined }> {
    const page = await session.browser.newPage();
    const before = sandbox.arrivals.length;
    await runScenarioWithPuppeteer(page, target, WAIT.timeout);
    const arrival = sandbox.arrivals.slice(before).find((candidate) => candidate.scenario?.id === target.id);
    return { page, sentState: arrival?.sentState };
  }

  beforeAll(async () => {
    sandbox = await startSandbox();
    session = await launchFirefoxWithExtension(DIST_FIREFOX, {
      executablePath: firefoxPath,
      prefs: {
        ...FIREFOX_HOST_ACCESS_PREFS,
        // Firefox has no --host-resolver-rules: the sandbox's non-loopback name resolves to loopback.
        'network.dns.localDomains': Object.keys(sandbox.hostMap).join(','),
      },
    });
    popup = await session.openExtensionPage(POPUP);
    await askWorker(popup, 'saveSettings', { settings: sandbox.settingsForExtension });
    if (!(await requestHostAccess(popup, watchedOrigins(sandbox.settingsForExtension)))) throw new Error('Firefox did not grant host access');
  });

  afterAll(async () => {
    await session?.close();
    await sandbox?.close();
  });

  it('shows a clean OpenID Connect flow with its decoded values, no error, and a 10-minute countdown that runs', async () => {
    await clearFlows();
    const clean = scenario('oidc/clean');
    const { page, sentState } = await runScenario(clean);
    await expectCleanOidcFlowInPopup(popup, clean, sentState, sandbox.issuers.oidc);
    await page.close();
  });

  it.each(SCENARIO_IDS)('%s: the popup shows its flows, each with its outcome, exactly its findings and its code countdown', async (id) => {
    await clearFlows();
    const { page } = await runScenario(scenario(id));
    await expectScenarioInPopup(popup, scenario(id));
    await page.close();
  });
});
