// The report for people at a terminal: one block per flow, then a summary line.
import type { AnalysisReport, FlowReport, Finding, Rule, Severity } from '../core/index';
import {
  callbackRows,
  cookieSummary,
  exchangeOutcome,
  exchangeRows,
  flowStart,
  hopRows,
  hostAndPath,
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

export interface TextOptions {
  color: boolean;
}

type Paint = (text: string) => string;
interface Palette {
  bold: Paint;
  dim: Paint;
  red: Paint;
  yellow: Paint;
  cyan: Paint;
  green: Paint;
}

const sgr =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;
const COLORS: Palette = { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), green: sgr(32, 39) };
const plain: Paint = (text) => text;
const NO_COLORS: Palette = { bold: plain, dim: plain, red: plain, yellow: plain, cyan: plain, green: plain };

const MARKERS: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };
const MAX_VALUE = 120;
/** Unread entries listed one a line; the rest are counted. */
const UNREAD_SHOWN = 10;

export function formatText(report: AnalysisReport, options: TextOptions): string {
  const p = options.color ? COLORS : NO_COLORS;
  const blocks = report.flows.map((flow) => formatFlow(flow, p));
  if (report.flows.length === 0) blocks.push('No OAuth / OpenID Connect authorization flow found in this HAR file.');
  const unread = unreadRows(report, UNREAD_SHOWN);
  if (unread) {
    blocks.push(
      [
        `${p.bold('Unread')}  ${unread.entries} could not be read and are left out`,
        ...unread.shown.map(({ index, reason }) => `  ${p.dim(`entry ${index}`)}  ${printable(reason)}`),
        ...(unread.more > 0
          ? [`  ${p.dim(`... and ${unread.more} more${unread.listed > unread.shown.length ? ` (--format json lists ${unread.listed})` : ''}`)}`]
          : []),
      ].join('\n'),
    );
  }
  const { flows, findings } = report.summary;
  const outcomes = report.flows.length > 0 ? ` (${outcomeCounts(report.flows)})` : '';
  const summary = `${plural(flows, 'flow')}${outcomes}; ${severityCounts(findings)}${unread ? `; ${unread.entries} unread` : ''}${report.redacted ? '; secrets redacted (--show-secrets shows them)' : ''}`;
  blocks.push(p.bold(`Summary: ${summary}`));
  return `${blocks.join('\n\n')}\n`;
}

function formatFlow(flow: FlowReport, p: Palette): string {
  const lines: string[] = [];
  const { text, tone } = outcomeLabel(flow);
  const outcome = tone === 'good' ? p.green(text) : tone === 'bad' ? p.red(text) : p.yellow(text);
  const where = contextLabel(flow);
  lines.push(
    `${p.bold(flow.id)}  ${outcome}${where ? `  ${where}` : ''}  ${p.dim('profile')} ${printable(flow.profile.name)} ${p.dim(`(chosen by ${flow.profile.chosenBy})`)}`,
  );
  lines.push(
    ...fieldLines(
      [
        { name: 'client_id', value: flow.clientId ?? '(none: no authorization request seen)' },
        { name: 'redirect_uri', value: redirectUriShown(flow) },
        { name: 'started', value: isoTime(flowStart(flow)) },
      ],
      '  ',
      p,
    ),
  );

  lines.push('', `  ${p.bold('Timeline')}`);
  const start = flowStart(flow);
  const hops = hopRows(flow);
  if (flow.request && !hops.some((hop) => hop.role === 'authorization request')) {
    const { host, path } = hostAndPath(flow.request.url);
    lines.push(timelineLine(sinceStart(flow.request.time, start), p.cyan('request'), flow.request.method, '', printable(`${host}${path}`)));
    lines.push(...fieldLines(requestRows(flow.request.fields), DETAIL_INDENT, p));
  }
  for (const hop of hops) {
    const status = hop.status === 'failed' ? p.red(hop.status) : hop.status;
    const extra = [hop.redirectHost && `-> ${printable(hop.redirectHost)}`, hop.error && p.red(printable(hop.error))].filter(Boolean);
    const label = hop.role ? p.cyan('request') : 'hop';
    lines.push(timelineLine(hop.offset, label, hop.method, status, `${printable(`${hop.host}${hop.path}`)}${extra.length > 0 ? `  ${extra.join('  ')}` : ''}`));
    if (hop.role && flow.request) lines.push(...fieldLines(requestRows(flow.request.fields), DETAIL_INDENT, p));
  }
  if (flow.hopsDropped > 0) lines.push(`    ${p.dim(`... and ${plural(flow.hopsDropped, 'more hop')} not kept`)}`);
  flow.callbacks.forEach((callback, index) => {
    const { host, path } = hostAndPath(callback.url);
    lines.push(
      timelineLine(
        sinceStart(callback.time, start),
        p.cyan(index === 0 ? 'callback' : 'again'),
        callback.method,
        statusOf(callback),
        printable(`${host}${path}`),
      ),
    );
    lines.push(...fieldLines(callbackRows(callback.fields), DETAIL_INDENT, p));
  });
  for (const hop of hopRows(flow, flow.landing)) {
    // The app's own redirects after its callback, until a page landed.
    lines.push(timelineLine(hop.offset, 'client', hop.method, hop.status, printable(`${hop.host}${hop.path}`)));
  }
  for (const exchange of exchangeRows(flow)) {
    const status = exchange.status === 'failed' || Number(exchange.status) >= 400 ? p.red(exchange.status) : exchange.status;
    const note = `sent ${exchange.sent}${exchange.error ? `  ${p.red(printable(exchange.error))}` : ''}`;
    lines.push(timelineLine(exchange.offset, p.cyan('exchange'), 'POST', status, `${printable(`${exchange.host}${exchange.path}`)}  ${note}`));
  }
  if (!flow.request && flow.callbacks.length === 0) lines.push(`    ${p.dim('(nothing recorded)')}`);
  if (flow.request && flow.callbacks.length === 0) lines.push(`    ${p.dim('(no callback: the flow did not come back to the redirect URI)')}`);

  if (flow.codeIssuedAt !== undefined && flow.codeExpiresAt !== undefined) {
    lines.push(
      '',
      `  ${p.bold('Code')}  issued ${isoTime(flow.codeIssuedAt)}, expires ${isoTime(flow.codeExpiresAt)} ${p.dim(`(lifetime ${lifetimeText(Math.round((flow.codeExpiresAt - flow.codeIssuedAt) / 1000))}, ${printable(flow.profile.name)})`)}`,
      `        ${exchangeOutcome(flow)}`,
    );
  }

  const cookies = cookieSummary(flow);
  if (cookies !== undefined) lines.push('', `  ${p.bold('Cookies')}  ${printable(cookies)}`);

  lines.push('', `  ${p.bold('Findings')}  ${flow.findings.length === 0 ? 'none' : severityCounts(flow.counts)}`);
  for (const finding of flow.findings) lines.push(...findingLines(finding, p));
  return lines.join('\n');
}

