// A settings file says what it is, so an import never mistakes another JSON file (a HAR, a
// package.json, `{}`) for settings that happen to be all defaults, and replaces everything.
import { SettingsSchema, type Settings } from './settings-schema';

export const SETTINGS_EXPORT_KIND = 'consent-lens-settings';
/** The format of the file; a later one that changes its shape reads older ones by migrating them. */
export const SETTINGS_EXPORT_VERSION = 1;

export interface SettingsExport {
  kind: typeof SETTINGS_EXPORT_KIND;
  version: typeof SETTINGS_EXPORT_VERSION;
  settings: Settings;
}

/** The settings, unchecked (SettingsSchema decides), or why the file is not a settings file. */
export type UnwrappedSettings = { ok: true; settings: unknown } | { ok: false; reason: string };

const SETTINGS_KEYS: ReadonlySet<string> = new Set(Object.keys(SettingsSchema.shape));

export function toSettingsExport(settings: Settings): SettingsExport {
  return { kind: SETTINGS_EXPORT_KIND, version: SETTINGS_EXPORT_VERSION, settings };
}

/**
 * The settings in a parsed settings file. Besides the envelope, a bare settings object as
 * exported before it existed is read too: such files are out there (and the sandbox serves
 * one); they have `redirectUris` and no key settings do not have, which no other JSON file has
 * by chance.
 */
export function unwrapSettingsExport(json: unknown): UnwrappedSettings {
  if (!isObject(json)) return refuse(Array.isArray(json) ? 'it holds a list' : `it holds ${json === null ? 'null' : `a ${typeof json}`}`);
  if ('kind' in json) {
    if (json.kind !== SETTINGS_EXPORT_KIND) return refuse(`its "kind" is ${JSON.stringify(json.kind)}, not "${SETTINGS_EXPORT_KIND}"`);
    const { version } = json;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return refuse('it has no valid "version"');
    if (version > SETTINGS_EXPORT_VERSION) {
      return refuse(`it was written by a newer version of Consent Lens (settings file version ${version}; this one reads version ${SETTINGS_EXPORT_VERSION})`);
    }
    return isObject(json.settings) ? { ok: true, settings: json.settings } : refuse('its "settings" are not an object');
  }
  const unknown = Object.keys(json).filter((key) => !SETTINGS_KEYS.has(key));
  if ('redirectUris' in json && unknown.length === 0) return { ok: true, settings: json };
  if ('log' in json) return refuse('it looks like a HAR file (the consent-lens command line reads those)');
  return refuse(
    `it has no "kind": "${SETTINGS_EXPORT_KIND}"${
      unknown.length > 0
        ? `, and settings have no ${unknown
            .slice(0, 3)
            .map((key) => `"${key}"`)
            .join(', ')}`
        : ''
    }`,
  );
}

function refuse(reason: string): UnwrappedSettings {
  return { ok: false, reason };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
