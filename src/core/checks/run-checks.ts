import type { CheckContext, FlowView } from './flow-view';
import { toFinding, type Finding, type Rule } from './rule';
import type { Severity } from './rule-ids';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Runs every rule on one flow, most severe findings first. A rule that throws is a bug in that
 * rule, not in the user's flow: it is reported through `onRuleError` and the others still run.
 */
export function runChecks(
  view: FlowView,
  context: CheckContext,
  rules: readonly Rule[],
  onRuleError: (rule: Rule, error: unknown) => void = () => {},
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      for (const hit of rule.check(view, context)) findings.push(toFinding(rule, hit));
    } catch (error) {
      onRuleError(rule, error);
    }
  }
  // Array.prototype.sort is stable: rules keep catalogue order within a severity.
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