/** Under a timeline entry's label; under a finding's id. */
const DETAIL_INDENT = ' '.repeat(14);
const FINDING_INDENT = ' '.repeat(15);

/** `+0.41s  hop       POST  303     host/path`: label and status padded as printed, colour aside; `where` arrives printable. */
function timelineLine(when: string, label: string, method: string, status: string, where: string): string {
  return `    ${when.padStart(7)}  ${padVisible(label, 8)}  ${printable(method).padEnd(4)}  ${padVisible(status, 6)}  ${where}`;
}

function padVisible(text: string, width: number): string {
  const visible = text.replace(/\u001b\[\d+m/g, '').length;
  return text + ' '.repeat(Math.max(0, width - visible));
}

function fieldLines(rows: readonly FieldRow[], indent: string, p: Palette): string[] {
  const width = Math.max(0, ...rows.map((row) => row.name.length));
  return rows.map((row) => `${indent}${p.dim(row.name.padEnd(width))}  ${shorten(row.value)}`);
}

function findingLines(finding: Finding, p: Palette): string[] {
  const paint = finding.severity === 'error' ? p.red : finding.severity === 'warning' ? p.yellow : p.cyan;
  return [
    `    ${paint(`${MARKERS[finding.severity]} ${finding.severity.padEnd(7)}`)}  ${p.bold(finding.id)}  ${printable(finding.message)}`,
    `${FINDING_INDENT}${p.dim('fix')}  ${printable(finding.fix)}`,
    `${FINDING_INDENT}${p.dim('see')}  ${printable(finding.reference.title)} <${printable(finding.reference.url)}>`,
  ];
}

/** `consent-lens checks`: the catalogue, one rule a line. */
export function formatRulesText(rules: readonly Rule[], options: TextOptions): string {
  const p = options.color ? COLORS : NO_COLORS;
  const width = Math.max(...rules.map((rule) => rule.id.length));
  const lines = rules.map((rule) => {
    const paint = rule.severity === 'error' ? p.red : rule.severity === 'warning' ? p.yellow : p.cyan;
    return `${rule.id.padEnd(width)}  ${paint(rule.severity.padEnd(7))}  ${rule.title}`;
  });
  return `${lines.join('\n')}\n${p.dim(`${plural(rules.length, 'check')}`)}\n`;
}

/** Values are one line each and cut when long. */
function shorten(value: string): string {
  const line = printable(value);
  return line.length > MAX_VALUE ? `${line.slice(0, MAX_VALUE - 3)}...` : line;
}
