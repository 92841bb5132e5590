// Chromium cannot be made to accept an extension's permission prompt, so a fresh profile gets
// the origins recorded as granted before (`runtime_granted_permissions` in its Preferences):
// Chromium then does not ask again, and with `active` the access holds from the start. Used by
// the demo browser and the real-browser tests; test/e2e/support/grant-host-access.ts explains
// what else was tried.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The id Chromium gives an unpacked extension: derived from its absolute directory path. */
export function chromiumExtensionId(extensionDir: string): string {
  const hex = createHash('sha256').update(realpathSync(extensionDir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

export interface ChromiumHostAccessOptions {
  /** Also make the origins active when the extension starts, without any request (default false). */
  active?: boolean;
}

/**
 * A `prepareProfile` for `launchChromiumWithExtension` that records `origins` (match patterns,
 * e.g. `http://127.0.0.1/*`, no port) as granted before to the extension in the fresh profile.
 */
export function chromiumHostAccess(
  origins: readonly string[],
  { active = false }: ChromiumHostAccessOptions = {},
): (profile: { userDataDir: string; extensionDir: string }) => Promise<void> {
  return async ({ userDataDir, extensionDir }) => {
    const permissions = { api: [], explicit_host: [...origins], manifest_permissions: [], scriptable_host: [] };
    const settings = {
      runtime_granted_permissions: permissions,
      ...(active && { granted_permissions: permissions, active_permissions: permissions }),
    };
    await mkdir(join(userDataDir, 'Default'), { recursive: true });
    const preferences = { extensions: { settings: { [chromiumExtensionId(extensionDir)]: settings } } };
    await writeFile(join(userDataDir, 'Default', 'Preferences'), JSON.stringify(preferences));
  };
}
