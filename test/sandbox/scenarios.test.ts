import { describe, expect, it } from 'vitest';
import { RuleIdSchema } from '../../src/core/index';
import { PERSONALITIES, PERSONALITY_IDS } from '../../src/sandbox/personalities';
import { sandboxRedirectUris } from '../../src/sandbox/sandbox-settings';
import { buildScenarios, expectedFlows, findScenario, type FaultId } from '../../src/sandbox/scenarios';

const DEMO = 'http://127.0.0.1:47100/';
const scenarios = buildScenarios(DEMO, sandboxRedirectUris(47100));

describe('the scenario table', () => {
  it('has unique ids, each started at /start/<personality>/<fault> on the demo app', () => {
    expect(new Set(scenarios.map(({ id }) => id)).size).toBe(scenarios.length);
    for (const scenario of scenarios) {
      expect(scenario.id).toBe(`${scenario.personality}/${scenario.fault}`);
      expect(scenario.startUrl).toBe(`${DEMO}start/${scenario.id}`);
    }
  });

  it.each(PERSONALITY_IDS.filter((id) => !PERSONALITIES[id].exchangesInBrowser))(
    'offers %s a clean flow, an http redirect, a code replay and access denied',
    (personality) => {
      const faults = scenarios.filter((scenario) => scenario.personality === personality).map(({ fault }) => fault);
      expect(faults).toEqual(expect.arrayContaining<FaultId>(['clean', 'http-redirect', 'code-replay', 'access-denied']));
    },
  );

  it('expects only real rule ids, sorted, and nothing at all from a clean flow', () => {
    for (const scenario of scenarios) {
      for (const id of scenario.expectedFindings) expect(RuleIdSchema.safeParse(id).success).toBe(true);
      expect(scenario.expectedFindings).toEqual([...scenario.expectedFindings].sort());
      if (scenario.fault === 'clean') expect(scenario).toMatchObject({ expectedFindings: [], expectedOutcome: 'success' });
    }
  });

  it.each([
    ['akoya/altered-state', ['state-mismatch'], 'rejected'],
    ['oidc/missing-state', ['state-missing'], 'success'],
    ['akoya/short-state', ['state-low-entropy', 'state-short'], 'success'],
    ['oidc/http-redirect', ['redirect-not-https'], 'success'],
    ['akahu/code-replay', ['code-replayed'], 'success'],
    ['akoya/access-denied', ['error-response'], 'denied'],
    ['akahu/revoke', [], 'revoked'],
    ['akahu/revoke-with-code', ['event-code-mismatch'], 'revoked'],
    ['akahu/no-event', ['event-unknown'], 'success'],
  ])('%s expects %j and outcome %s', (id, findings, outcome) => {
    const [personality, fault] = id.split('/');
    expect(findScenario(scenarios, personality!, fault!)).toMatchObject({ expectedFindings: findings, expectedOutcome: outcome });
  });

  it('returns to the non-loopback redirect URI only in the http-redirect scenarios', () => {
    for (const scenario of scenarios) {
      const host = new URL(scenario.redirectUri).hostname;
      expect(host).toBe(scenario.fault === 'http-redirect' ? 'client.example.test' : '127.0.0.1');
      expect(new URL(scenario.redirectUri).pathname).toBe(`/${scenario.personality}/callback`);
    }
  });

  it('gives every Akahu callback an event unless the scenario leaves it out, and no other personality one', () => {
    const akahuEvents: Partial<Record<FaultId, string | undefined>> = {
      update: 'UPDATE',
      revoke: 'REVOKE',
      'revoke-with-code': 'REVOKE',
      'no-event': undefined,
    };
    for (const scenario of scenarios) {
      const expected = scenario.personality !== 'akahu' ? undefined : scenario.fault in akahuEvents ? akahuEvents[scenario.fault] : 'ACCEPT';
      expect(scenario.plan.rewrite.event, scenario.id).toBe(expected);
    }
  });

  it('offers no state faults where PAR hides the state from the browser', () => {
    for (const scenario of scenarios.filter(({ personality }) => PERSONALITIES[personality].par)) {
      expect(scenario.plan.state, scenario.id).toBe('random');
      expect(scenario.plan.rewrite.alterState, scenario.id).toBeUndefined();
    }
  });

  it('has the user press Cancel only for access denied, and replays only for code replay', () => {
    for (const scenario of scenarios) {
      expect(scenario.plan.userAction === 'cancel', scenario.id).toBe(scenario.fault === 'access-denied');
      expect(scenario.plan.replay, scenario.id).toBe(scenario.fault === 'code-replay');
    }
  });

  it('expects a second flow where the scenario starts one: the pairs in the tab, the renewal in an iframe', () => {
    const followUps = Object.fromEntries(scenarios.filter(({ followUp }) => followUp).map(({ id, followUp }) => [id, followUp!.place]));
    expect(followUps).toEqual({ 'oidc/form-post-pair': 'tab', 'oidc/fragment-pair': 'tab', 'oidc/silent-renewal': 'iframe' });
    expect(expectedFlows(findScenario(scenarios, 'oidc', 'silent-renewal')!)).toEqual([
      { place: 'tab', outcome: 'success', findings: [] },
      { place: 'iframe', outcome: 'success', findings: [] },
    ]);
  });

  it('runs only the popup login in a popup, and only the client-rejects scenario ends rejected with no finding', () => {
    for (const scenario of scenarios) {
      expect(scenario.place, scenario.id).toBe(scenario.fault === 'popup-login' ? 'popup' : 'tab');
      expect(scenario.plan.rejectCallback, scenario.id).toBe(scenario.fault === 'client-rejects');
    }
    expect(findScenario(scenarios, 'oidc', 'client-rejects')).toMatchObject({ expectedFindings: [], expectedOutcome: 'rejected' });
  });

  it("offers the single-page app a clean flow and each way its page's code exchange goes wrong, each with its finding and the server's refusal", () => {
    const spa = scenarios.filter(({ personality }) => personality === 'spa');
    expect(spa.map(({ fault }) => fault)).toEqual(['clean', 'exchange-twice', 'exchange-late', 'wrong-verifier', 'wrong-redirect-uri', 'secret-in-page']);
    for (const scenario of spa.filter(({ fault }) => fault !== 'clean')) expect(scenario.expectedFindings, scenario.id).toContain('token-error');
    for (const scenario of scenarios.filter(({ personality }) => personality !== 'spa')) {
      expect(scenario.plan.browserExchange, scenario.id).toEqual({ times: 1, late: false, wrongVerifier: false, otherRedirectUri: false, clientSecret: false });
    }
  });

  it('finds nothing for an unknown personality or fault', () => {
    expect(findScenario(scenarios, 'akoya', 'revoke')).toBeUndefined();
    expect(findScenario(scenarios, 'nope', 'clean')).toBeUndefined();
  });
});
