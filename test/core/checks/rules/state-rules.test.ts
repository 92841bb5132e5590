import { describe, expect, it } from 'vitest';
import { findingIds, goodCallback, goodRequest, runScenario, runScenarios } from '../../../support/scenario';

describe('state rules', () => {
  it.each([
    [
      'state-missing',
      {
        request: goodRequest({ state: undefined, code_challenge: undefined, code_challenge_method: undefined }),
        callbacks: [goodCallback({ state: undefined })],
      },
    ],
    ['state-mismatch', { request: goodRequest(), callbacks: [goodCallback({ state: 'Tampered-9Lk2Pz7Rt5Wm8Nb4Hc6Jd1Fg0Ys2' })] }],
    ['state-short', { request: goodRequest({ state: 'abc123' }), callbacks: [goodCallback({ state: 'abc123' })] }],
    ['state-low-entropy', { request: goodRequest({ state: '1234567890' }), callbacks: [goodCallback({ state: '1234567890' })] }],
  ] as const)('%s fires', (id, scenario) => {
    expect(findingIds(runScenario(scenario))).toContain(id);
  });

  it.each(['state-missing', 'state-mismatch', 'state-short', 'state-low-entropy', 'state-reused'] as const)('%s stays silent on a clean flow', (id) => {
    expect(findingIds(runScenario({ request: goodRequest(), callbacks: [goodCallback()] }))).not.toContain(id);
  });

  it('state-missing is a warning, not an error, when PKCE S256 protects the flow', () => {
    const flow = runScenario({ request: goodRequest({ state: undefined }), callbacks: [goodCallback({ state: undefined })] });
    expect(flow.findings.find((finding) => finding.id === 'state-missing')?.severity).toBe('warning');
  });

  it('state-missing stays silent for a PAR request, whose state was pushed', () => {
    const par = 'https://as.example.com/authorize?client_id=demo&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc';
    expect(findingIds(runScenario({ request: par, callbacks: [goodCallback({ state: undefined })] }))).not.toContain('state-missing');
  });

  it('state-mismatch fires when the callback drops the state', () => {
    expect(findingIds(runScenario({ request: goodRequest(), callbacks: [goodCallback({ state: undefined })] }))).toContain('state-mismatch');
  });

  it('state-short follows the profile minimum from settings', () => {
    const scenario = { request: goodRequest({ state: 'Xq3v9Lk2Pz7R' }), callbacks: [goodCallback({ state: 'Xq3v9Lk2Pz7R' })] };
    expect(findingIds(runScenario(scenario))).not.toContain('state-short');
    expect(findingIds(runScenario(scenario, { profileOverrides: { oidc: { minStateLength: 20 } } }))).toContain('state-short');
  });

  it('state-reused fires on both flows that sent the same state', () => {
    const flow = { request: goodRequest(), callbacks: [goodCallback()] };
    const second = { request: goodRequest(), callbacks: [goodCallback({ code: 'AnotherCode-kLm9pQ2vN7wXSplxlOBeZQQYbYS6W' })] };
    const report = runScenarios([flow, second]);
    expect(report.flows.map((f) => findingIds(f).includes('state-reused'))).toEqual([true, true]);
  });
});
