// Command-line arguments to a typed command, or a usage error. Pure: no I/O, no process.

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

export type CliCommand =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'checks'; format: OutputFormat }
  | AnalyzeCommand;

export type ParsedArgs = { ok: true; value: CliCommand } | { ok: false; message: string };

export const USAGE = `Usage:
  consent-lens analyze <file.har> [options]   check the OAuth / OIDC consent flows in a HAR file
  consent-lens checks [--format FORMAT]        list every check: id, severity, title
  consent-lens --help | --version

Options for analyze:
  -f, --format text|json|markdown   output format (default: text)
  -p, --profile akoya|akahu|op|oauth2|oidc
                                    check every flow against this provider profile
  -r, --redirect-uri URI            a redirect URI registered for your client (repeatable):
                                    redirect_uri values not exactly one of them are flagged
      --show-secrets                print codes and tokens instead of redacting them

Exit status: 0 no error-severity finding, 1 at least one, 2 unusable input or arguments.
Colour is used only on a terminal, and never when NO_COLOR is set.`;

interface OptionSpec {
  name: 'format' | 'profile' | 'redirectUri' | 'showSecrets' | 'help' | 'version';
  takesValue: boolean;
}

const OPTIONS: Record<string, OptionSpec> = {
  '--format': { name: 'format', takesValue: true },
  '-f': { name: 'format', takesValue: true },
  '--profile': { name: 'profile', takesValue: true },
  '-p': { name: 'profile', takesValue: true },
  '--redirect-uri': { name: 'redirectUri', takesValue: true },
  '-r': { name: 'redirectUri', takesValue: true },
  '--show-secrets': { name: 'showSecrets', takesValue: false },
  '--help': { name: 'help', takesValue: false },
  '-h': { name: 'help', takesValue: false },
  '--version': { name: 'version', takesValue: false },
  '-V': { name: 'version', takesValue: false },
};

const FORMAT_ALIASES: Record<string, OutputFormat> = { text: 'text', json: 'json', markdown: 'markdown', md: 'markdown' };

/** Parses `argv` without the node executable and script (process.argv.slice(2)). */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const seen = new Set<OptionSpec['name']>();
  const values: { format?: string; profile?: string; redirectUris: string[] } = { redirectUris: [] };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const spec = OPTIONS[flag];
    if (!spec) return fail(`unknown option ${flag}`);
    let value: string | undefined;
    if (spec.takesValue) {
      value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || (eq === -1 && value.startsWith('-') && value !== '-')) return fail(`${flag} needs a value`);
    } else if (eq !== -1) {
      return fail(`${flag} takes no value`);
    }
    if (spec.name === 'redirectUri') values.redirectUris.push(value!);
    else if (seen.has(spec.name)) return fail(`${flag} given more than once`);
    else if (spec.name === 'format') values.format = value;
    else if (spec.name === 'profile') values.profile = value;
    seen.add(spec.name);
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
      const analyzeOnly = (['profile', 'redirectUri', 'showSecrets'] as const).find((name) => seen.has(name));
      if (analyzeOnly) return fail(`${flagName(analyzeOnly)} is only for analyze`);
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
        showSecrets: seen.has('showSecrets'),
      });
    }
    default:
      return fail(`unknown command "${command}" (expected analyze or checks)`);
  }
}

function flagName(name: OptionSpec['name']): string {
  return Object.entries(OPTIONS).find(([flag, spec]) => spec.name === name && flag.startsWith('--'))![0];
}

function ok(value: CliCommand): ParsedArgs {
  return { ok: true, value };
}

function fail(message: string): ParsedArgs {
  return { ok: false, message };
}
