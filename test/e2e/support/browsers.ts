// Real-browser helpers for e2e tests: find the browsers, launch them with the built extension,
// wait for the background to be ready, open extension pages. Recipes and pitfalls:
// /work/shared/reference/browser-testing.md.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type BrowserType, type Page, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from 'puppeteer-core';
import manifest from '../../../manifest.json' with { type: 'json' };
import { BROWSERS, chromiumArgs, extensionArgs, locateBrowser, type BrowserName } from '../../../src/sandbox/local-browsers';

export { chromiumArgs, locateBrowser, type BrowserName };

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const DIST_CHROME = join(REPO_ROOT, 'dist/chrome');
export const DIST_FIREFOX = join(REPO_ROOT, 'dist/firefox');

/** Key the background writes to storage.session once its listeners are registered. */
export const WORKER_READY_KEY = 'worker-ready';
export const GECKO_ID = manifest.browser_specific_settings.gecko.id;
/** Fixed moz-extension:// host, so Firefox URLs are known before install. */
export const FIREFOX_EXTENSION_UUID = '6f1d3c2a-8b4e-4f5a-9c7d-0e1f2a3b4c5d';

const DEFAULT_TIMEOUT_MS = 15_000;

// ---------------------------------------------------------------------------------------------
// Locating browsers

/**
 * The executable for a suite that needs this browser, for `describe.skipIf(!path)`.
 * Missing in CI (CI=true) is a failure, so CI can never go green by skipping; locally the suite
 * is skipped with a message saying why.
 */
export function browserForSuite(name: BrowserName): string | undefined {
  const path = locateBrowser(name);
  if (path) return path;
  const message = `${name} not found (set ${BROWSERS[name].envVar} or install it, e.g. apt-get install ${BROWSERS[name].aptPackage})`;
  if (process.env.CI === 'true') throw new Error(`${message}; browsers are required when CI=true`);
  console.warn(`[e2e] skipping ${name} tests: ${message}`);
  return undefined;
}

function assertBuilt(distDir: string): void {
  if (!existsSync(join(distDir, 'manifest.json'))) {
    throw new Error(`${distDir}/manifest.json is missing: run \`npm run build\` first`);
  }
}

async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error; // e.g. a context torn down mid-navigation; try again
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError });
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function removeDir(dir: string): Promise<void> {
  // The browser may still be releasing files for a moment after close.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

// ---------------------------------------------------------------------------------------------
// Chromium (playwright-core)

type PersistentContextOptions = NonNullable<Parameters<BrowserType['launchPersistentContext']>[1]>;

export interface ChromiumLaunchOptions {
  executablePath?: string;
  headless?: boolean;
  /** Extra command-line flags, appended after the defaults. */
  args?: string[];
  /** Extra host mappings, e.g. `{ 'client.example.test': '127.0.0.1:8443' }`; everything else but 127.0.0.1/localhost fails to resolve. */
  hostMap?: Record<string, string>;
  recordHar?: PersistentContextOptions['recordHar'];
  ignoreHTTPSErrors?: boolean;
  /** Any other playwright context option (viewport, locale, ...). */
  contextOptions?: Omit<PersistentContextOptions, 'executablePath' | 'headless' | 'args'>;
  /** Wait for the background's readiness marker before returning (default true). */
  waitForReady?: boolean;
  timeoutMs?: number;
  /** Runs on the fresh profile before Chromium starts, e.g. to seed its Preferences (grant-host-access.ts). */
  prepareProfile?: (profile: { userDataDir: string; extensionDir: string }) => Promise<void> | void;
}

export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
  /** The worker found at launch; after a forced stop, use `currentWorker()`. */
  worker: Worker;
  userDataDir: string;
  extensionUrl(path: string): string;
  /** The running extension worker, waiting for one to start if none is (e.g. after a stop). */
  currentWorker(timeoutMs?: number): Promise<Worker>;
  /** Resolves with the marker's timestamp once the worker is ready (newer than `since`, if given). */
  waitForWorkerReady(options?: { since?: number; timeoutMs?: number }): Promise<number>;
  readSessionStorage(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  openExtensionPage(path: string): Promise<Page>;
  /** Closes the browser (flushing any HAR) and deletes the profile. */
  close(): Promise<void>;
}

interface ChromeStorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
}

function isExtensionWorker(worker: Worker): boolean {
  return worker.url().startsWith('chrome-extension://');
}

async function extensionWorker(context: BrowserContext, timeoutMs: number): Promise<Worker> {
  const started = context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: timeoutMs });
  const running = context.serviceWorkers().find(isExtensionWorker);
  if (running) {
    started.catch(() => {}); // not needed any more
    return running;
  }
  return started;
}

