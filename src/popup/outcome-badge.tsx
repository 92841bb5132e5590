import type { Outcome } from '../core/index';

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return (
    <span class={`badge outcome-${outcome}`} data-outcome={outcome}>
      {outcome}
    </span>
  );
}
