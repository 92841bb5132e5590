import { plural } from './report-text';
import type { FlowReport } from './report-schema';

export const BADGE_COLORS = {
  error: '#d93025',
  warning: '#f29900',
  /** Grey: nothing wrong in the flow itself, but its code can no longer be exchanged. */
  expired: '#5f6368',
} as const;

/** Shown instead of a count when the latest flow's code has expired; plain ASCII renders in every browser's badge. */
export const EXPIRED_MARK = 'exp';

export interface BadgeState {
  text: string;
  color: string;
  title: string;
  /** When this badge next changes by itself (the code expires), if it will. */
  refreshAt?: number;
}

const NAME = 'Consent Lens';

/**
 * The toolbar badge for one tab, from that tab's flows: its latest flow's error count in red,
 * else its warning count in amber, else a mark once its code has expired; empty with no flow.
 */
export function badgeFor(flows: readonly FlowReport[], now: number): BadgeState {
  const flow = latest(flows);
  if (!flow) return { text: '', color: BADGE_COLORS.expired, title: NAME };
  const { error, warning } = flow.counts;
  const expired = flow.codeExpiresAt !== undefined && now > flow.codeExpiresAt;
  const [text, color] =
    error > 0
      ? [String(error), BADGE_COLORS.error]
      : warning > 0
        ? [String(warning), BADGE_COLORS.warning]
        : expired
          ? [EXPIRED_MARK, BADGE_COLORS.expired]
          : ['', BADGE_COLORS.expired];
  const parts = [`${NAME}: ${flow.profile.name} flow, ${flow.outcome}`, findingsText(error, warning)];
  if (flow.codeExpiresAt !== undefined) parts.push(expired ? 'authorization code expired' : 'authorization code still valid');
  return {
    text,
    color,
    title: parts.join(' · '),
    ...(flow.codeExpiresAt !== undefined && !expired && { refreshAt: flow.codeExpiresAt + 1 }),
  };
}

function latest(flows: readonly FlowReport[]): FlowReport | undefined {
  let newest: FlowReport | undefined;
  for (const flow of flows) if (!newest || flow.startedAt >= newest.startedAt) newest = flow;
  return newest;
}

function findingsText(error: number, warning: number): string {
  if (error === 0 && warning === 0) return 'no problems found';
  return [error > 0 && plural(error, 'error'), warning > 0 && plural(warning, 'warning')].filter(Boolean).join(', ');
}
