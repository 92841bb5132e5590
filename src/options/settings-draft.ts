// The options form works on a draft of strings, as typed; SettingsSchema decides what may be
// saved. Whatever the form does not show (other overrides, per-profile overrides, forceProfile)
// is carried over from the saved settings untouched.
import { SettingsSchema, type ProfileId, type ProfileOverrides, type Settings } from '../core/index';
import type { z } from '../core/zod';

export interface RedirectDraft {
  /** Stable identity for the list, so inputs keep focus while entries come and go. */
  key: string;
  uri: string;
  /** '' lets Consent Lens detect the provider. */
  profile: ProfileId | '';
  label: string;
  /** One URL per line. */
  authorizationServers: string;
  codeLifetimeSeconds: string;
  minStateLength: string;
  issuer: string;
  /** Overrides the form has no field for. */
  otherOverrides: ProfileOverrides;
}

export interface CaptureDraft {
  keepHistory: boolean;
  maxFlows: string;
  maxAgeHours: string;
  watchAllSites: boolean;
}

export interface SettingsDraft {
  redirectUris: RedirectDraft[];
  capture: CaptureDraft;
}

/** Messages by field: `redirectUris.0.uri`, `redirectUris.1.overrides.issuer`, `capture.maxFlows`. */
export type FieldErrors = Record<string, string>;

export type DraftResult = { ok: true; settings: Settings } | { ok: false; errors: FieldErrors };

let nextKey = 0;

export function emptyRedirectDraft(): RedirectDraft {
  return {
    key: `entry-${++nextKey}`,
    uri: '',
    profile: '',
    label: '',
    authorizationServers: '',
    codeLifetimeSeconds: '',
    minStateLength: '',
    issuer: '',
    otherOverrides: {},
  };
}

export function draftFromSettings(settings: Settings): SettingsDraft {
  return {
    redirectUris: settings.redirectUris.map((entry) => {
      const { codeLifetimeSeconds, minStateLength, issuer, ...otherOverrides } = entry.overrides;
      return {
        ...emptyRedirectDraft(),
        uri: entry.uri,
        profile: entry.profile ?? '',
        label: entry.label ?? '',
        authorizationServers: entry.authorizationServers.join('\n'),
        codeLifetimeSeconds: codeLifetimeSeconds === undefined ? '' : String(codeLifetimeSeconds),
        minStateLength: minStateLength === undefined ? '' : String(minStateLength),
        issuer: issuer ?? '',
        otherOverrides,
      };
    }),
    capture: {
      keepHistory: settings.capture.keepHistory,
      maxFlows: String(settings.capture.maxFlows),
      maxAgeHours: String(settings.capture.maxAgeHours),
      watchAllSites: settings.capture.watchAllSites,
    },
  };
}

/** The settings the draft describes, on top of `saved`; or, when SettingsSchema refuses it, why, by field. */
export function settingsFromDraft(draft: SettingsDraft, saved: Settings): DraftResult {
  const input = {
    ...saved,
    redirectUris: draft.redirectUris.map((entry) => ({
      uri: entry.uri.trim(),
      ...(entry.profile !== '' && { profile: entry.profile }),
      ...(entry.label.trim() !== '' && { label: entry.label.trim() }),
      authorizationServers: lines(entry.authorizationServers),
      overrides: {
        ...entry.otherOverrides,
        ...optionalNumber('codeLifetimeSeconds', entry.codeLifetimeSeconds),
        ...optionalNumber('minStateLength', entry.minStateLength),
        ...(entry.issuer.trim() !== '' && { issuer: entry.issuer.trim() }),
      },
    })),
    capture: {
      keepHistory: draft.capture.keepHistory,
      maxFlows: numberOrText(draft.capture.maxFlows),
      maxAgeHours: numberOrText(draft.capture.maxAgeHours),
      watchAllSites: draft.capture.watchAllSites,
    },
  };
  const parsed = SettingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path);
    errors[field] ??= messageOf(issue, draft);
  }
  return { ok: false, errors };
}

/** What was wrong with an imported file, one line per problem. */
export function importProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'The file'}: ${friendlyMessage(issue)}`);
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function optionalNumber(key: string, text: string): Record<string, number | string> {
  return text.trim() === '' ? {} : { [key]: numberOrText(text) };
}

/** A number when the text is one; else the text, so the schema reports it as not a number. */
function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  const number = Number(trimmed);
  return trimmed !== '' && Number.isFinite(number) ? number : trimmed;
}

/** Every authorization server line shares one field, so its index is dropped. */
function fieldOf(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  if (parts[0] === 'redirectUris' && parts[2] === 'authorizationServers') return parts.slice(0, 3).join('.');
  return parts.join('.');
}

/** The schema's complaint in the form's words; a bad server line is quoted, as it has no field of its own. */
function messageOf(issue: z.core.$ZodIssue, draft: SettingsDraft): string {
  const [, index, field, line] = issue.path;
  if (issue.code === 'custom' && field === 'authorizationServers' && typeof index === 'number' && typeof line === 'number') {
    const value = lines(draft.redirectUris[index]?.authorizationServers ?? '')[line];
    return `“${value}” ${issue.message}.`;
  }
  return friendlyMessage(issue);
}

function friendlyMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int' ? 'Enter a whole number.' : capitalise(issue.message);
    case 'too_small':
      if (issue.origin !== 'number') return capitalise(issue.message);
      return issue.inclusive === false ? `Enter a number above ${String(issue.minimum)}.` : `Enter at least ${String(issue.minimum)}.`;
    case 'too_big':
      if (issue.origin === 'string') return `Use at most ${String(issue.maximum)} characters.`;
      return issue.origin === 'number' ? `Enter at most ${String(issue.maximum)}.` : capitalise(issue.message);
    case 'invalid_format':
      return issue.format === 'url' ? 'Enter an absolute URL, e.g. https://login.example.com' : capitalise(issue.message);
    default:
      return capitalise(issue.message);
  }
}

/** A sentence: capital first letter, one full stop. */
function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${text.endsWith('.') ? '' : '.'}`;
}
