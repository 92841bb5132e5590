// src/sandbox/drive-consent.ts for puppeteer pages (Firefox over WebDriver BiDi): answers
// oidc-provider's dev sign-in and consent pages, or cancels, until the page is at the callback.
import type { Page } from 'puppeteer-core';
import { type DriveOptions, driveOptions, SCENARIO_DONE } from '../../../src/sandbox/drive-consent';
import type { Scenario } from '../../../src/sandbox/scenarios';

const MAX_STEPS = 6;
const PAGE_CONTROLS = 'input[name="login"], button[type="submit"]';

/** What to do on the page shown: the page's own controls, found and used in one evaluation. */
const ACT = `(({ cancel, login, password }) => {
  if (cancel) {
    const link = [...document.querySelectorAll('a')].find((a) => a.textContent.trim() === '[ Cancel ]');
    if (!link) return 'no [ Cancel ] link';
    link.click();
    return 'cancel';
  }
  const loginInput = document.querySelector('input[name="login"]');
  if (loginInput) {
    loginInput.value = login;
    document.querySelector('input[name="password"]').value = password;
    loginInput.form.requestSubmit();
    return 'login';
  }
  const consent = [...document.querySelectorAll('button[type="submit"]')].find((button) => button.textContent.includes('Continue'));
  if (!consent) return 'no Continue button';
  consent.click();
  return 'consent';
})`;

/** Starts at `startUrl` (or the page shown) and answers every page until the callback; resolves with the callback URL. */
export async function driveConsentWithPuppeteer(page: Page, startUrl: string | undefined, options: DriveOptions): Promise<string> {
  const timeout = options.timeoutMs ?? 15_000;
  const steps: string[] = [];
  if (startUrl !== undefined) await page.goto(startUrl, { timeout });
  for (let step = 0; step < MAX_STEPS; step++) {
    // A form_post answer is a page that submits itself to the callback: wait for either.
    const shown = await page.waitForFunction(
      `location.href.startsWith(${JSON.stringify(options.redirectUri)}) ? location.href : document.querySelector(${JSON.stringify(PAGE_CONTROLS)}) !== null && 'controls'`,
      { timeout, polling: 50 },
    );
    const where = String(await shown.jsonValue());
    if (where !== 'controls') return where;
    const args = { cancel: options.cancel === true, login: options.login ?? 'alice', password: options.password ?? 'any-password' };
    const [, done] = await Promise.all([page.waitForNavigation({ timeout }), page.evaluate(`${ACT}(${JSON.stringify(args)})`)]);
    steps.push(String(done));
    if (!['cancel', 'login', 'consent'].includes(String(done))) throw new Error(`stuck at ${page.url()}: ${String(done)}`);
  }
  throw new Error(`no callback after ${MAX_STEPS} pages; stuck at ${page.url()} after ${steps.join(', ')}`);
}

/** src/sandbox/drive-consent.ts's runScenario for puppeteer pages: resolves with the app's verdict. */
export async function runScenarioWithPuppeteer(page: Page, scenario: Scenario, timeoutMs = 15_000): Promise<string | null> {
  const options = driveOptions(scenario, timeoutMs);
  if (scenario.plan.window === 'popup') {
    await page.goto(scenario.startUrl, { timeout: timeoutMs });
    const popup = new Promise<Page | null>((resolve) => page.once('popup', resolve));
    await page.click('#sign-in-popup');
    const opened = await popup;
    if (!opened) throw new Error('the app opened no popup window');
    await driveConsentWithPuppeteer(opened, undefined, options);
  } else {
    await driveConsentWithPuppeteer(page, scenario.startUrl, options);
  }
  const done = await page.waitForSelector(`html[${SCENARIO_DONE}]`, { timeout: timeoutMs });
  return (await done?.evaluate((element, name) => element.getAttribute(name), SCENARIO_DONE)) ?? null;
}
