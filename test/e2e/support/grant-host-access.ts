// Giving the extension host access in real-browser tests, the way a user would: an extension
// page calls permissions.request from a real click, and the browser says yes. Neither headless
// browser can show (or be made to click) its permission prompt, so each needs a setting that
// answers it, both checked with Chromium 156 and Firefox ESR 153:
//
// - Firefox: the pref `extensions.webextOptionalPermissionPrompts: false` accepts every
//   permissions.request made from a user gesture. A temporary install does NOT get optional
//   host permissions by itself.
// - Chromium: nothing auto-accepts the prompt (`--apps-gallery-install-auto-confirm-for-tests`
//   no longer reaches it; chrome://extensions' developerPrivate.addHostPermission does nothing
//   for optional permissions). What works: seed the fresh profile's Preferences with the origins
//   as *previously granted* (`runtime_granted_permissions`). Chromium does not prompt again for
//   permissions the user granted before, so permissions.request from a click resolves true at
//   once and the origins become active. `active: true` also makes them active from the start.
//
// Recipe (both browsers): launch with `chromiumHostAccess(origins)` / `FIREFOX_HOST_ACCESS_PREFS`,
// open an extension page, then `await requestHostAccess(page, origins)` (true when granted).
export { chromiumExtensionId, chromiumHostAccess, type ChromiumHostAccessOptions } from '../../../src/sandbox/chromium-host-access';

/** Firefox prefs under which permissions.request (from a user gesture) is granted without a prompt. */
export const FIREFOX_HOST_ACCESS_PREFS = { 'extensions.webextOptionalPermissionPrompts': false } as const;

/** Just enough of a playwright or puppeteer page. */
interface ExtensionPage {
  evaluate(expression: string): Promise<unknown>;
  click(selector: string): Promise<unknown>;
}

const BUTTON_ID = 'consent-lens-test-grant';

/**
 * Calls permissions.request({ origins }) from a real click on an extension page (a button added
 * for the purpose) and resolves with its answer: true when access was granted. Rejects with the
 * browser's error, or when no answer comes (a prompt nobody can accept).
 */
export async function requestHostAccess(page: ExtensionPage, origins: readonly string[], timeoutMs = 5_000): Promise<boolean> {
  await page.evaluate(`(() => {
    const api = globalThis.browser ?? globalThis.chrome;
    const button = document.createElement('button');
    button.id = ${JSON.stringify(BUTTON_ID)};
    button.textContent = 'grant';
    button.style.cssText = 'position:fixed;top:0;left:0;z-index:2147483647';
    button.onclick = () => {
      button.remove();
      globalThis.__grantAnswer = api.permissions.request({ origins: ${JSON.stringify(origins)} })
        .then((granted) => ({ granted }), (error) => ({ error: String(error && error.message || error) }));
    };
    document.body.append(button);
  })()`);
  await page.click(`#${BUTTON_ID}`);
  const answer = (await Promise.race([
    page.evaluate('globalThis.__grantAnswer'),
    new Promise((resolve) => setTimeout(() => resolve({ error: `no answer within ${timeoutMs} ms (a permission prompt is waiting?)` }), timeoutMs)),
  ])) as { granted?: boolean; error?: string } | undefined;
  if (!answer || answer.error !== undefined) throw new Error(`permissions.request failed: ${answer?.error ?? 'the click did not reach the button'}`);
  return answer.granted === true;
}
