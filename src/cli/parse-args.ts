// Command-line arguments to a typed command, or a usage error. Pure: no I/O, no process.
import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';

export const OUTPUT_FORMATS = ['text', 'json', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface AnalyzeCommand {
  command: 'analyze';
  file: string;
  format: OutputFormat;
  /** Raw --profile value; checked with the settings schema, like the redirect URIs. */
  profile?: string;
  redirectUris: string[];
  showSecrets: boolean;
}

export type CliCommand = { command: 'help' } | { command: 'version' } | { command: 'checks'; format: OutputFormat } | AnalyzeCommand;

export type ParsedArgs = { ok: true; value: CliCommand } | { ok: false; message: string };

export const USAGE = `Usage:
  consent-lens analyze <file.har> [options]   check the OAuth / OIDC consent flows in a HAR file
  consent-lens checks [--format FORMAT]        list every check: id, severity, title
  consent-lens --help | --version

Options for analyze:
  -f, --format text|json|markdown   output format (default: text)
  -p, --profile akoya|akahu|op|oauth2|oidc|fapi2
                                    check every flow against this provider profile
  -r, --redirect-uri URI            a redirect URI registered for your client (repeatable):
                                    redirect_uri values not exactly one of them are flagged
      --show-secrets                print codes and tokens instead of redacting them

Exit status: 0 no error-severity finding, 1 at least one, 2 unusable input or arguments.
Colour is used only on a terminal, and never when NO_COLOR is set.`;

/** The options node:util's parseArgs reads; their names are the flags without dashes. */
const OPTIONS = {
  format: { type: 'string', short: 'f' },
  profile: { type: 'string', short: 'p' },
  'redirect-uri': { type: 'string', short: 'r', multiple: true },
  'show-secrets': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const satisfies ParseArgsConfig['options'];

type OptionName = keyof typeof OPTIONS;

const FORMAT_ALIASES: Record<string, OutputFormat> = { text: 'text', json: 'json', markdown: 'markdown', md: 'markdown' };

/** Parses `argv` without the node executable and script (process.argv.slice(2)). */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  // Not strict: its tokens are checked here instead, so each mistake gets its own message.
  const { tokens } = parseNodeArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  const seen = new Set<OptionName>();
  const values: { format?: string; profile?: string; redirectUris: string[] } = { redirectUris: [] };

  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const { rawName, value } = token;
    if (!Object.hasOwn(OPTIONS, token.name)) return fail(`unknown option ${rawName}`);
    const name = token.name as OptionName;
    if (OPTIONS[name].type === 'string') {
      // parseArgs takes the next argument whatever it is: an option there means the value is missing.
      if (value === undefined || (!token.inlineValue && value.startsWith('-') && value !== '-')) return fail(`${rawName} needs a value`);
    } else if (value !== undefined) {
      return fail(`${rawName} takes no value`);
    }
    if (name === 'redirect-uri') values.redirectUris.push(value!);
    else if (seen.has(name)) return fail(`${rawName} given more than once`);
    else if (name === 'format') values.format = value;
    else if (name === 'profile') values.profile = value;
    seen.add(name);
  }

  if (seen.has('help')) return ok({ command: 'help' });
  if (seen.has('version')) return ok({ command: 'version' });

  let format: OutputFormat = 'text';
  if (values.format !== undefined) {
    const known = FORMAT_ALIASES[values.format.toLowerCase()];
    if (!known) return fail(`unknown format "${values.format}" (expected ${OUTPUT_FORMATS.join(', ')})`);
    format = known;
  }

  const [command, ...rest] = positionals;
  switch (command) {
    case undefined:
      return fail('no command given (expected analyze or checks)');
    case 'help':
      return ok({ command: 'help' });
    case 'checks': {
      if (rest.length > 0) return fail(`checks takes no file, got "${rest[0]}"`);
      const analyzeOnly = (['profile', 'redirect-uri', 'show-secrets'] as const).find((name) => seen.has(name));
      if (analyzeOnly) return fail(`--${analyzeOnly} is only for analyze`);
      return ok({ command: 'checks', format });
    }
    case 'analyze': {
      const [file, extra] = rest;
      if (file === undefined) return fail('analyze needs a HAR file, e.g. consent-lens analyze session.har');
      if (extra !== undefined) return fail(`analyze reads one HAR file, got another: "${extra}"`);
      return ok({
        command: 'analyze',
        file,
        format,
        ...(values.profile !== undefined && { profile: values.profile }),
        redirectUris: values.redirectUris,
        showSecrets: seen.has('show-secrets'),
      });
    }
    default:
      return fail(`unknown command "${command}" (expected analyze or checks)`);
  }
}

function ok(value: CliCommand): ParsedArgs {
  return { ok: true, value };
}

function fail(message: string): ParsedArgs {
  return { ok: false, message };
}
