// @vitest-environment happy-dom
import { h } from 'preact';
import { cleanup } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FlowDetail } from '../../src/popup/flow-detail';
import { groupFlowsByTab } from '../../src/popup/group-flows';
import type { FlowReport } from '../../src/core/report/report-schema';
import { fakePageApi } from '../fixtures/ui/fake-page-api';
import { renderWithApi } from '../fixtures/ui/render-page';
import { fixtureFlow } from '../fixtures/ui/flows';
import { goodCallback, goodRequest, runScenario } from '../support/scenario';

afterEach(cleanup);

function showFlow(flow: FlowReport) {
  renderWithApi(fakePageApi(), h(FlowDetail, { flow, sourceRedacted: false, onBack: () => {} }));
  const badge = document.querySelector<HTMLElement>('.detail-title .badge');
  return { badge, tone: badge?.dataset.tone, text: badge?.textContent };
}

describe('what the popup says of a flow', () => {
  it('does not show a success with an error finding in green', () => {
    const mismatched = runScenario({ request: goodRequest(), callbacks: [goodCallback({ state: 'not-the-state-that-was-sent' })] });
    expect(mismatched.outcome).toBe('success');
    expect(showFlow(mismatched)).toMatchObject({ tone: 'bad', text: 'success, with errors' });
  });

  it('shows a clean success in green', () => {
    expect(showFlow(fixtureFlow('clean'))).toMatchObject({ tone: 'good', text: 'success' });
  });

  it('says the client rejected a callback it answered with 4xx/5xx', () => {
    expect(showFlow({ ...fixtureFlow('clean'), outcome: 'rejected' })).toMatchObject({ tone: 'bad', text: 'rejected by the client' });
  });

  it('says where a flow ran when it was a popup or an iframe', () => {
    showFlow({ ...fixtureFlow('clean'), context: { kind: 'popup', openerTabId: 3 } });
    expect(document.querySelector('.detail-nav')?.textContent).toContain('in a popup of tab 3');
    cleanup();
    showFlow({ ...fixtureFlow('clean'), context: { kind: 'iframe', frameId: 4 } });
    expect(document.querySelector('.detail-nav')?.textContent).toContain('in an iframe');
  });

  it("shows the client's redirects after the callback as the last steps of the timeline", () => {
    const clean = fixtureFlow('clean');
    const after = clean.callbacks[0]!.time + 5;
    showFlow({ ...clean, landing: [{ time: after, url: 'https://app.example.com/home', method: 'GET', status: 200 }] });
    const steps = [...document.querySelectorAll<HTMLElement>('.timeline > li')];
    expect(steps.map((step) => step.dataset.step)).toEqual(['request', 'hop', 'callback', 'landing']);
    expect(steps.at(-1)?.textContent).toContain('Client redirect');
  });

  it("lists a login popup's flow with the tab that opened it", () => {
    const popupFlow = { ...fixtureFlow('clean'), id: 'flow-9', tabId: 12, context: { kind: 'popup' as const, openerTabId: 7 } };
    const groups = groupFlowsByTab([fixtureFlow('error'), popupFlow], 7);
    expect(groups.map((group) => [group.tabId, group.current, group.flows.map((flow) => flow.id)])).toEqual([[7, true, ['flow-9', 'flow-1']]]);
  });
});
