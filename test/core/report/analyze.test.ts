import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/report/analyze';
import { AnalysisReportSchema } from '../../../src/core/report/report-schema';
import { defineRule, type Rule } from '../../../src/core/checks/rule';
import { SettingsSchema } from '../../../src/core/settings/settings-schema';
import { goodCallback, goodRequest, ingestAll, observationsOf, REDIRECT, runScenario, runScenarios } from '../../support/scenario';

describe('analyze', () => {
  it.each([
    ['pending', { request: goodRequest() }],
    ['success', { request: goodRequest(), callbacks: [goodCallback()] }],
    ['denied', { request: goodRequest(), callbacks: [goodCallback({ code: undefined, error: 'access_denied' })] }],
    ['error', { request: goodRequest(), callbacks: [goodCallback({ code: undefined, error: 'invalid_scope' })] }],
    ['revoked', { request: goodRequest(), callbacks: [goodCallback({ code: undefined, event: 'REVOKE' })] }],
    ['unknown', { request: goodRequest(), callbacks: [goodCallback({ code: undefined })] }],
  ] as const)('reports the outcome %s', (outcome, scenario) => {
    expect(runScenario(scenario).outcome).toBe(outcome);
  });

  it.each([
    ['akoya', 300_000],
    ['akahu', 60_000],
    ['oauth2', 600_000],
  ] as const)('sets the %s code to expire %d ms after the callback', (profile, lifetime) => {
    const flow = runScenario({ request: goodRequest(), callbacks: [goodCallback()] }, { forceProfile: profile });
    expect(flow.codeIssuedAt).toBe(flow.callbacks[0]?.time);
    expect(flow.codeExpiresAt).toBe((flow.codeIssuedAt ?? NaN) + lifetime);
  });

  it.each([
    ['its own error page', 'https://app.example.com/api/auth/error?error=Callback', 'rejected'],
    ['its sign-in page naming an error', 'https://app.example.com/signin?error=OAuthCallback', 'rejected'],
    ['its home page', 'https://app.example.com/home', 'success'],
  ] as const)('reads a callback the client redirects to %s as %s', (_where, target, outcome) => {
    const observations = observationsOf({ request: goodRequest(), callbacks: [goodCallback()] });
    const answer = observations.findLast((o) => o.kind === 'response' && o.url === goodCallback());
    Object.assign(answer!, { status: 302, location: target });
    const last = observations.at(-1)!.time;
    observations.push(
      { kind: 'request', tabId: 1, time: last + 10, url: target, method: 'GET' },
      { kind: 'response', tabId: 1, time: last + 20, url: target, status: 200 },
    );
    const [flow] = analyze(ingestAll(observations), SettingsSchema.parse({})).flows;
    expect(flow!.landing.map((hop) => hop.url)).toEqual([target]);
    expect(flow!.outcome).toBe(outcome);
  });

  it('gives a flow without a code no expiry', () => {
    const flow = runScenario({ request: goodRequest(), callbacks: [goodCallback({ code: undefined, error: 'access_denied' })] });
    expect([flow.codeIssuedAt, flow.codeExpiresAt]).toEqual([undefined, undefined]);
  });

  it('decodes the request and callback fields and an id_token', () => {
    const idToken = 'eyJhbGciOiJub25lIn0.eyJub25jZSI6Im4tMFM2X1d6QTJNaiJ9.';
    const flow = runScenario({ request: goodRequest(), callbacks: [goodCallback({ id_token: idToken })] });
    expect(flow.clientId).toBe('demo-client');
    expect(flow.redirectUri).toBe(REDIRECT);
    expect(flow.request?.fields).toMatchObject({ responseTypes: ['code'], scopes: ['openid', 'profile'], codeChallengeMethod: 'S256' });
    expect(flow.callbacks[0]?.idToken).toMatchObject({ ok: true, payload: { nonce: 'n-0S6_WzA2Mj' } });
  });

  it('counts findings per severity in each flow and in the summary', () => {
    const report = runScenarios([
      { request: goodRequest({ state: 'short' }), callbacks: [goodCallback({ state: 'short' })] },
      { request: goodRequest(), callbacks: [goodCallback()] },
    ]);
    const [first] = report.flows;
    expect(first?.counts.warning).toBe(first?.findings.filter((f) => f.severity === 'warning').length);
    expect(report.summary.findings.warning).toBe(report.flows.reduce((sum, flow) => sum + flow.counts.warning, 0));
    expect(report.summary.flows).toBe(2);
  });

  it('produces a report its own schema accepts', () => {
    const report = runScenarios([{ request: goodRequest(), callbacks: [goodCallback(), goodCallback()] }]);
    expect(AnalysisReportSchema.safeParse(JSON.parse(JSON.stringify(report))).success).toBe(true);
  });

  it('reports a rule that throws and still runs the others', () => {
    const broken: Rule = defineRule({
      id: 'state-short',
      severity: 'error',
      title: 't',
      explanation: 'e',
      reference: { title: 'r', url: 'https://x' },
      fix: 'f',
      check: () => {
        throw new Error('boom');
      },
    });
    const working: Rule = { ...broken, id: 'state-missing', check: () => [{ message: 'ran' }] };
    const errors: string[] = [];
    const state = ingestAll(observationsOf({ request: goodRequest(), callbacks: [goodCallback()] }));
    const report = analyze(state, SettingsSchema.parse({}), { rules: [broken, working], onRuleError: (rule) => errors.push(rule.id) });
    expect(errors).toEqual(['state-short']);
    expect(report.flows[0]?.findings.map((f) => f.message)).toEqual(['ran']);
  });
});
