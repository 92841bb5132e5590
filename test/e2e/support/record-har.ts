// Records what headless Chromium does into a HAR file, the way a developer would save one from
// the network panel: plain Chromium (no extension), response bodies left out.
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumArgs, locateBrowser } from './browsers';

export interface RecordHarOptions {
  /** Names to map to 127.0.0.1 (or host:port); every other name but loopback fails to resolve. */
  hostMap?: Record<string, string>;
  executablePath?: string;
}

/** Runs `session` in a fresh context and writes its HAR to `path` once the context closes. */
export async function recordHar<T>(path: string, session: (context: BrowserContext) => Promise<T>, options: RecordHarOptions = {}): Promise<T> {
  const executablePath = options.executablePath ?? locateBrowser('chromium');
  if (!executablePath) throw new Error('chromium not found (set CHROMIUM_PATH)');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: chromiumArgs(options.hostMap),
  });
  try {
    const context = await browser.newContext({ recordHar: { path, content: 'omit' } });
    try {
      return await session(context);
    } finally {
      await context.close(); // writes the HAR
    }
  } finally {
    await browser.close();
  }
}
