// The report as Markdown, for a bug report or a pull request: a heading per flow, tables of
// its parameters, hops and findings.
import type { AnalysisReport, FlowReport, Rule } from '../core/index';
import {
  callbackRows,
  flowStart,
  hopRows,
  isoTime,
  outcomeCounts,
  plural,
  redirectUriShown,
  requestRows,
  severityCounts,
  statusOf,
  type FieldRow,
} from './report-rows';
import { lifetimeText, sinceStart } from '../core/report/report-text';

export function formatMarkdown(report: AnalysisReport): string {
  const { flows, findings } = report.summary;
  const parts = [
    '# Consent Lens report',
    `${plural(flows, 'flow')}${report.flows.length > 0 ? ` (${outcomeCounts(report.flows)})` : ''}; ${severityCounts(findings)}.` +
      (report.redacted ? ' Codes and tokens are redacted.' : ' **Codes and tokens are shown: do not share this report.**'),
    ...report.flows.map(formatFlow),
  ];
  if (report.flows.length === 0) parts.push('No OAuth / OpenID Connect authorization flow found in this HAR file.');
  return `${parts.join('\n\n')}\n`;
}

function formatFlow(flow: FlowReport): string {
  const parts = [`## ${flow.id}: ${flow.outcome}`];
  const summary: FieldRow[] = [
    { name: 'Profile', value: `${flow.profile.name} (chosen by ${flow.profile.chosenBy})` },
    { name: 'client_id', value: code(flow.clientId ?? 'none: no authorization request seen') },
    { name: 'redirect_uri', value: flow.redirectUri === undefined ? redirectUriShown(flow) : code(flow.redirectUri) },
    { name: 'Started', value: isoTime(flowStart(flow)) },
  ];
  if (flow.codeIssuedAt !== undefined && flow.codeExpiresAt !== undefined) {
    summary.push({ name: 'Code', value: `issued ${isoTime(flow.codeIssuedAt)}, expires ${isoTime(flow.codeExpiresAt)} (lifetime ${lifetimeText(Math.round((flow.codeExpiresAt - flow.codeIssuedAt) / 1000))})` });
  }
  parts.push(table(['', ''], summary.map(({ name, value }) => [name, value]), false));

  if (flow.request) {
    parts.push('### Authorization request', `${flow.request.method} ${code(flow.request.url)}`);
    parts.push(paramTable(requestRows(flow.request.fields)));
  }
  const start = flowStart(flow);
  const hops = hopRows(flow);
  if (hops.length > 0) {
    parts.push('### Hops', table(['Time', 'Method', 'Status', 'URL', 'Note'], hops.map((hop) => [
      hop.offset,
      hop.method,
      hop.status,
      code(`${hop.host}${hop.path}`),
      [hop.role, hop.redirectHost && `redirects to ${hop.redirectHost}`, hop.error].filter(Boolean).join('; '),
    ])));
    if (flow.hopsDropped > 0) parts.push(`${plural(flow.hopsDropped, 'more hop')} not kept.`);
  }
  flow.callbacks.forEach((callback, index) => {
    parts.push(
      `### ${index === 0 ? 'Callback' : `Callback again (${index + 1})`}`,
      `${sinceStart(callback.time, start)}: ${callback.method} ${code(callback.url)}, status ${statusOf(callback)}`,
      paramTable(callbackRows(callback.fields)),
    );
  });

  parts.push('### Findings');
  if (flow.findings.length === 0) parts.push('None.');
  else {
    parts.push(`${severityCounts(flow.counts)}.`);
    parts.push(table(['Severity', 'Check', 'Message', 'Fix', 'Reference'], flow.findings.map((finding) => [
      finding.severity,
      code(finding.id),
      finding.message,
      finding.fix,
      `[${finding.reference.title}](${finding.reference.url})`,
    ])));
  }
  return parts.join('\n\n');
}

function paramTable(rows: readonly FieldRow[]): string {
  return rows.length === 0 ? 'No parameters.' : table(['Parameter', 'Value'], rows.map(({ name, value }) => [code(name), code(value)]));
}

/** `consent-lens checks --format markdown`. */
export function formatRulesMarkdown(rules: readonly Rule[]): string {
  return `${table(['Check', 'Severity', 'Title'], rules.map((rule) => [code(rule.id), rule.severity, rule.title]))}\n`;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, headed = true): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const head = headed ? header : header.map(() => ' ');
  return [line(head), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** Inline code that survives backticks inside the value. */
function code(text: string): string {
  if (text === '') return '(empty)';
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ` ${text} ` : text}${fence}`;
}
