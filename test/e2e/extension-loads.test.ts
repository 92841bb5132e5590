// Smoke tests: the built extension loads in real Chromium and Firefox ESR, its background
// starts, and the popup renders its empty state.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import {
  browserForSuite,
  DIST_CHROME,
  DIST_FIREFOX,
  GECKO_ID,
  launchChromiumWithExtension,
  launchFirefoxWithExtension,
  WORKER_READY_KEY,
  type ChromiumSession,
  type FirefoxSession,
} from './support/browsers';

const POPUP = manifest.action.default_popup;
const EMPTY_STATE = 'No consent flows recorded yet';

function builtManifest(distDir: string): Record<string, unknown> & { background?: Record<string, unknown> } {
  return JSON.parse(readFileSync(join(distDir, 'manifest.json'), 'utf8'));
}

describe('built manifests', () => {
  it.each([DIST_CHROME, DIST_FIREFOX])('%s asks for storage, webRequest and webNavigation; host access only as an option', (dist) => {
    const built = builtManifest(dist);
    expect(built.manifest_version).toBe(3);
    expect(built.permissions).toEqual(['storage', 'webRequest', 'webNavigation', 'alarms']);
    expect(built).not.toHaveProperty('host_permissions');
    expect(built.optional_host_permissions).toEqual(['<all_urls>']);
  });

  it('chrome runs the background as a service worker', () => {
    const { background } = builtManifest(DIST_CHROME);
    expect(background).toMatchObject({ service_worker: expect.any(String), type: 'module' });
    expect(background).not.toHaveProperty('scripts');
  });

  it('firefox runs the background as scripts', () => {
    const built = builtManifest(DIST_FIREFOX);
    expect(built.background).toMatchObject({ scripts: [expect.any(String)], type: 'module' });
    expect(built.background).not.toHaveProperty('service_worker');
    expect(built).toHaveProperty('browser_specific_settings.gecko.id', GECKO_ID);
  });
});

const chromiumPath = browserForSuite('chromium');
describe.skipIf(!chromiumPath)('Chromium', () => {
  let session: ChromiumSession;
  beforeAll(async () => {
    session = await launchChromiumWithExtension(DIST_CHROME, { executablePath: chromiumPath });
  });
  afterAll(() => session?.close());

  it('starts the worker, which writes its readiness marker', async () => {
    expect(session.extensionId).toMatch(/^[a-p]{32}$/);
    const stored = await session.readSessionStorage(WORKER_READY_KEY);
    expect(stored[WORKER_READY_KEY]).toEqual(expect.any(Number));
  });

  it('shows the empty-state popup without errors', async () => {
    const page = await session.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
    await page.goto(session.extensionUrl(POPUP));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Consent Lens');
    await expect.poll(() => page.locator('body').innerText()).toContain(EMPTY_STATE);
    expect(errors).toEqual([]);
    await page.close();
  });
});

const firefoxPath = browserForSuite('firefox');
describe.skipIf(!firefoxPath)('Firefox ESR', () => {
  let session: FirefoxSession;
  beforeAll(async () => {
    session = await launchFirefoxWithExtension(DIST_FIREFOX, { executablePath: firefoxPath });
  });
  afterAll(() => session?.close());

  it('installs the extension, whose background writes its readiness marker', async () => {
    expect(session.extensionId).toBe(GECKO_ID);
    const stored = await session.readSessionStorage(WORKER_READY_KEY);
    expect(stored[WORKER_READY_KEY]).toEqual(expect.any(Number));
  });

  it('shows the empty-state popup', async () => {
    const page = await session.openExtensionPage(POPUP);
    const heading = await page.waitForSelector('h1');
    expect(await heading?.evaluate((h) => h.textContent)).toBe('Consent Lens');
    expect(await page.evaluate(() => document.body.innerText)).toContain(EMPTY_STATE);
    await page.close();
  });
});
