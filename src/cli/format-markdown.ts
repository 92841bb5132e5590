// The report as Markdown, for a bug report or a pull request: a heading per flow, tables of
// its parameters, hops and findings.
import type { AnalysisReport, FlowReport, Rule } from '../core/index';
import {
  callbackRows,
  cookieSummary,
  exchangeOutcome,
  exchangeRows,
  flowStart,
  hopRows,
  isoTime,
  outcomeCounts,
  plural,
  redirectUriShown,
  requestRows,
  severityCounts,
  statusOf,
  unreadRows,
  type FieldRow,
} from './report-rows';
import { contextLabel, lifetimeText, outcomeLabel, sinceStart } from '../core/report/report-text';
import { printable } from './printable';

/** Unread entries listed in the report; the rest are counted. */
const UNREAD_SHOWN = 100;

export function formatMarkdown(report: AnalysisReport): string {
  const { flows, findings } = report.summary;
  const unread = unreadRows(report, UNREAD_SHOWN);
  const parts = [
    '# Consent Lens report',
    `${plural(flows, 'flow')}${report.flows.length > 0 ? ` (${outcomeCounts(report.flows)})` : ''}; ${severityCounts(findings)}.` +
      (unread ? ` ${unread.entries} could not be read (listed at the end).` : '') +
      (report.redacted ? ' Codes and tokens are redacted.' : ' **Codes and tokens are shown: do not share this report.**'),
    ...report.flows.map(formatFlow),
  ];
  if (report.flows.length === 0) parts.push('No OAuth / OpenID Connect authorization flow found in this HAR file.');
  if (unread) {
    parts.push('## Unread HAR entries', `${unread.entries} could not be read and are left out.`);
    parts.push(
      table(
        ['Entry', 'Reason'],
        unread.shown.map(({ index, reason }) => [String(index), text(reason)]),
      ),
    );
    if (unread.more > 0) parts.push(`And ${unread.more} more.`);
  }
  return `${parts.join('\n\n')}\n`;
}

function formatFlow(flow: FlowReport): string {
  const where = contextLabel(flow);
  const parts = [`## ${flow.id}: ${outcomeLabel(flow).text}${where ? ` (${where})` : ''}`];
  const summary: FieldRow[] = [
    { name: 'Profile', value: `${text(flow.profile.name)} (chosen by ${flow.profile.chosenBy})` },
    { name: 'client_id', value: code(flow.clientId ?? 'none: no authorization request seen') },
    { name: 'redirect_uri', value: flow.redirectUri === undefined ? redirectUriShown(flow) : code(flow.redirectUri) },
    { name: 'Started', value: isoTime(flowStart(flow)) },
  ];
  if (flow.codeIssuedAt !== undefined && flow.codeExpiresAt !== undefined) {
    summary.push({
      name: 'Code',
      value: `issued ${isoTime(flow.codeIssuedAt)}, expires ${isoTime(flow.codeExpiresAt)} (lifetime ${lifetimeText(Math.round((flow.codeExpiresAt - flow.codeIssuedAt) / 1000))}); ${exchangeOutcome(flow)}`,
    });
  }
  const cookies = cookieSummary(flow);
  if (cookies !== undefined) summary.push({ name: 'Cookies', value: text(cookies) });
  parts.push(
    table(
      ['', ''],
      summary.map(({ name, value }) => [name, value]),
      false,
    ),
  );

  if (flow.request) {
    parts.push('### Authorization request', `${code(flow.request.method)} ${code(flow.request.url)}`);
    parts.push(paramTable(requestRows(flow.request.fields)));
  }
  const start = flowStart(flow);
  const hops = hopRows(flow);
  if (hops.length > 0) {
    parts.push(
      '### Hops',
      table(
        ['Time', 'Method', 'Status', 'URL', 'Note'],
        hops.map((hop) => [
          hop.offset,
          code(hop.method),
          hop.status,
          code(`${hop.host}${hop.path}`),
          [hop.role, hop.redirectHost && `redirects to ${code(hop.redirectHost)}`, hop.error && text(hop.error)].filter(Boolean).join('; '),
        ]),
      ),
    );
    if (flow.hopsDropped > 0) parts.push(`${plural(flow.hopsDropped, 'more hop')} not kept.`);
  }
  flow.callbacks.forEach((callback, index) => {
    parts.push(
      `### ${index === 0 ? 'Callback' : `Callback again (${index + 1})`}`,
      `${sinceStart(callback.time, start)}: ${code(callback.method)} ${code(callback.url)}, status ${statusOf(callback)}`,
      paramTable(callbackRows(callback.fields)),
    );
  });

  const landing = hopRows(flow, flow.landing);
  if (landing.length > 0) {
    parts.push(
      '### Client redirects after the callback',
      table(
        ['Time', 'Method', 'Status', 'URL'],
        landing.map((hop) => [hop.offset, code(hop.method), hop.status, code(`${hop.host}${hop.path}`)]),
      ),
    );
  }

  const exchanges = exchangeRows(flow);
  if (exchanges.length > 0) {
    parts.push(
      '### Code exchange (from the page)',
      table(
        ['Time', 'Status', 'Token endpoint', 'Sent', 'Error'],
        exchanges.map((exchange) => [
          exchange.offset,
          exchange.status,
          code(`${exchange.host}${exchange.path}`),
          text(exchange.sent),
          exchange.error ? text(exchange.error) : '',
        ]),
      ),
    );
  }

  parts.push('### Findings');
  if (flow.findings.length === 0) parts.push('None.');
  else {
    parts.push(`${severityCounts(flow.counts)}.`);
    parts.push(
      table(
        ['Severity', 'Check', 'Message', 'Fix', 'Reference'],
        flow.findings.map((finding) => [
          finding.severity,
          code(finding.id),
          text(finding.message),
          text(finding.fix),
          `[${finding.reference.title}](${finding.reference.url})`,
        ]),
      ),
    );
  }
  return parts.join('\n\n');
}

function paramTable(rows: readonly FieldRow[]): string {
  return rows.length === 0
    ? 'No parameters.'
    : table(
        ['Parameter', 'Value'],
        rows.map(({ name, value }) => [code(name), code(value)]),
      );
}

/** `consent-lens checks --format markdown`. */
export function formatRulesMarkdown(rules: readonly Rule[]): string {
  return `${table(
    ['Check', 'Severity', 'Title'],
    rules.map((rule) => [code(rule.id), rule.severity, rule.title]),
  )}\n`;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, headed = true): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const head = headed ? header : header.map(() => ' ');
  return [line(head), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** A table cell: pipes escaped, which GFM asks for even inside code spans. Its values arrive printable. */
function cell(value: string): string {
  return value.replace(/\|/g, '\\|');
}

/**
 * Text from the recording outside code: printable, and with what Markdown would read as code,
 * emphasis, a link or HTML escaped.
 */
function text(value: string): string {
  return printable(value).replace(/[\\`*_[\]<>]/g, '\\$&');
}

/** Inline code, printable, fenced by more backticks than any run inside it. */
function code(value: string): string {
  if (value === '') return '(empty)';
  const line = printable(value);
  const fence = '`'.repeat(Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  // A space each side lets the value start or end with a backtick; Markdown strips one of each.
  const padded = /^`|`$/.test(line) || (line.startsWith(' ') && line.endsWith(' ') && line.trim() !== '') ? ` ${line} ` : line;
  return `${fence}${padded}${fence}`;
}
