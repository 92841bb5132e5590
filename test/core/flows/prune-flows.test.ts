import { describe, expect, it } from 'vitest';
import { createFlowState, type Flow, type FlowState } from '../../../src/core/flows/flow-schema';
import { pruneFlows } from '../../../src/core/flows/prune-flows';

const HOUR = 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 23, 12);

function flow(id: number, hoursAgo: number): Flow {
  const time = NOW - hoursAgo * HOUR;
  return { id: `flow-${id}`, tabId: 1, context: { kind: 'tab' }, startedAt: time, updatedAt: time, hops: [], hopsDropped: 0, callbacks: [] };
}

function stateOf(...flows: Flow[]): FlowState {
  return { ...createFlowState(), nextSeq: flows.length + 1, flows };
}

describe('pruneFlows', () => {
  it.each([
    ['keeps everything within both limits', [1, 2, 3], { maxFlows: 10, maxAgeHours: 24 }, ['flow-1', 'flow-2', 'flow-3']],
    ['drops the oldest beyond maxFlows', [3, 2, 1], { maxFlows: 2, maxAgeHours: 24 }, ['flow-2', 'flow-3']],
    ['drops flows idle longer than maxAgeHours', [30, 25, 1], { maxFlows: 10, maxAgeHours: 24 }, ['flow-3']],
    ['keeps a flow exactly maxAgeHours old', [24], { maxFlows: 10, maxAgeHours: 24 }, ['flow-1']],
    ['applies the age first, then the count', [30, 5, 4, 3], { maxFlows: 2, maxAgeHours: 24 }, ['flow-3', 'flow-4']],
    ['can drop everything', [48, 30], { maxFlows: 10, maxAgeHours: 1 }, []],
  ])('%s', (_, ages, capture, kept) => {
    const state = stateOf(...ages.map((hoursAgo, index) => flow(index + 1, hoursAgo)));
    expect(pruneFlows(state, capture, NOW).flows.map((f) => f.id)).toEqual(kept);
  });

  it('returns the very same state when nothing goes, so callers can tell', () => {
    const state = stateOf(flow(1, 1));
    expect(pruneFlows(state, { maxFlows: 5, maxAgeHours: 24 }, NOW)).toBe(state);
  });

  it('leaves its input alone and keeps the id counter and tab cursors', () => {
    const state = { ...stateOf(flow(1, 30), flow(2, 1)), tabs: { '1': { expect: 'https://x/' } } };
    const pruned = pruneFlows(state, { maxFlows: 5, maxAgeHours: 24 }, NOW);
    expect(state.flows).toHaveLength(2);
    expect(pruned).toMatchObject({ nextSeq: 3, tabs: { '1': { expect: 'https://x/' } } });
  });
});
