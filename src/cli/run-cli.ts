// The whole command line behind one call: argv in, what to print and the exit code out.
import { CATALOGUE } from '../core/index';
import { formatRulesJson } from './format-json';
import { formatRulesMarkdown } from './format-markdown';
import { formatRulesText } from './format-text';
import { parseArgs, USAGE } from './parse-args';
import { inputError, PROGRAM, runAnalyze, useColor, type CliIo, type CliResult } from './run-analyze';

export async function runCli(argv: readonly string[], io: CliIo, version: string): Promise<CliResult> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) return inputError(`${parsed.message} (see ${PROGRAM} --help)`);
  const command = parsed.value;
  switch (command.command) {
    case 'help':
      return done(`${USAGE}\n`);
    case 'version':
      return done(`${PROGRAM} ${version}\n`);
    case 'checks':
      return done(
        command.format === 'json'
          ? formatRulesJson(CATALOGUE)
          : command.format === 'markdown'
            ? formatRulesMarkdown(CATALOGUE)
            : formatRulesText(CATALOGUE, { color: useColor(io) }),
      );
    case 'analyze':
      return runAnalyze(command, io);
  }
}

function done(stdout: string): CliResult {
  return { exitCode: 0, stdout, stderr: '' };
}
