// `consent-lens analyze`: HAR file in, report out. Takes its I/O as arguments and returns what
// to print, so every path (exit codes included) is unit-testable without a process.
import {
  analyze,
  compileWatchList,
  createFlowState,
  ingest,
  ProfileIdSchema,
  redactReport,
  SettingsSchema,
  type AnalysisReport,
  type Settings,
} from '../core/index';
import { HarReader, MAX_HAR_STRING } from '../core/har/har-reader';
import { HarObservationCollector, type HarObservations } from '../core/har/har-to-observations';
import { formatJson } from './format-json';
import { formatMarkdown } from './format-markdown';
import { formatText } from './format-text';
import type { AnalyzeCommand } from './parse-args';
import { printable } from './printable';

export interface CliIo {
  /**
   * A file's UTF-8 text in pieces, as it is read, so that no file is ever held whole; iterating
   * throws a node error (with `code`) when the file cannot be read.
   */
  readChunks(path: string): AsyncIterable<string> | Iterable<string>;
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

export async function runAnalyze(args: AnalyzeCommand, io: CliIo): Promise<CliResult> {
  const settings = settingsFromFlags(args);
  if (!settings.ok) return inputError(settings.message);

  const read = await readHar(args.file, io);
  if (!read.ok) return inputError(read.message);
  const har = read.value;
  const [first] = har.skipped;
  if (first && har.skippedCount === har.entries) {
    const entries = har.entries === 1 ? 'its one HAR entry' : `any of its ${har.entries} HAR entries`;
    return inputError(`${args.file}: cannot read ${entries} (entry ${first.index}: ${first.reason})`);
  }

  const state = createFlowState();
  const watch = compileWatchList(settings.value);
  for (const observation of har.observations) ingest(state, observation, watch);

  const notes: string[] = [];
  if (first) notes.push(`note: skipped ${har.skippedCount} of ${har.entries} HAR entries that could not be read (entry ${first.index}: ${first.reason})`);
  const analysed = analyze(state, settings.value, {
    onRuleError: (rule, error) =>
      notes.push(`internal error in check ${rule.id} (its findings are missing): ${error instanceof Error ? error.message : String(error)}`),
  });
  const report: AnalysisReport = {
    ...analysed,
    summary: { ...analysed.summary, harEntries: har.entries, unreadEntries: har.skippedCount },
    unreadEntries: har.skipped,
  };
  const shown = args.showSecrets ? report : redactReport(report);
  return {
    exitCode: report.summary.findings.error > 0 ? 1 : 0,
    stdout: format(shown, args.format, useColor(io)),
    stderr: notes.map((note) => `${PROGRAM}: ${printable(note)}\n`).join(''),
  };
}

/** The file's observations, read as it streams in: only the current entry and what is kept of earlier ones are held. */
async function readHar(file: string, io: CliIo): Promise<{ ok: true; value: HarObservations } | { ok: false; message: string }> {
  const collector = new HarObservationCollector();
  const reader = new HarReader({ entry: (index, value, dropped) => collector.add(index, value, dropped) }, { maxStringLength: MAX_HAR_STRING });
  try {
    for await (const chunk of io.readChunks(file)) if (!reader.write(chunk)) break;
  } catch (error) {
    return { ok: false, message: `cannot read ${file}: ${describeFileError(error)}` };
  }
  const read = reader.end();
  if (!read.ok) return { ok: false, message: `${file}: ${read.message}` };
  if (read.brokenAt) collector.brokenAt(read.brokenAt.index, read.brokenAt.reason);
  return { ok: true, value: collector.finish() };
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

/** A one-line message, printable whatever the file name or the file held. */
export function inputError(message: string): CliResult {
  return { exitCode: 2, stdout: '', stderr: `${PROGRAM}: ${printable(message)}\n` };
}
