// @vitest-environment happy-dom
import { h } from 'preact';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { OptionsPage } from '../../src/options/options';
import { SettingsSchema, type SettingsInput } from '../../src/core/settings/settings-schema';
import { fakePageApi, type FakePageApiOptions } from '../fixtures/ui/fake-page-api';
import { renderWithApi } from '../fixtures/ui/render-page';

afterEach(cleanup);

const REGISTERED: SettingsInput = {
  redirectUris: [{ uri: 'https://app.example.com/callback', profile: 'akahu', authorizationServers: ['https://oauth.akahu.nz'] }],
  profileOverrides: { oidc: { minStateLength: 20 } },
};

async function openOptions(options: FakePageApiOptions = {}) {
  const api = fakePageApi(options);
  renderWithApi(api, h(OptionsPage, {}));
  await screen.findByRole('heading', { name: 'Redirect URIs' });
  return api;
}

const saveRequests = (api: ReturnType<typeof fakePageApi>) => api.requests.filter((request) => request.type === 'saveSettings');
const type = (label: string | RegExp, value: string, index = 0) => fireEvent.input(screen.getAllByLabelText(label)[index] as Element, { target: { value } });

async function addEntry(uri: string) {
  fireEvent.click(screen.getByRole('button', { name: '+ Add a redirect URI' }));
  const fields = screen.getAllByLabelText(/Redirect URI \(exact/);
  fireEvent.input(fields.at(-1) as Element, { target: { value: uri } });
}

describe('options: redirect URIs', () => {
  it('shows the saved settings in the form', async () => {
    await openOptions({ settings: REGISTERED });
    expect((screen.getByLabelText(/Redirect URI \(exact/) as HTMLInputElement).value).toBe('https://app.example.com/callback');
    expect((screen.getByLabelText('Provider profile') as HTMLSelectElement).value).toBe('akahu');
    expect((screen.getByLabelText(/Authorization server URLs/) as HTMLTextAreaElement).value).toBe('https://oauth.akahu.nz');
    expect((screen.getByLabelText('Code lifetime (seconds)') as HTMLInputElement).placeholder).toBe('60 (Akahu default)');
  });

  it('shows a bad URI inline, moves focus to it, and saves nothing', async () => {
    const api = await openOptions({ settings: REGISTERED });
    await addEntry('app.example.com/callback');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const field = screen.getAllByLabelText(/Redirect URI \(exact/)[1] as HTMLInputElement;
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById(field.getAttribute('aria-describedby')?.split(' ')[0] ?? '');
    expect(message?.textContent).toBe('Must be an absolute URI, e.g. https://app.example/callback.');
    expect(field.closest('.field')?.contains(message as Node)).toBe(true);
    expect(document.activeElement).toBe(field);
    expect(screen.getByText('Nothing was saved: one field needs fixing.')).toBeTruthy();
    expect(saveRequests(api)).toEqual([]);
    expect(api.state.settings).toEqual(SettingsSchema.parse(REGISTERED));
    expect(api.permissionRequests).toEqual([]);
  });

  it('clears a field’s message once it is edited', async () => {
    await openOptions();
    await addEntry('nope');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText(/Must be an absolute URI/)).toBeTruthy();
    type(/Redirect URI \(exact/, 'https://app.example.com/cb');
    expect(screen.queryByText(/Must be an absolute URI/)).toBeNull();
  });

  it('saves a valid entry, keeps what the form does not show, and asks for exactly the registered origins', async () => {
    const api = await openOptions({ settings: REGISTERED, granted: ['https://app.example.com/*', 'https://oauth.akahu.nz/*'] });
    await addEntry('http://127.0.0.1:8080/cb');
    type(/Authorization server URLs/, 'https://login.example.com:8443/authorize', 1);
    type('Label (optional)', 'Local dev', 1);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(api.permissionRequests).toEqual([['http://127.0.0.1/*', 'https://app.example.com/*', 'https://login.example.com/*', 'https://oauth.akahu.nz/*']]);
    await screen.findByText('Saved.');
    expect(api.state.settings.redirectUris.map(({ uri, label }) => [uri, label])).toEqual([
      ['https://app.example.com/callback', undefined],
      ['http://127.0.0.1:8080/cb', 'Local dev'],
    ]);
    expect(api.state.settings.profileOverrides).toEqual({ oidc: { minStateLength: 20 } });
  });

  it('removes an entry on Save', async () => {
    const api = await openOptions({ settings: REGISTERED });
    fireEvent.click(screen.getByRole('button', { name: /Remove redirect URI/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect(api.state.settings.redirectUris).toEqual([]);
  });
});

describe('options: capture', () => {
  it('refuses a bad number inline and saves nothing', async () => {
    const api = await openOptions();
    type('Most flows kept', 'lots');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Enter a whole number.')).toBeTruthy();
    expect(saveRequests(api)).toEqual([]);
  });

  it('keeps history off by default, saying secrets are redacted when on', async () => {
    const api = await openOptions();
    const keep = screen.getByRole('checkbox', { name: 'Keep history across browser restarts' }) as HTMLInputElement;
    expect(keep.checked).toBe(false);
    expect(document.getElementById(keep.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/secrets redacted/);
    fireEvent.click(keep);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect(api.state.settings.capture.keepHistory).toBe(true);
  });

  it('asks for access to all sites when "watch all sites" is turned on', async () => {
    const api = await openOptions();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Watch all sites' }));
    expect(api.permissionRequests).toEqual([['<all_urls>']]);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect(api.state.settings.capture.watchAllSites).toBe(true);
    expect(api.permissionRequests).toEqual([['<all_urls>'], ['<all_urls>']]);
  });
});

describe('options: host access', () => {
  it('lists granted and missing origins and grants the missing ones', async () => {
    const api = await openOptions({ settings: REGISTERED, granted: ['https://app.example.com/*'] });
    const list = await waitFor(() => {
      const items = [...document.querySelectorAll<HTMLElement>('.origins li')];
      expect(items.map((item) => [item.dataset.origin, item.dataset.granted])).toEqual([
        ['https://app.example.com/*', 'true'],
        ['https://oauth.akahu.nz/*', 'false'],
      ]);
      return items;
    });
    expect(list[1]?.textContent).toContain('✗ missing');
    fireEvent.click(screen.getByRole('button', { name: 'Grant access' }));
    expect(api.permissionRequests).toEqual([['https://oauth.akahu.nz/*']]);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Grant access' })).toBeNull());
    expect(document.querySelector('[data-origin="https://oauth.akahu.nz/*"]')?.getAttribute('data-granted')).toBe('true');
  });

  it('says so when the browser refuses', async () => {
    await openOptions({ settings: REGISTERED, acceptPermissionRequests: false });
    fireEvent.click(await screen.findByRole('button', { name: 'Grant access' }));
    await screen.findByText(/The browser did not grant access/);
  });
});

describe('options: import and export', () => {
  async function importText(text: string) {
    const input = document.querySelector<HTMLInputElement>('input[type="file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([text], 'settings.json', { type: 'application/json' })], configurable: true });
    fireEvent.change(input);
  }

  const exported = (settings: SettingsInput) => JSON.stringify({ kind: 'consent-lens-settings', version: 1, settings });

  it('exports the saved settings in an envelope that says what they are', async () => {
    const api = await openOptions({ settings: REGISTERED });
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    expect(api.downloads[0]?.fileName).toBe('consent-lens-settings.json');
    expect(JSON.parse(api.downloads[0]?.text ?? '')).toEqual({ kind: 'consent-lens-settings', version: 1, settings: SettingsSchema.parse(REGISTERED) });
  });

  it('imports what it exported, unchanged', async () => {
    const source = await openOptions({ settings: REGISTERED });
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    cleanup();
    const api = await openOptions();
    await importText(source.downloads[0]?.text ?? '');
    await screen.findByText('Imported settings.json and saved it.');
    expect(api.state.settings).toEqual(SettingsSchema.parse(REGISTERED));
  });

  it.each([
    ['a HAR file', { log: { version: '1.2', entries: [] } }, 'it looks like a HAR file (the consent-lens command line reads those)'],
    [
      'a package.json',
      { name: 'my-app', version: '1.0.0', scripts: {} },
      'it has no "kind": "consent-lens-settings", and settings have no "name", "version", "scripts"',
    ],
    ['an empty object', {}, 'it has no "kind": "consent-lens-settings"'],
    ['an array', [REGISTERED], 'it holds a list'],
    ['a number', 42, 'it holds a number'],
    ['settings with keys settings do not have', { ...REGISTERED, theme: 'dark' }, 'it has no "kind": "consent-lens-settings", and settings have no "theme"'],
    ['another kind of file', { kind: 'consent-lens-report', version: 1 }, 'its "kind" is "consent-lens-report", not "consent-lens-settings"'],
    ['an export without a version', { kind: 'consent-lens-settings', settings: REGISTERED }, 'it has no valid "version"'],
    [
      'an export of a newer version',
      { kind: 'consent-lens-settings', version: 2, settings: REGISTERED },
      'it was written by a newer version of Consent Lens (settings file version 2; this one reads version 1)',
    ],
    ['an export whose settings are not an object', { kind: 'consent-lens-settings', version: 1, settings: 'all' }, 'its "settings" are not an object'],
  ])('refuses %s, saying why, and keeps the registered URIs', async (_, file, why) => {
    const api = await openOptions({ settings: REGISTERED });
    await importText(JSON.stringify(file));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      `Not imported; nothing was saved.settings.json is not a Consent Lens settings file: ${why}. Export one with “Export settings”.`,
    );
    expect(saveRequests(api)).toEqual([]);
    expect(api.state.settings).toEqual(SettingsSchema.parse(REGISTERED));
    expect((screen.getByLabelText(/Redirect URI \(exact/) as HTMLInputElement).value).toBe('https://app.example.com/callback');
  });

  it('lists every problem of an invalid file and saves nothing', async () => {
    const api = await openOptions({ settings: REGISTERED });
    await importText(exported({ redirectUris: [{ uri: 'nope' }], capture: { maxFlows: 0 } }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not imported; nothing was saved.');
    expect([...within(alert).getAllByRole('listitem')].map((item) => item.textContent)).toEqual([
      'redirectUris.0.uri: Must be an absolute URI, e.g. https://app.example/callback.',
      'capture.maxFlows: Enter at least 1.',
    ]);
    expect(saveRequests(api)).toEqual([]);
    expect(api.state.settings).toEqual(SettingsSchema.parse(REGISTERED));
  });

  it('refuses a file that is not JSON', async () => {
    const api = await openOptions();
    await importText('{ not json');
    expect((await screen.findByRole('alert')).textContent).toMatch(/settings\.json is not JSON/);
    expect(saveRequests(api)).toEqual([]);
  });

  it.each([
    ['an export', exported(REGISTERED)],
    ['a bare settings object, as exported before the envelope', JSON.stringify(SettingsSchema.parse(REGISTERED))],
    ['a bare settings object with only redirectUris', JSON.stringify({ redirectUris: REGISTERED.redirectUris })],
  ])('saves %s and shows it in the form', async (_, text) => {
    const api = await openOptions();
    await importText(text);
    await screen.findByText('Imported settings.json and saved it.');
    expect(api.state.settings.redirectUris).toEqual(SettingsSchema.parse(REGISTERED).redirectUris);
    expect((screen.getByLabelText(/Redirect URI \(exact/) as HTMLInputElement).value).toBe('https://app.example.com/callback');
  });

  it('asks for the host access the imported URIs need from a click, as Save does, and no more once granted', async () => {
    const api = await openOptions({ granted: ['https://app.example.com/*'] });
    await importText(exported(REGISTERED));
    await screen.findByText('Imported settings.json and saved it.');
    const allow = await screen.findByRole('button', { name: 'Allow access to them' });
    expect(allow.closest('.grant')?.textContent).toContain('The imported settings watch a site Consent Lens cannot see yet.');
    // Nothing asked outside a click: Firefox refuses a prompt that no user gesture led to.
    expect(api.permissionRequests).toEqual([]);
    fireEvent.click(allow);
    expect(api.permissionRequests).toEqual([['https://oauth.akahu.nz/*']]);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Allow access to them' })).toBeNull());
  });

  it('asks for nothing after an import whose sites are all granted', async () => {
    await openOptions({ granted: ['https://app.example.com/*', 'https://oauth.akahu.nz/*'] });
    await importText(exported(REGISTERED));
    await screen.findByText('Imported settings.json and saved it.');
    await waitFor(() => expect(document.querySelectorAll('[data-granted="true"]')).toHaveLength(2));
    expect(screen.queryByRole('button', { name: 'Allow access to them' })).toBeNull();
  });
});

describe('options: worker problems', () => {
  it('shows a stored-settings problem as a banner', async () => {
    await openOptions({ problem: 'Stored settings could not be read (it was written by a newer version (2)); defaults apply.' });
    expect(screen.getByRole('alert').textContent).toContain('written by a newer version');
  });
});
