import type { CaptureSettings } from '../settings/settings-schema';
import type { FlowState } from './flow-schema';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Applies the retention settings: flows idle for longer than `maxAgeHours` go, then the oldest
 * beyond `maxFlows`. Pure: returns the same state when nothing goes, else a copy without them.
 */
export function pruneFlows(state: FlowState, capture: Pick<CaptureSettings, 'maxFlows' | 'maxAgeHours'>, now: number): FlowState {
  const oldest = now - capture.maxAgeHours * HOUR_MS;
  const fresh = state.flows.filter((flow) => flow.updatedAt >= oldest);
  // Flows are kept in the order they started, so the oldest are at the front.
  const kept = fresh.length > capture.maxFlows ? fresh.slice(fresh.length - capture.maxFlows) : fresh;
  return kept.length === state.flows.length ? state : { ...state, flows: kept };
}
