// Drives a page through oidc-provider's dev sign-in and consent pages, as a user would, and runs
// a whole scenario: in the tab, or from the app's button into a popup window.
import type { Page } from 'playwright-core';
import type { Scenario } from './scenarios';

export interface DriveOptions {
  /** The client's redirect URI: driving stops once the page is there. */
  redirectUri: string;
  /** Click the pages' "[ Cancel ]" link instead of signing in (gives error=access_denied). */
  cancel?: boolean;
  login?: string;
  password?: string;
  timeoutMs?: number;
}

export interface DriveResult {
  /** The callback URL the browser landed on. */
  callbackUrl: string;
  /** The pages passed on the way, in order. */
  steps: Array<'login' | 'consent' | 'cancel'>;
}

const MAX_STEPS = 6;

/** The attribute the sandbox's last page sets on the page a scenario started in: the app's verdict. */
export const SCENARIO_DONE = 'data-scenario-done';

/**
 * Starts at `startUrl` (the app's login link), or carries on from the page shown when there is
 * none, and answers every page until the callback.
 */
export async function driveConsent(page: Page, startUrl: string | undefined, options: DriveOptions): Promise<DriveResult> {
  const timeout = options.timeoutMs ?? 15_000;
  const atCallback = (url: URL) => url.href.startsWith(options.redirectUri);
  const steps: DriveResult['steps'] = [];
  if (startUrl !== undefined) await page.goto(startUrl, { timeout });
  for (let step = 0; step < MAX_STEPS; step++) {
    if (atCallback(new URL(page.url()))) return { callbackUrl: page.url(), steps };
    const login = page.locator('input[name="login"]');
    const consent = page.locator('button[type="submit"]', { hasText: 'Continue' });
    await login.or(consent).first().waitFor({ timeout });
    // The consent page may have the login page's URL (/interaction/:uid): wait for a new document, not a new URL.
    const next = page.waitForEvent('load', { timeout });
    if (options.cancel) {
      steps.push('cancel');
      await page.getByRole('link', { name: '[ Cancel ]' }).click();
    } else if (await login.count()) {
      steps.push('login');
      await login.fill(options.login ?? 'alice');
      await page.locator('input[name="password"]').fill(options.password ?? 'any-password');
      await page.locator('button[type="submit"]', { hasText: 'Sign-in' }).click();
    } else {
      steps.push('consent');
      await consent.click();
    }
    await next;
  }
  if (atCallback(new URL(page.url()))) return { callbackUrl: page.url(), steps };
  throw new Error(`no callback after ${MAX_STEPS} pages; stuck at ${page.url()} after ${steps.join(', ')}`);
}

/** The options a scenario drives its consent pages with. */
export function driveOptions(scenario: Scenario, timeoutMs?: number): DriveOptions {
  return { redirectUri: scenario.redirectUri, cancel: scenario.plan.userAction === 'cancel', ...(timeoutMs !== undefined && { timeoutMs }) };
}

/**
 * Runs a scenario as a user would, in `page`, until the app marks the page it started in as done
 * (after a replay, a second round or a popup's callback); resolves with the app's verdict.
 */
export async function runScenario(page: Page, scenario: Scenario, timeoutMs = 15_000): Promise<string | null> {
  const options = driveOptions(scenario, timeoutMs);
  if (scenario.plan.window === 'popup') {
    await page.goto(scenario.startUrl, { timeout: timeoutMs });
    const [popup] = await Promise.all([page.waitForEvent('popup', { timeout: timeoutMs }), page.click('#sign-in-popup')]);
    await driveConsent(popup, undefined, options);
  } else {
    await driveConsent(page, scenario.startUrl, options);
  }
  return page.locator(`html[${SCENARIO_DONE}]`).getAttribute(SCENARIO_DONE, { timeout: timeoutMs });
}
