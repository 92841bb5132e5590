// What a scenario's flows look like in a report, in the terms of the scenario table: where each
// ran, how it ended, which findings it has. Compared against expectedFlows(scenario) in every
// browser, from a HAR or from the extension's worker alike.
import type { FlowReport } from '../../../src/core/report/report-schema';
import type { ExpectedFlow } from '../../../src/sandbox/scenarios';

/** The flows in the order they started, each as the scenario table describes one. */
export function scenarioFlows(flows: readonly FlowReport[]): ExpectedFlow[] {
  return [...flows]
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((flow) => ({
      place: flow.context.kind,
      outcome: flow.outcome,
      findings: [...new Set(flow.findings.map((finding) => finding.id))].sort(),
    }));
}
