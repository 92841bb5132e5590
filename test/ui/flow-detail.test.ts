// @vitest-environment happy-dom
import { h } from 'preact';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FlowDetail } from '../../src/popup/flow-detail';
import type { FlowReport } from '../../src/core/report/report-schema';
import { AKAHU_CODE, fixtureFlow, ID_TOKEN, SCENARIOS, T0 } from '../fixtures/ui/flows';
import { fakePageApi } from '../fixtures/ui/fake-page-api';
import { renderWithApi } from '../fixtures/ui/render-page';
import { GOOD_CHALLENGE, GOOD_CODE, GOOD_STATE, runScenario } from '../support/scenario';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function showFlow(flow: FlowReport, onBack = () => {}) {
  const api = fakePageApi();
  return { api, ...renderWithApi(api, h(FlowDetail, { flow, sourceRedacted: false, onBack })) };
}

const steps = () => [...document.querySelectorAll<HTMLElement>('.timeline > li')];
const param = (scope: HTMLElement, name: string) => scope.querySelector<HTMLElement>(`[data-param="${name}"]`);

describe('flow timeline', () => {
  it('shows the decoded request, each hop and the callback with times since the request', () => {
    showFlow(fixtureFlow('clean'));
    const [request, hop, callback] = steps();
    expect(steps().map((step) => step.dataset.step)).toEqual(['request', 'hop', 'callback']);

    expect(request?.querySelector('.step-head')?.textContent).toBe('+0.00 sAuthorization requestGET302as.example.com/authorize');
    for (const [name, value] of [
      ['client_id', 'demo-client'],
      ['scope', 'openid profile'],
      ['state', GOOD_STATE],
      ['response_type', 'code'],
      ['code_challenge', GOOD_CHALLENGE],
      ['code_challenge_method', 'S256'],
      ['nonce', 'n-0S6_WzA2Mj'],
      ['redirect_uri', 'https://app.example.com/callback'],
    ]) {
      expect(param(request as HTMLElement, name as string)?.querySelector('.value')?.textContent).toBe(value);
    }

    expect(hop?.querySelector('.step-head')?.textContent).toBe('+0.02 sHopPOST303as.example.com/login→ app.example.com');
    expect(callback?.querySelector('.step-head')?.textContent).toBe('+0.03 sCallbackGET200app.example.com/callback');
    expect(param(callback as HTMLElement, 'iss')?.textContent).toContain('https://as.example.com');
    expect(param(callback as HTMLElement, 'session_state')?.textContent).toContain('ss-1');
  });

  it('orders the callback fields the way a developer reads them', () => {
    showFlow(fixtureFlow('error'));
    const callback = steps().at(-1) as HTMLElement;
    expect([...callback.querySelectorAll<HTMLElement>('[data-param]')].map((row) => row.dataset.param)).toEqual(['state', 'error', 'error_description']);
    expect(param(callback, 'error_description')?.textContent).toContain('admin is not allowed');
  });

  it('shows the Akahu profile, the REVOKE event and the revoked outcome', () => {
    showFlow(fixtureFlow('akahuRevoke'));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('Akahu');
    expect(param(steps().at(-1) as HTMLElement, 'event')?.textContent).toContain('REVOKE');
    expect(screen.getByRole('heading', { level: 2 }).querySelector('[data-outcome]')?.textContent).toBe('revoked');
  });

  it('decodes a POSTed id_token with its issue and expiry dates', () => {
    showFlow(fixtureFlow('formPost'));
    const callback = steps().at(-1) as HTMLElement;
    expect(callback.querySelector('.step-head')?.textContent).toContain('POST');
    expect(param(callback, 'id_token')?.querySelector('.tag')?.textContent).toBe('form');
    const token = within(callback)
      .getByText(/id_token, decoded/)
      .closest('details') as HTMLElement;
    const dates = [...token.querySelectorAll('time')].map((time) => time.getAttribute('datetime'));
    expect(dates).toEqual([new Date(T0).toISOString(), new Date(T0 + 3_600_000).toISOString()]);
    expect(token.textContent).toContain('"kid": "key-1"');
    expect(token.textContent).toContain('"sub": "user-42"');
  });
});

describe('secret values', () => {
  it('masks the code until Reveal, and offers Copy only then, copying the real value', () => {
    const { api } = showFlow(fixtureFlow('clean'));
    expect(document.body.textContent).not.toContain(GOOD_CODE);
    expect(screen.queryByRole('button', { name: 'Copy code' })).toBeNull();
    const code = param(steps().at(-1) as HTMLElement, 'code') as HTMLElement;
    expect(code.textContent).toContain(`${GOOD_CODE.length} chars hidden`);

    fireEvent.click(within(code).getByRole('button', { name: 'Reveal code' }));
    expect(code.querySelector('[data-secret]')?.textContent).toBe(GOOD_CODE);
    fireEvent.click(within(code).getByRole('button', { name: 'Copy code' }));
    expect(api.copied).toEqual([GOOD_CODE]);

    fireEvent.click(within(code).getByRole('button', { name: 'Hide code' }));
    expect(document.body.textContent).not.toContain(GOOD_CODE);
  });

  it('keeps the Akahu code masked too', () => {
    showFlow(fixtureFlow('akahuAccept'));
    expect(document.body.textContent).not.toContain(AKAHU_CODE);
    expect(document.querySelector('[data-param="code"] [data-secret]')?.getAttribute('data-secret')).toBe('masked');
  });

  it('masks an id_token and copies plain values straight away', () => {
    const { api } = showFlow(fixtureFlow('formPost'));
    expect(document.body.textContent).not.toContain(ID_TOKEN);
    fireEvent.click(within(param(steps()[0] as HTMLElement, 'state') as HTMLElement).getByRole('button', { name: 'Copy state' }));
    expect(api.copied).toEqual(['Vb9Hk3Pj6Ds1Fa0GeZr8YtN5Lw2Qm7Xc4']);
  });
});

