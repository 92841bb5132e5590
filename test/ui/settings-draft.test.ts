import { describe, expect, it } from 'vitest';
import { draftFromSettings, emptyRedirectDraft, settingsFromDraft, type RedirectDraft } from '../../src/options/settings-draft';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../src/core/settings/settings-schema';

const SAVED = SettingsSchema.parse({
  redirectUris: [
    {
      uri: 'https://app.example.com/callback',
      profile: 'akoya',
      label: 'Staging',
      authorizationServers: ['https://login.example.com', 'https://idp.example.com/auth'],
      overrides: { codeLifetimeSeconds: 120, sendsIss: true, issuer: 'https://login.example.com' },
    },
  ],
  profileOverrides: { akahu: { codeLifetimeSeconds: 45 } },
  forceProfile: 'oidc',
  capture: { keepHistory: true, maxFlows: 50, maxAgeHours: 12, watchAllSites: false },
});

function withEntry(patch: Partial<RedirectDraft>) {
  const draft = draftFromSettings(DEFAULT_SETTINGS);
  draft.redirectUris.push({ ...emptyRedirectDraft(), uri: 'https://app.example.com/cb', ...patch });
  return settingsFromDraft(draft, DEFAULT_SETTINGS);
}

describe('settings draft', () => {
  it('round-trips saved settings, keeping what the form does not show', () => {
    expect(settingsFromDraft(draftFromSettings(SAVED), SAVED)).toEqual({ ok: true, settings: SAVED });
  });

  it('reads the form as typed: trimmed text, one server per line, empty overrides left out', () => {
    const result = withEntry({
      uri: '  https://app.example.com/cb ',
      label: ' ',
      authorizationServers: '\n https://a.example \n\nhttps://b.example\n',
      minStateLength: '16',
    });
    expect(result.ok && result.settings.redirectUris[0]).toEqual({
      uri: 'https://app.example.com/cb',
      authorizationServers: ['https://a.example', 'https://b.example'],
      overrides: { minStateLength: 16 },
    });
  });

  it.each([
    ['an empty URI', { uri: '' }, 'redirectUris.0.uri', 'Must be an absolute URI, e.g. https://app.example/callback.'],
    ['a relative URI', { uri: '/callback' }, 'redirectUris.0.uri', 'Must be an absolute URI, e.g. https://app.example/callback.'],
    ['a URI with a fragment', { uri: 'https://app.example.com/cb#x' }, 'redirectUris.0.uri', 'A redirect URI must not contain a fragment (RFC 6749 s3.1.2).'],
    ['a long label', { label: 'x'.repeat(81) }, 'redirectUris.0.label', 'Use at most 80 characters.'],
    [
      'a bad server line',
      { authorizationServers: 'https://ok.example\nlogin page' },
      'redirectUris.0.authorizationServers',
      '“login page” must be an absolute URL, e.g. https://login.example.com.',
    ],
    ['a lifetime that is not a number', { codeLifetimeSeconds: 'five' }, 'redirectUris.0.overrides.codeLifetimeSeconds', 'Enter a whole number.'],
    ['a fractional lifetime', { codeLifetimeSeconds: '1.5' }, 'redirectUris.0.overrides.codeLifetimeSeconds', 'Enter a whole number.'],
    ['a zero lifetime', { codeLifetimeSeconds: '0' }, 'redirectUris.0.overrides.codeLifetimeSeconds', 'Enter a number above 0.'],
    ['a negative state length', { minStateLength: '-1' }, 'redirectUris.0.overrides.minStateLength', 'Enter at least 0.'],
    ['an issuer that is not a URL', { issuer: 'login' }, 'redirectUris.0.overrides.issuer', 'Enter an absolute URL, e.g. https://login.example.com'],
  ] as const)('refuses %s with a message for its field', (_name, patch, field, message) => {
    expect(withEntry(patch)).toEqual({ ok: false, errors: { [field]: message } });
  });

  it.each([
    ['maxFlows', '0', 'Enter at least 1.'],
    ['maxFlows', '1001', 'Enter at most 1000.'],
    ['maxFlows', '', 'Enter a whole number.'],
    ['maxAgeHours', 'a day', 'Enter a whole number.'],
    ['maxAgeHours', '721', 'Enter at most 720.'],
  ] as const)('refuses capture.%s = "%s"', (field, text, message) => {
    const draft = draftFromSettings(DEFAULT_SETTINGS);
    draft.capture[field] = text;
    expect(settingsFromDraft(draft, DEFAULT_SETTINGS)).toEqual({ ok: false, errors: { [`capture.${field}`]: message } });
  });
});
