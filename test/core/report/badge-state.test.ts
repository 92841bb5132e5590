import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeFor, EXPIRED_MARK } from '../../../src/core/report/badge-state';
import type { FlowReport } from '../../../src/core/report/report-schema';
import { goodCallback, goodRequest, runScenario, T0 } from '../../support/scenario';

const base = runScenario({ request: goodRequest(), callbacks: [goodCallback()] });
const ISSUED = base.codeIssuedAt!;
const EXPIRES = base.codeExpiresAt!;

function flow(overrides: Partial<FlowReport> & { errors?: number; warnings?: number }): FlowReport {
  const { errors = 0, warnings = 0, ...rest } = overrides;
  return { ...base, counts: { error: errors, warning: warnings, info: 0 }, ...rest };
}

describe('badgeFor', () => {
  it.each<[string, FlowReport[], number, { text: string; color?: string }]>([
    ['no flow: empty', [], ISSUED, { text: '' }],
    ['errors: their count in red', [flow({ errors: 2, warnings: 5 })], ISSUED, { text: '2', color: BADGE_COLORS.error }],
    ['warnings only: their count in amber', [flow({ warnings: 3 })], ISSUED, { text: '3', color: BADGE_COLORS.warning }],
    ['a clean flow with a live code: empty', [flow({})], ISSUED, { text: '' }],
    ['a clean flow at the very expiry instant: still valid', [flow({})], EXPIRES, { text: '' }],
    ['a clean flow whose code expired: the mark', [flow({})], EXPIRES + 1, { text: EXPIRED_MARK, color: BADGE_COLORS.expired }],
    ['errors and an expired code: the count wins', [flow({ errors: 1 })], EXPIRES + 1, { text: '1', color: BADGE_COLORS.error }],
    ['a flow with no code never expires', [flow({ codeIssuedAt: undefined, codeExpiresAt: undefined })], EXPIRES + 1e9, { text: '' }],
    [
      'only the latest flow counts',
      [flow({ id: 'old', startedAt: T0, errors: 4 }), flow({ id: 'new', startedAt: T0 + 1000, warnings: 1 })],
      ISSUED,
      { text: '1', color: BADGE_COLORS.warning },
    ],
  ])('%s', (_, flows, now, expected) => {
    expect(badgeFor(flows, now)).toMatchObject(expected);
  });

  it('titles the badge with profile, outcome, findings and the code', () => {
    expect(badgeFor([flow({ errors: 1, warnings: 2 })], EXPIRES + 1).title).toBe(
      `Consent Lens: ${base.profile.name} flow, success · 1 error, 2 warnings · authorization code expired`,
    );
    expect(badgeFor([flow({})], ISSUED).title).toContain('no problems found · authorization code still valid');
    expect(badgeFor([], ISSUED).title).toBe('Consent Lens');
  });

  it('says when it next changes: just after the code expires, and not once it has', () => {
    expect(badgeFor([flow({})], ISSUED).refreshAt).toBe(EXPIRES + 1);
    expect(badgeFor([flow({})], EXPIRES + 1).refreshAt).toBeUndefined();
  });
});
