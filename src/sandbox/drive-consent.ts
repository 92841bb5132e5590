// Drives a page through oidc-provider's dev sign-in and consent pages, as a user would.
import type { Page } from 'playwright-core';

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

/** Starts at `startUrl` (the app's login link) and answers every page until the callback. */
export async function driveConsent(page: Page, startUrl: string, options: DriveOptions): Promise<DriveResult> {
  const timeout = options.timeoutMs ?? 15_000;
  const atCallback = (url: URL) => url.href.startsWith(options.redirectUri);
  const steps: DriveResult['steps'] = [];
  await page.goto(startUrl, { timeout });
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
