// Stops the extension's service worker in Chromium, as the browser does to an idle worker
// (Chromium never idle-stops it while Playwright is attached). The next browser event the
// extension listens to starts it again.
import type { Page } from 'playwright-core';
import type { ChromiumSession } from './browsers';

/**
 * Stops every service worker through DevTools (from `page`'s session) and resolves once DevTools
 * reports the extension's worker stopped. Playwright keeps listing the stopped worker, so its
 * own `close` event cannot be waited on.
 */
export async function stopChromiumWorker(session: ChromiumSession, page: Page): Promise<void> {
  const cdp = await session.context.newCDPSession(page);
  try {
    const stopped = new Promise<void>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((version) => version.scriptURL.startsWith(session.extensionUrl('')) && version.runningStatus === 'stopped')) resolve();
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    await cdp.detach().catch(() => {});
  }
}