export async function launchChromiumWithExtension(distDir: string = DIST_CHROME, options: ChromiumLaunchOptions = {}): Promise<ChromiumSession> {
  assertBuilt(distDir);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const executablePath = options.executablePath ?? locateBrowser('chromium');
  if (!executablePath) throw new Error('chromium not found (set CHROMIUM_PATH)');
  const extensionDir = resolve(distDir);
  const userDataDir = await mkdtemp(join(tmpdir(), 'consent-lens-chromium-'));

  let context: BrowserContext | undefined;
  try {
    await options.prepareProfile?.({ userDataDir, extensionDir });
    context = await chromium.launchPersistentContext(userDataDir, {
      ...options.contextOptions,
      executablePath,
      headless: options.headless ?? true,
      ...(options.recordHar ? { recordHar: options.recordHar } : {}),
      ...(options.ignoreHTTPSErrors !== undefined ? { ignoreHTTPSErrors: options.ignoreHTTPSErrors } : {}),
      args: [...extensionArgs(extensionDir), ...chromiumArgs(options.hostMap), ...(options.args ?? [])],
    });
    const ctx = context;
    const worker = await extensionWorker(ctx, timeoutMs);
    // The unpacked extension's id depends on the dist path, so read it from the worker URL.
    const extensionId = new URL(worker.url()).host;

    const currentWorker = (ms = timeoutMs) => extensionWorker(ctx, ms);
    const readSessionStorage = async (keys: string | string[] | null = null) => {
      const live = await currentWorker();
      return live.evaluate((k) => (globalThis as unknown as { chrome: { storage: { session: ChromeStorageArea } } }).chrome.storage.session.get(k), keys);
    };
    const waitForWorkerReady = ({ since = 0, timeoutMs: ms = timeoutMs } = {}) =>
      poll(`the Chromium worker's ${WORKER_READY_KEY} marker`, ms, async () => {
        const marker = (await readSessionStorage(WORKER_READY_KEY))[WORKER_READY_KEY];
        return typeof marker === 'number' && marker > since ? marker : undefined;
      });

    const session: ChromiumSession = {
      context: ctx,
      extensionId,
      worker,
      userDataDir,
      extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
      currentWorker,
      waitForWorkerReady,
      readSessionStorage,
      async openExtensionPage(path) {
        const page = await ctx.newPage();
        await page.goto(session.extensionUrl(path));
        return page;
      },
      async close() {
        try {
          await ctx.close();
        } finally {
          await removeDir(userDataDir);
        }
      },
    };
    if (options.waitForReady ?? true) await waitForWorkerReady();
    return session;
  } catch (error) {
    await context?.close().catch(() => {});
    await removeDir(userDataDir);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Firefox ESR (puppeteer-core over WebDriver BiDi)

export interface FirefoxLaunchOptions {
  executablePath?: string;
  headless?: boolean;
  args?: string[];
  /** Extra about:config prefs, e.g. `{ 'extensions.background.idle.timeout': 1000 }`. */
  prefs?: Record<string, unknown>;
  waitForReady?: boolean;
  timeoutMs?: number;
}

export interface FirefoxSession {
  browser: PuppeteerBrowser;
  /** The gecko id returned by installExtension. */
  extensionId: string;
  uuid: string;
  profileDir: string;
  extensionUrl(path: string): string;
  /**
   * Opens an extension page in a new tab and resolves once its document has loaded.
   * `page.goto('moz-extension://…')` never settles here (the page moves to the extension
   * process), so the navigation is started, its URL polled, then the wait abandoned.
   */
  openExtensionPage(path: string): Promise<PuppeteerPage>;
  readSessionStorage(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  waitForWorkerReady(options?: { since?: number; timeoutMs?: number }): Promise<number>;
  /** Closes the browser and deletes the profile. */
  close(): Promise<void>;
}

interface WebExtensionStorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
}

export async function launchFirefoxWithExtension(distDir: string = DIST_FIREFOX, options: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  assertBuilt(distDir);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const executablePath = options.executablePath ?? locateBrowser('firefox');
  if (!executablePath) throw new Error('firefox not found (set FIREFOX_PATH)');
  const uuid = FIREFOX_EXTENSION_UUID;
  const profileDir = await mkdtemp(join(tmpdir(), 'consent-lens-firefox-'));

  let browser: PuppeteerBrowser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: options.headless ?? true,
      userDataDir: profileDir,
      // Without it, navigating to moz-extension:// is refused.
      args: ['--remote-allow-system-access', ...(options.args ?? [])],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        ...options.prefs,
      },
    });
    const b = browser;
    const extensionId = await b.installExtension(resolve(distDir));
    const extensionUrl = (path: string) => `moz-extension://${uuid}/${path.replace(/^\//, '')}`;

    const openExtensionPage = async (path: string, ms = timeoutMs) => {
      const url = extensionUrl(path);
      const page = await b.newPage();
      const abandon = new AbortController();
      page.goto(url, { signal: abandon.signal, timeout: 0 }).catch(() => {});
      try {
        await poll(`${url} to load`, ms, async () => {
          const [href, readyState] = await page.evaluate(() => [location.href, document.readyState]);
          return href === url && readyState === 'complete' ? true : undefined;
        });
      } finally {
        abandon.abort();
      }
      return page;
    };

    // storage.session is only reachable from extension pages; keep one around to read it.
    let storagePage: PuppeteerPage | undefined;
    const readSessionStorage = async (keys: string | string[] | null = null) => {
      if (!storagePage || storagePage.isClosed()) storagePage = await openExtensionPage(manifest.action.default_popup);
      return storagePage.evaluate(
        (k) => (globalThis as unknown as { browser: { storage: { session: WebExtensionStorageArea } } }).browser.storage.session.get(k),
        keys,
      );
    };
    const waitForWorkerReady = ({ since = 0, timeoutMs: ms = timeoutMs } = {}) =>
      poll(`the Firefox background's ${WORKER_READY_KEY} marker`, ms, async () => {
        const marker = (await readSessionStorage(WORKER_READY_KEY))[WORKER_READY_KEY];
        return typeof marker === 'number' && marker > since ? marker : undefined;
      });

    const session: FirefoxSession = {
      browser: b,
      extensionId,
      uuid,
      profileDir,
      extensionUrl,
      openExtensionPage: (path) => openExtensionPage(path),
      readSessionStorage,
      waitForWorkerReady,
      async close() {
        try {
          await b.close();
        } finally {
          await removeDir(profileDir);
        }
      },
    };
    if (options.waitForReady ?? true) await waitForWorkerReady();
    return session;
  } catch (error) {
    await browser?.close().catch(() => {});
    await removeDir(profileDir);
    throw error;
  }
}
