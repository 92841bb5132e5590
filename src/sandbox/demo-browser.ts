// The demo's Chromium: a fresh profile with the built extension loaded, offline but for loopback
// and the sandbox's mapped names, and a way to talk to the extension's worker through the same
// typed protocol its own pages use.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type BrowserType } from 'playwright-core';
import type { Settings } from '../core/index';
import { CHANNEL, responseEnvelopeSchema, type MessageType, type RequestOf, type ResponseEnvelope } from '../core/protocol/protocol';
import { chromiumHostAccess } from './chromium-host-access';
import { chromiumArgs, extensionArgs } from './local-browsers';

type PersistentContextOptions = NonNullable<Parameters<BrowserType['launchPersistentContext']>[1]>;

export interface DemoBrowserOptions {
  executablePath: string;
  headless: boolean;
  hostMap: Record<string, string>;
  /** An unpacked extension (dist/chrome) to load; none when undefined. */
  extensionDir?: string;
  recordHar?: PersistentContextOptions['recordHar'];
  /** Origins (match patterns) the extension may watch from the start, as if the user had granted them. */
  hostAccess?: readonly string[];
}

export interface DemoBrowser {
  context: BrowserContext;
  /** Set once the extension's worker is running. */
  extensionId?: string;
  /** Sends one protocol request from an extension page; never throws. */
  request<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseEnvelope<K>>;
  /** Closes the browser (writing any HAR) and deletes its profile. */
  close(): Promise<void>;
}

const WORKER_TIMEOUT_MS = 10_000;

export function isBuiltExtension(dir: string): boolean {
  return existsSync(join(dir, 'manifest.json'));
}

export async function launchDemoChromium(options: DemoBrowserOptions): Promise<DemoBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'consent-lens-demo-'));
  const extensionDir = options.extensionDir && resolve(options.extensionDir);
  let context: BrowserContext | undefined;
  try {
    if (extensionDir && options.hostAccess) await chromiumHostAccess(options.hostAccess, { active: true })({ userDataDir, extensionDir });
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: options.executablePath,
      headless: options.headless,
      // Headed: the page follows the window's size.
      viewport: options.headless ? { width: 1280, height: 900 } : null,
      ...(options.recordHar && { recordHar: options.recordHar }),
      // The launcher closes the browser itself on Ctrl-C, deleting the profile; Playwright's own
      // handlers would kill it first and leave the profile behind.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        ...(extensionDir ? extensionArgs(extensionDir) : []),
        ...chromiumArgs(options.hostMap),
        // No "unsupported command-line flag" bar for --host-resolver-rules; a full-size window.
        '--test-type',
        ...(options.headless ? [] : ['--start-maximized']),
      ],
    });
    const ctx = context;
    const extensionId = extensionDir ? new URL((await extensionWorker(ctx)).url()).host : undefined;
    // The page extension requests are sent from: the popup, opened in a tab for a moment.
    const popupPath = extensionDir ? popupOf(extensionDir) : undefined;

    return {
      context: ctx,
      ...(extensionId !== undefined && { extensionId }),
      async request(type, payload) {
        if (extensionId === undefined || popupPath === undefined) return { ok: false, error: 'no extension is loaded' };
        const page = await ctx.newPage();
        try {
          await page.goto(`chrome-extension://${extensionId}/${popupPath}`);
          const answer = await page.evaluate(
            (message) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(message),
            { channel: CHANNEL, type, payload },
          );
          const parsed = responseEnvelopeSchema(type).safeParse(answer);
          return parsed.success
            ? (parsed.data as ResponseEnvelope<typeof type>)
            : { ok: false, error: `the worker's answer to ${type} is not in the protocol's shape` };
        } catch (error) {
          return { ok: false, error: (error instanceof Error ? error.message : String(error)).split('\n')[0]! };
        } finally {
          await page.close().catch(() => {});
        }
      },
      async close() {
        try {
          await ctx.close();
        } finally {
          await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
        }
      },
    };
  } catch (error) {
    await context?.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

async function extensionWorker(context: BrowserContext) {
  const isExtension = (worker: { url(): string }) => worker.url().startsWith('chrome-extension://');
  // Listen first: the worker may start between the look and the wait.
  const started = context.waitForEvent('serviceworker', { predicate: isExtension, timeout: WORKER_TIMEOUT_MS });
  const running = context.serviceWorkers().find(isExtension);
  if (!running) return started;
  started.catch(() => {}); // not needed any more
  return running;
}

function popupOf(extensionDir: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { action?: { default_popup?: unknown } };
    return typeof manifest.action?.default_popup === 'string' ? manifest.action.default_popup : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Saves `settings` in the extension through its own saveSettings request, retrying while the
 * worker is not listening yet (it starts before its listeners are registered).
 */
export async function seedExtensionSettings(browser: DemoBrowser, settings: Settings, timeoutMs = 5000): Promise<ResponseEnvelope<'saveSettings'>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await browser.request('saveSettings', { settings });
    if (answer.ok || !/Receiving end does not exist/.test(answer.error) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
