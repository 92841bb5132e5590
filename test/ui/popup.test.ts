// @vitest-environment happy-dom
import { h } from 'preact';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Popup } from '../../src/popup/popup';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings-schema';
import { CURRENT_TAB, emptyReport, fixtureReport, flowOf, OTHER_TAB, SCENARIOS } from '../fixtures/ui/flows';
import { fakePageApi, type FakePageApiOptions } from '../fixtures/ui/fake-page-api';
import { renderWithApi } from '../fixtures/ui/render-page';
import { GOOD_CODE, runScenarios } from '../support/scenario';

afterEach(cleanup);

async function openPopup(options: FakePageApiOptions = {}) {
  const api = fakePageApi({ report: fixtureReport(), tabId: CURRENT_TAB, ...options });
  const view = renderWithApi(api, h(Popup, {}));
  await waitFor(() => expect(screen.queryByText('Loading flows…')).toBeNull());
  return { api, ...view };
}

const rows = () => screen.queryAllByRole('button').filter((button) => button.dataset.flowId !== undefined);

describe('popup flow list', () => {
  it('groups flows by tab, the current tab first and labelled, newest first', async () => {
    await openPopup();
    const groups = document.querySelectorAll('.tab-group');
    expect([...groups].map((group) => group.getAttribute('aria-label'))).toEqual(['This tab', `Tab ${OTHER_TAB}`]);
    expect(within(groups[0] as HTMLElement).getByRole('heading').textContent).toBe('This tab');
    expect(rows().map((row) => row.dataset.flowId)).toEqual(['flow-6', 'flow-3', 'flow-1', 'flow-5', 'flow-4', 'flow-2']);
  });

  it('labels flows outside any tab', async () => {
    await openPopup({ report: runScenarios([{ ...SCENARIOS.clean, tabId: -1 }]) });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('No tab, or an earlier session');
  });

  it('shows provider, client_id, redirect host and path, result and findings per severity in each row', async () => {
    await openPopup();
    const row = rows().find((button) => button.dataset.flowId === 'flow-6') as HTMLElement;
    expect(row.querySelector('[data-outcome]')?.textContent).toBe('pending');
    expect(row.textContent).toContain('Generic OpenID Connect');
    expect(row.textContent).toContain('demo-client');
    expect(row.textContent).toContain('app.example.com/callback');
    expect(row.querySelector('.count-error')?.textContent).toBe('✖ 2');
    expect(row.querySelector('.count-warning')?.textContent).toBe('▲ 1');
    expect(row.getAttribute('aria-label')).toBe('Generic OpenID Connect, pending, client demo-client, to app.example.com/callback, 2 errors, 1 warning');
    const revoked = rows().find((button) => button.dataset.flowId === 'flow-4') as HTMLElement;
    expect(revoked.querySelector('[data-outcome]')?.textContent).toBe('revoked');
    expect(revoked.textContent).toContain('Akahu');
  });

  it('moves focus between rows with the arrow keys, Home and End', async () => {
    await openPopup();
    const [first, second] = rows();
    first?.focus();
    const press = (key: string) => fireEvent.keyDown(document.activeElement as Element, { key });
    press('ArrowDown');
    expect(document.activeElement).toBe(second);
    press('ArrowUp');
    press('ArrowUp');
    expect(document.activeElement).toBe(first);
    press('End');
    expect((document.activeElement as HTMLElement).dataset.flowId).toBe('flow-2');
    press('ArrowDown');
    expect((document.activeElement as HTMLElement).dataset.flowId).toBe('flow-2');
    press('Home');
    expect(document.activeElement).toBe(first);
  });

  it('opens a flow, and Escape brings back the list with that row focused', async () => {
    await openPopup();
    fireEvent.click(rows().find((row) => row.dataset.flowId === 'flow-3') as HTMLElement);
    expect(screen.getByRole('heading', { level: 2, name: /Generic OpenID Connect/ })).toBeTruthy();
    expect(document.activeElement?.textContent).toContain('All flows');
    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    expect(rows()).toHaveLength(6);
    expect((document.activeElement as HTMLElement).dataset.flowId).toBe('flow-3');
  });

  it('asks the worker again when it broadcasts flowsChanged', async () => {
    const { api } = await openPopup({ report: fixtureReport(['clean']) });
    expect(rows()).toHaveLength(1);
    api.state.report = fixtureReport(['clean', 'error']);
    api.emit('flowsChanged');
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(api.requests.filter((request) => request.type === 'getFlows')).toHaveLength(2);
  });

  it('shows a settings problem as a banner', async () => {
    await openPopup({ problem: 'Stored settings could not be read (it is not in the stored format); defaults apply.' });
    expect((await screen.findByRole('alert')).textContent).toContain('Stored settings could not be read');
  });

  it('shows a malformed worker answer as an error, not a crash, and can try again', async () => {
    let good = false;
    const report = fixtureReport(['clean']);
    await openPopup({
      answer: ({ type }) =>
        type === 'getFlows' ? { ok: true, value: { report: good ? report : 'garbage' } } : { ok: true, value: { settings: DEFAULT_SETTINGS } },
    });
    expect((await screen.findAllByRole('alert')).map((alert) => alert.textContent).join(' ')).toMatch(/answer to getFlows was not understood/);
    good = true;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('popup empty state', () => {
  it('tells a new user to register a redirect URI and opens the settings', async () => {
    const { api } = await openPopup({ report: emptyReport() });
    expect(screen.getByText('No consent flows recorded yet')).toBeTruthy();
    expect(screen.getByText(/register the exact redirect URI your app sends/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Register a redirect URI' }));
    expect(api.optionsOpened).toBe(1);
  });

  it('says what is watched once a redirect URI is registered', async () => {
    await openPopup({ report: emptyReport(), settings: { redirectUris: [{ uri: 'https://app.example.com/callback' }] } });
    await screen.findByText(/Watching 1 redirect URI\./);
    expect(screen.getByRole('button', { name: 'Open settings' })).toBeTruthy();
  });
});

describe('popup clear all', () => {
  it('asks for confirmation; Cancel keeps the flows', async () => {
    const { api } = await openPopup();
    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    expect(screen.getByText('Delete 6 recorded flows?')).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.requests.some((request) => request.type === 'clearFlows')).toBe(false);
    expect(rows()).toHaveLength(6);
  });

  it('Escape cancels the confirmation', async () => {
    const { api } = await openPopup();
    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    expect(screen.queryByText(/Delete 6 recorded flows/)).toBeNull();
    expect(api.requests.some((request) => request.type === 'clearFlows')).toBe(false);
  });

  it('clears after the confirming click and shows the empty state', async () => {
    const { api } = await openPopup();
    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await screen.findByText('No consent flows recorded yet');
    expect(api.requests.filter((request) => request.type === 'clearFlows')).toEqual([{ type: 'clearFlows', payload: {} }]);
  });
});

describe('popup export', () => {
  it('exports all flows with secrets redacted by default', async () => {
    const { api } = await openPopup();
    fireEvent.click(screen.getByRole('button', { name: 'Export all' }));
    const [download] = api.downloads;
    expect(download?.fileName).toMatch(/^consent-lens-flows-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
    const exported = JSON.parse(download?.text ?? '{}');
    expect(exported.redacted).toBe(true);
    expect(exported.flows).toHaveLength(6);
    expect(download?.text).not.toContain(GOOD_CODE);
    expect(download?.text).toContain('[redacted 40 chars #');
  });

  it('exports one flow with its secrets only when asked', async () => {
    const { api } = await openPopup();
    fireEvent.click(rows().find((row) => row.dataset.flowId === 'flow-1') as HTMLElement);
    fireEvent.click(screen.getByRole('checkbox', { name: 'include secrets' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export this flow' }));
    const exported = JSON.parse(api.downloads[0]?.text ?? '{}');
    expect(exported.redacted).toBe(false);
    expect(exported.flows.map((flow: { id: string }) => flow.id)).toEqual(['flow-1']);
    expect(exported.flows[0].callbacks[0].fields.code).toBe(GOOD_CODE);
    expect(flowOf(fixtureReport(), 'clean').callbacks[0]?.fields.code).toBe(GOOD_CODE);
  });
});
