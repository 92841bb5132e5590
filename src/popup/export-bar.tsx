import { useState } from 'preact/hooks';
import { countSeverities, redactReport, type AnalysisReport, type FlowReport } from '../core/index';
import { usePageApi } from '../ui/page-api';

/** The flows as a report file; secrets are redacted unless the user asked for them. */
function exportReport(flows: readonly FlowReport[], sourceRedacted: boolean, includeSecrets: boolean): AnalysisReport {
  const report: AnalysisReport = {
    flows: [...flows],
    summary: { flows: flows.length, findings: countSeverities(flows.flatMap((flow) => flow.findings)) },
    redacted: sourceRedacted,
  };
  return includeSecrets ? report : redactReport(report);
}

function exportFileName(what: string, now: number): string {
  const stamp = new Date(now)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[:]/g, '-');
  return `consent-lens-${what}-${stamp}.json`;
}

/** "Export" with an opt-in for secrets, for one flow or all of them. */
export function ExportBar({ flows, sourceRedacted, label, what }: { flows: readonly FlowReport[]; sourceRedacted: boolean; label: string; what: string }) {
  const { downloadFile } = usePageApi();
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const save = () => {
    const report = exportReport(flows, sourceRedacted, includeSecrets);
    downloadFile(exportFileName(what, Date.now()), `${JSON.stringify(report, null, 2)}\n`);
  };
  return (
    <div class="export-bar">
      <button type="button" onClick={save} disabled={flows.length === 0}>
        {label}
      </button>
      <label class="check">
        <input type="checkbox" checked={includeSecrets} onChange={(event) => setIncludeSecrets(event.currentTarget.checked)} />
        include secrets
      </label>
    </div>
  );
}
