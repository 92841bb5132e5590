// `consent-lens analyze`: HAR file in, report out. Takes its I/O as arguments and returns what
// to print, so every path (exit codes included) is unit-testable without a process.
import {
  analyze,
  compileWatchList,
  createFlowState,
  harToObservations,
  ingest,
  parseHar,
  ProfileIdSchema,
  redactReport,
  SettingsSchema,
  type AnalysisReport,
  type Settings,
} from '../core/index';
import { formatJson } from './format-json';
import { formatMarkdown } from './format-markdown';
import { formatText } from './format-text';
import type { AnalyzeCommand } from './parse-args';

export interface CliIo {
  /** Reads a file as UTF-8 text; throws a node error (with `code`) when it cannot. */
  readFile(path: string): string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour is used only then). */
  isTTY: boolean;
}

export type ExitCode = 0 | 1 | 2;

export interface CliResult {
  exitCode: ExitCode;
  stdout: string;
  stderr: string;
}

export const PROGRAM = 'consent-lens';

export function runAnalyze(args: AnalyzeCommand, io: CliIo): CliResult {
  const settings = settingsFromFlags(args);
  if (!settings.ok) return inputError(settings.message);

  let text: string;
  try {
    text = io.readFile(args.file);
  } catch (error) {
    return inputError(`cannot read ${args.file}: ${describeFileError(error)}`);
  }
  const parsed = parseHar(text);
  if (!parsed.ok) return inputError(`${args.file}: ${parsed.message}`);

  const { observations, skipped } = harToObservations(parsed.har);
  const state = createFlowState();
  const watch = compileWatchList(settings.value);
  for (const observation of observations) ingest(state, observation, watch);

  const notes: string[] = [];
  if (skipped.length > 0) {
    const [first] = skipped;
    notes.push(`note: skipped ${skipped.length} of ${parsed.har.log.entries.length} HAR entries that could not be read (entry ${first!.index}: ${first!.reason})`);
  }
  const report = analyze(state, settings.value, {
    onRuleError: (rule, error) => notes.push(`internal error in check ${rule.id} (its findings are missing): ${error instanceof Error ? error.message : String(error)}`),
  });
  const shown = args.showSecrets ? report : redactReport(report);
  return {
    exitCode: report.summary.findings.error > 0 ? 1 : 0,
    stdout: format(shown, args.format, useColor(io)),
    stderr: notes.map((note) => `${PROGRAM}: ${note}\n`).join(''),
  };
}

function format(report: AnalysisReport, format: AnalyzeCommand['format'], color: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'text':
      return formatText(report, { color });
  }
}

/** https://no-color.org: any non-empty NO_COLOR turns colour off. */
export function useColor(io: Pick<CliIo, 'env' | 'isTTY'>): boolean {
  return io.isTTY && !io.env.NO_COLOR;
}

/** The settings the flags describe, checked by the same schema as the extension's options page. */
export function settingsFromFlags(args: Pick<AnalyzeCommand, 'profile' | 'redirectUris'>): { ok: true; value: Settings } | { ok: false; message: string } {
  // Raw flag values: the schema is what checks them.
  const input = {
    redirectUris: args.redirectUris.map((uri) => ({ uri, ...(args.profile !== undefined && { profile: args.profile }) })),
    ...(args.profile !== undefined && { forceProfile: args.profile }),
  };
  const parsed = SettingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const [field, index] = issue.path;
  if (field === 'forceProfile' || (field === 'redirectUris' && issue.path.at(-1) === 'profile')) {
    return { ok: false, message: `unknown profile "${args.profile}" for --profile (expected one of ${ProfileIdSchema.options.join(', ')})` };
  }
  if (field === 'redirectUris' && typeof index === 'number') {
    return { ok: false, message: `--redirect-uri "${args.redirectUris[index]}": ${issue.message}` };
  }
  return { ok: false, message: `invalid settings at ${issue.path.join('.') || '(root)'}: ${issue.message}` };
}

function describeFileError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  }
}

export function inputError(message: string): CliResult {
  return { exitCode: 2, stdout: '', stderr: `${PROGRAM}: ${message}\n` };
}
