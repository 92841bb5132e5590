import type { FlowReport } from '../core/index';
import { outcomeLabel } from '../core/report/report-text';

/** The flow's outcome, coloured by what it means for the user (a success with errors is not green). */
export function OutcomeBadge({ flow }: { flow: Pick<FlowReport, 'outcome' | 'counts'> }) {
  const { text, tone } = outcomeLabel(flow);
  return (
    <span class={`badge outcome-${flow.outcome} tone-${tone}`} data-outcome={flow.outcome} data-tone={tone}>
      {text}
    </span>
  );
}
