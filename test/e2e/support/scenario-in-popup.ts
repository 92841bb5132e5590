// One scenario's promise checked in the extension, the same way in Chromium and Firefox: the
// worker recorded exactly the scenario's flows (where each ran, how it ended, its findings), and
// the popup shows each of them so: its row, its findings, and a countdown only for a code that is
// still to be exchanged.
import { expect } from 'vitest';
import { BUILTIN_PROFILES } from '../../../src/core/index';
import { PERSONALITIES } from '../../../src/sandbox/personalities';
import { expectedFlows, type Scenario } from '../../../src/sandbox/scenarios';
import { hostPath } from '../../../src/popup/format';
import {
  askWorker,
  expectCountdownTicking,
  expectFreshCountdown,
  hasElement,
  openFlow,
  openOnlyFlow,
  POPUP_WAIT,
  readFlowDetail,
  readFlowRows,
  type ScriptablePage,
} from './popup-view';
import { scenarioFlows } from './scenario-flows';

type PopupPage = ScriptablePage & { bringToFront(): Promise<unknown> };

const BACK = 'button[aria-label^="Back to all flows"]';

export async function expectScenarioInPopup(popup: PopupPage, scenario: Scenario): Promise<void> {
  const expected = expectedFlows(scenario);
  const recorded = async () => (await askWorker(popup, 'getFlows', {})).report.flows;
  await expect.poll(async () => scenarioFlows(await recorded()), POPUP_WAIT).toEqual(expected);
  const flows = [...(await recorded())].sort((a, b) => a.startedAt - b.startedAt);

  await expect
    .poll(
      async () => (await readFlowRows(popup)).map(({ id, outcome, place }) => ({ id, outcome, place })).sort((a, b) => a.id.localeCompare(b.id)),
      POPUP_WAIT,
    )
    .toEqual(flows.map(({ id, outcome, context }) => ({ id, outcome, place: context.kind })).sort((a, b) => a.id.localeCompare(b.id)));

  // A background tab's animation frames are throttled, which slows every click there.
  await popup.bringToFront();
  for (const [index, flow] of flows.entries()) {
    const { findings } = expected[index]!;
    await openFlow(popup, flow.id);
    await expect.poll(() => readFlowDetail(popup), POPUP_WAIT).toMatchObject({ outcome: flow.outcome });
    const detail = (await readFlowDetail(popup))!;
    expect(detail.provider).toBe(BUILTIN_PROFILES[PERSONALITIES[scenario.personality].profile].name);
    expect([...new Set(detail.findings.map((finding) => finding.id))].sort(), flow.id).toEqual(findings);
    for (const finding of findings) expect(await hasElement(popup, `li.finding[data-finding="${finding}"]`), finding).toBe(true);
    // Only a code meant to be exchanged counts down: not a REVOKE's, nor one the client rejected;
    // once the page has exchanged it, the countdown says so instead.
    if (detail.callbacks[0]?.code === undefined || flow.outcome !== 'success') expect(detail.countdown, flow.id).toBeUndefined();
    else if (PERSONALITIES[scenario.personality].exchangesInBrowser) {
      await expect.poll(async () => (await readFlowDetail(popup))?.countdown?.state, POPUP_WAIT).toBe('exchanged');
      expect(flow.exchanges.length, flow.id).toBe(scenario.plan.browserExchange.times);
    } else expectFreshCountdown(detail.countdown, PERSONALITIES[scenario.personality].codeTtlSeconds);
    await popup.click(BACK);
    await expect.poll(() => hasElement(popup, '.flow-detail'), POPUP_WAIT).toBe(false);
  }
}

/**
 * The clean OpenID Connect flow, read closely: its row, its decoded request and callback (the code
 * hidden), no error anywhere, and a 10-minute countdown that moves with the clock.
 */
export async function expectCleanOidcFlowInPopup(popup: PopupPage, clean: Scenario, sentState: string | undefined, issuer: string): Promise<void> {
  expect(sentState).toMatch(/^[\w-]{24,}$/);
  const profileName = BUILTIN_PROFILES.oidc.name;
  const { clientId } = PERSONALITIES.oidc;
  await expect
    .poll(() => readFlowRows(popup), POPUP_WAIT)
    .toEqual([
      { id: expect.any(String), outcome: 'success', provider: profileName, clientId, redirect: hostPath(clean.redirectUri), counts: {}, place: 'tab' },
    ]);
  const detail = await openOnlyFlow(popup, 'success');
  expect(detail).toMatchObject({ provider: profileName, clientId, redirectUri: clean.redirectUri });
  expect(detail.steps[0]).toBe('request');
  expect(detail.steps.at(-1)).toBe('callback');
  expect(detail.request).toMatchObject({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: clean.redirectUri,
    state: sentState,
    code_challenge_method: 'S256',
  });
  expect(detail.callbacks).toEqual([expect.objectContaining({ state: sentState, iss: issuer, code: expect.stringMatching(/chars hidden$/) })]);
  expect(detail.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  expect(await hasElement(popup, '.severity-error, .count-error')).toBe(false);
  await expectCountdownTicking(popup, detail.countdown, PERSONALITIES.oidc.codeTtlSeconds);
}
