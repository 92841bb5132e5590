import { describe, expect, it } from 'vitest';
import { parseArgs, type CliCommand } from '../../src/cli/parse-args';

const analyze = (file: string, extra: Partial<Extract<CliCommand, { command: 'analyze' }>> = {}): CliCommand => ({
  command: 'analyze',
  file,
  format: 'text',
  redirectUris: [],
  showSecrets: false,
  ...extra,
});

describe('parseArgs', () => {
  it.each<[string, string[], CliCommand]>([
    ['analyze with defaults', ['analyze', 'a.har'], analyze('a.har')],
    ['--format json', ['analyze', 'a.har', '--format', 'json'], analyze('a.har', { format: 'json' })],
    ['--format=markdown', ['analyze', '--format=markdown', 'a.har'], analyze('a.har', { format: 'markdown' })],
    ['-f md (alias)', ['analyze', 'a.har', '-f', 'md'], analyze('a.har', { format: 'markdown' })],
    ['a short option with its value attached', ['analyze', 'a.har', '-fjson'], analyze('a.har', { format: 'json' })],
    ['a value that starts with a dash, given with =', ['analyze', 'a.har', '--redirect-uri=-x'], analyze('a.har', { redirectUris: ['-x'] })],
    ['format in capitals', ['analyze', 'a.har', '--format', 'JSON'], analyze('a.har', { format: 'json' })],
    ['--profile', ['analyze', 'a.har', '--profile', 'akoya'], analyze('a.har', { profile: 'akoya' })],
    ['an unknown profile is left to the settings schema', ['analyze', 'a.har', '-p', 'nope'], analyze('a.har', { profile: 'nope' })],
    [
      'repeated --redirect-uri, in order',
      ['analyze', 'a.har', '--redirect-uri', 'https://a.example/cb', '-r', 'https://b.example/cb', '--redirect-uri=https://c.example/cb?x=1'],
      analyze('a.har', { redirectUris: ['https://a.example/cb', 'https://b.example/cb', 'https://c.example/cb?x=1'] }),
    ],
    ['--show-secrets', ['analyze', '--show-secrets', 'a.har'], analyze('a.har', { showSecrets: true })],
    ['a file named like an option after --', ['analyze', '--', '--odd.har'], analyze('--odd.har')],
    ['stdin-like "-" as a file name', ['analyze', '-'], analyze('-')],
    ['checks', ['checks'], { command: 'checks', format: 'text' }],
    ['checks --format json', ['checks', '--format', 'json'], { command: 'checks', format: 'json' }],
    ['--help', ['--help'], { command: 'help' }],
    ['-h after a command', ['analyze', 'a.har', '-h'], { command: 'help' }],
    ['help wins over a bad command', ['frobnicate', '--help'], { command: 'help' }],
    ['help command', ['help'], { command: 'help' }],
    ['--version', ['--version'], { command: 'version' }],
    ['-V', ['-V'], { command: 'version' }],
    ['short flags in a group', ['-hV'], { command: 'help' }],
  ])('%s', (_name, argv, expected) => {
    expect(parseArgs(argv)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, string[], RegExp]>([
    ['nothing', [], /^no command given/],
    ['an unknown command', ['analyse', 'a.har'], /^unknown command "analyse" \(expected analyze or checks\)$/],
    ['analyze without a file', ['analyze'], /^analyze needs a HAR file/],
    ['analyze with two files', ['analyze', 'a.har', 'b.har'], /^analyze reads one HAR file, got another: "b.har"$/],
    ['an unknown option', ['analyze', 'a.har', '--colour'], /^unknown option --colour$/],
    ['an unknown short option', ['analyze', 'a.har', '-x'], /^unknown option -x$/],
    ['an unknown short option in a group', ['analyze', 'a.har', '-hx'], /^unknown option -x$/],
    ['an unknown option with a value', ['analyze', 'a.har', '--colour=always'], /^unknown option --colour$/],
    ['an empty format', ['analyze', 'a.har', '--format='], /^unknown format "" \(expected text, json, markdown\)$/],
    ['--show-secrets twice', ['analyze', 'a.har', '--show-secrets', '--show-secrets'], /^--show-secrets given more than once$/],
    ['--format without a value', ['analyze', 'a.har', '--format'], /^--format needs a value$/],
    ['--format followed by an option', ['analyze', 'a.har', '--format', '--show-secrets'], /^--format needs a value$/],
    ['an unknown format', ['analyze', 'a.har', '--format', 'yaml'], /^unknown format "yaml" \(expected text, json, markdown\)$/],
    ['--format twice', ['analyze', 'a.har', '-f', 'json', '--format', 'text'], /^--format given more than once$/],
    ['a value for a flag', ['analyze', 'a.har', '--show-secrets=yes'], /^--show-secrets takes no value$/],
    ['--profile with checks', ['checks', '--profile', 'akoya'], /^--profile is only for analyze$/],
    ['--redirect-uri with checks', ['checks', '-r', 'https://a.example/cb'], /^--redirect-uri is only for analyze$/],
    ['checks with a file', ['checks', 'a.har'], /^checks takes no file/],
  ])('rejects %s', (_name, argv, message) => {
    const parsed = parseArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
