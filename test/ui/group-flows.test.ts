import { describe, expect, it } from 'vitest';
import { groupFlowsByTab } from '../../src/popup/group-flows';
import { CURRENT_TAB, fixtureReport, OTHER_TAB } from '../fixtures/ui/flows';

describe('groupFlowsByTab', () => {
  const { flows } = fixtureReport();
  const summary = (currentTab: number | undefined) =>
    groupFlowsByTab(flows, currentTab).map((group) => ({ tab: group.tabId, current: group.current, ids: group.flows.map((flow) => flow.id) }));

  it.each([
    [
      'puts the current tab first, newest flow first',
      CURRENT_TAB,
      [
        { tab: CURRENT_TAB, current: true, ids: ['flow-6', 'flow-3', 'flow-1'] },
        { tab: OTHER_TAB, current: false, ids: ['flow-5', 'flow-4', 'flow-2'] },
      ],
    ],
    [
      'moves another current tab to the front',
      OTHER_TAB,
      [
        { tab: OTHER_TAB, current: true, ids: ['flow-5', 'flow-4', 'flow-2'] },
        { tab: CURRENT_TAB, current: false, ids: ['flow-6', 'flow-3', 'flow-1'] },
      ],
    ],
    [
      'orders groups by their newest flow when the tab is unknown',
      undefined,
      [
        { tab: CURRENT_TAB, current: false, ids: ['flow-6', 'flow-3', 'flow-1'] },
        { tab: OTHER_TAB, current: false, ids: ['flow-5', 'flow-4', 'flow-2'] },
      ],
    ],
  ])('%s', (_name, currentTab, expected) => {
    expect(summary(currentTab)).toEqual(expected);
  });

  it('returns no groups for no flows', () => {
    expect(groupFlowsByTab([], CURRENT_TAB)).toEqual([]);
  });
});
