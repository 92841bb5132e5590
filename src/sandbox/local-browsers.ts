// Finding the machine's Chromium and Firefox, and the flags every sandbox Chromium runs with:
// shared by the demo launcher and the real-browser tests (test/e2e/support/browsers.ts).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type BrowserName = 'chromium' | 'firefox';

export const BROWSERS: Readonly<Record<BrowserName, { envVar: string; names: string[]; aptPackage: string }>> = {
  // Branded Chrome ignores --load-extension, so only Chromium builds qualify.
  chromium: { envVar: 'CHROMIUM_PATH', names: ['chromium', 'chromium-browser'], aptPackage: 'chromium' },
  firefox: { envVar: 'FIREFOX_PATH', names: ['firefox-esr', 'firefox'], aptPackage: 'firefox-esr' },
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser's executable: $CHROMIUM_PATH / $FIREFOX_PATH if set, else the first match on PATH. */
export function locateBrowser(name: BrowserName): string | undefined {
  const { envVar, names } = BROWSERS[name];
  const fromEnv = process.env[envVar];
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : undefined;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin'].filter(Boolean);
  for (const exe of names) {
    for (const dir of dirs) {
      const candidate = join(dir, exe);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function hostResolverRules(hostMap: Record<string, string>): string {
  // No traffic may leave the machine, and offline DNS look-ups (e.g. web fonts) stall for seconds.
  const rules = Object.entries(hostMap).map(([host, target]) => `MAP ${host} ${target}`);
  return [...rules, 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1', 'EXCLUDE localhost'].join(', ');
}

/**
 * The flags every sandbox Chromium runs with, extension or not: quiet, offline but for loopback
 * and the mapped names (e.g. `{ 'client.example.test': '127.0.0.1' }`; the URL's port is kept).
 */
export function chromiumArgs(hostMap: Record<string, string> = {}): string[] {
  return [
    '--no-sandbox', // runs as root in CI containers
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--host-resolver-rules=${hostResolverRules(hostMap)}`,
  ];
}

/** The flags that load an unpacked extension, and only it. */
export function extensionArgs(extensionDir: string): string[] {
  return [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`];
}