describe('code countdown', () => {
  it('ticks every second from Date.now() and says expired after the code lifetime', () => {
    const flow = fixtureFlow('akahuAccept');
    const issuedAt = flow.codeIssuedAt as number;
    vi.useFakeTimers({ now: issuedAt + 1_000 });
    showFlow(flow);
    const countdown = document.querySelector<HTMLElement>('[data-countdown]') as HTMLElement;
    expect(countdown.dataset.expiresAt).toBe(String(issuedAt + 60_000));
    expect(countdown.dataset.countdown).toBe('running');
    expect(countdown.querySelector('strong')?.textContent).toBe('00:59');
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(countdown.querySelector('strong')?.textContent).toBe('00:58');
    act(() => {
      vi.advanceTimersByTime(57_000);
    });
    expect(countdown.querySelector('strong')?.textContent).toBe('00:01');
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    const expired = document.querySelector<HTMLElement>('[data-countdown]') as HTMLElement;
    expect(expired.dataset.countdown).toBe('expired');
    expect(expired.textContent).toMatch(/^Code expired at .* · lifetime 60 s \(Akahu\)$/);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is already expired when the popup opens after the code lifetime', () => {
    const flow = fixtureFlow('clean');
    vi.useFakeTimers({ now: (flow.codeExpiresAt as number) + 5_000 });
    showFlow(flow);
    expect(document.querySelector<HTMLElement>('[data-countdown]')?.dataset.countdown).toBe('expired');
  });

  it('ends in how long the page took to exchange the code, and stops ticking', () => {
    const flow = runScenario({ ...SCENARIOS.clean, exchanges: [{ after: 3100 }] });
    vi.useFakeTimers({ now: (flow.codeIssuedAt as number) + 5_000 });
    showFlow(flow);
    const countdown = document.querySelector<HTMLElement>('[data-countdown]') as HTMLElement;
    expect(countdown.dataset.countdown).toBe('exchanged');
    expect(countdown.textContent).toBe('Code exchanged after 3.1 s (limit 10 min): HTTP 200');
    expect(vi.getTimerCount()).toBe(0);
    const exchange = steps().find((step) => step.dataset.step === 'exchange') as HTMLElement;
    expect(exchange.querySelector('.step-head')?.textContent).toMatch(/^\+3\.\d\d sCode exchangePOST200as\.example\.com\/token$/);
    expect(param(exchange, 'code')?.querySelector('[data-secret]')?.getAttribute('data-secret')).toBe('masked');
    expect(exchange.textContent).not.toContain(GOOD_CODE);
  });

  it('says while it runs that no token request from the page is in sight', () => {
    const flow = fixtureFlow('clean');
    vi.useFakeTimers({ now: (flow.codeIssuedAt as number) + 1_000 });
    showFlow(flow);
    expect(document.querySelector('[data-countdown] .exchange-note')?.textContent).toMatch(
      /no token request from the page: a server-side client exchanges the code/,
    );
  });

  it('is absent when no code arrived', () => {
    showFlow(fixtureFlow('error'));
    expect(document.querySelector('[data-countdown]')).toBeNull();
  });
});

describe('findings', () => {
  it('tags every element showing a finding with data-finding=<rule id>', () => {
    showFlow(fixtureFlow('flawedPending'));
    const containers = [...document.querySelectorAll<HTMLElement>('li.finding')];
    expect(containers.map((item) => item.dataset.finding)).toEqual(['redirect-not-https', 'state-missing', 'pkce-missing']);
    for (const container of containers) {
      const id = container.dataset.finding;
      const parts = container.querySelectorAll('*');
      expect(parts.length).toBeGreaterThanOrEqual(10);
      for (const part of parts) expect(part.getAttribute('data-finding')).toBe(id);
    }
  });

  it('shows severity icon and label, message, explanation, fix and a spec link opening a new tab', () => {
    showFlow(fixtureFlow('flawedPending'));
    const finding = document.querySelector<HTMLElement>('li[data-finding="state-missing"]') as HTMLElement;
    expect(finding.querySelector('.severity')?.textContent).toBe('✖ error');
    expect(finding.querySelector('.finding-message')?.textContent).toMatch(/state/);
    expect(finding.querySelector('.finding-fix')?.textContent).toMatch(/^Fix Send a fresh, unguessable state/);
    expect(finding.querySelector('.finding-explanation')?.textContent?.length).toBeGreaterThan(40);
    const link = finding.querySelector('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('https://www.rfc-editor.org/rfc/rfc9700#section-4.7');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('says so when a flow has no findings', () => {
    showFlow(fixtureFlow('clean'));
    expect(screen.getByText(/No findings/)).toBeTruthy();
  });
});

describe('detail navigation', () => {
  it('goes back on Escape and on the back button', () => {
    const onBack = vi.fn();
    showFlow(fixtureFlow('clean'), onBack);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: /Back to all flows/ }));
    expect(onBack).toHaveBeenCalledTimes(2);
  });
});
