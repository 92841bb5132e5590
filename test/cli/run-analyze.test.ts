import { describe, expect, it } from 'vitest';
import type { AnalyzeCommand } from '../../src/cli/parse-args';
import { runAnalyze, type CliIo } from '../../src/cli/run-analyze';
import { runCli } from '../../src/cli/run-cli';
import { CATALOGUE } from '../../src/core/checks/catalogue';
import { AnalysisReportSchema } from '../../src/core/report/report-schema';
import { flowSteps, harText } from '../support/har';
import { GOOD_CODE, GOOD_STATE, REDIRECT, goodCallback, goodRequest } from '../support/scenario';

const LOGIN = 'https://as.example.com/login?uid=Kq2';
const CLEAN = harText(flowSteps(goodRequest(), goodCallback(), [
  { url: LOGIN, status: 200 },
  { url: LOGIN, status: 303, form: 'login=alice&password=secret' },
]));
const MISMATCH = harText(flowSteps(goodRequest(), goodCallback({ state: 'Tampered-9Lk2Pz7Rt5Wm8Nb4Hc6Jd1Fg0Ys2' })));

const FILES: Record<string, string> = {
  'clean.har': CLEAN,
  'mismatch.har': MISMATCH,
  'empty.har': '{"log": {"entries": []}}',
  'text.har': 'this is not json\nat all',
  'no-log.har': '{"entries": []}',
  'partly-broken.har': JSON.stringify({ log: { entries: [...JSON.parse(CLEAN).log.entries, { request: 'nope' }, null] } }),
};

function io(overrides: Partial<CliIo> = {}): CliIo {
  return {
    readFile(path) {
      if (path === 'a-directory') throw Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' });
      const text = FILES[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return text;
    },
    env: {},
    isTTY: false,
    ...overrides,
  };
}

function run(file: string, extra: Partial<AnalyzeCommand> = {}, ioOverrides: Partial<CliIo> = {}) {
  return runAnalyze({ command: 'analyze', file, format: 'text', redirectUris: [], showSecrets: false, ...extra }, io(ioOverrides));
}

function expectOneLineError(result: ReturnType<typeof run>, message: RegExp) {
  expect(result.exitCode).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^consent-lens: [^\n]+\n$/);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack frame
}

describe('runAnalyze', () => {
  describe('exit codes', () => {
    it.each([
      ['a clean flow', 'clean.har', 0],
      ['a flow with an error-severity finding', 'mismatch.har', 1],
      ['a HAR without flows', 'empty.har', 0],
    ])('%s exits %i', (_name, file, exitCode) => {
      const result = run(file);
      expect(result.exitCode).toBe(exitCode);
      expect(result.stderr).toBe('');
    });

    it.each([
      ['a missing file', 'missing.har', /cannot read missing\.har: no such file$/m],
      ['a directory', 'a-directory', /cannot read a-directory: it is a directory, not a file$/m],
      ['a file that is not JSON', 'text.har', /text\.har: not JSON \(.*\): a HAR file is JSON/],
      ['JSON that is not a HAR', 'no-log.har', /no-log\.har: not a HAR file: no "log\.entries" array$/m],
    ])('%s exits 2 with a one-line message', (_name, file, message) => {
      expectOneLineError(run(file), message);
    });

    it.each([
      ['an unknown --profile', { profile: 'mikomo' }, /unknown profile "mikomo" for --profile \(expected one of akoya, akahu, op, oauth2, oidc\)$/m],
      ['a relative --redirect-uri', { redirectUris: ['/callback'] }, /--redirect-uri "\/callback": must be an absolute URI, e\.g\. https:\/\/app\.example\/callback$/m],
      ['a --redirect-uri with a fragment', { redirectUris: ['https://app.example/cb', 'https://app.example/cb#x'] }, /--redirect-uri "https:\/\/app\.example\/cb#x": a redirect URI must not contain a fragment/],
    ])('%s exits 2 before reading the file', (_name, flags, message) => {
      expectOneLineError(run('missing.har', flags), message);
    });
  });

  it('mentions skipped entries on stderr as a count, and still reports', () => {
    const result = run('partly-broken.har');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('consent-lens: note: skipped 2 of 6 HAR entries that could not be read (entry 4: startedDateTime: missing)\n');
    expect(result.stdout).toContain('flow-1  success');
  });

  describe('secrets', () => {
    it.each(['text', 'json', 'markdown'] as const)('are redacted by default in %s', (format) => {
      const { stdout } = run('clean.har', { format });
      expect(stdout).not.toContain(GOOD_CODE);
      expect(stdout).toContain(`[redacted ${GOOD_CODE.length} chars]`);
    });

    it.each(['text', 'json', 'markdown'] as const)('are shown in %s with --show-secrets', (format) => {
      const { stdout } = run('clean.har', { format, showSecrets: true });
      expect(stdout).toContain(GOOD_CODE);
      expect(stdout).not.toContain('[redacted');
    });
  });

  describe('json', () => {
    it('is the redacted AnalysisReport', () => {
      const { stdout, exitCode } = run('mismatch.har', { format: 'json' });
      expect(exitCode).toBe(1);
      const report = AnalysisReportSchema.parse(JSON.parse(stdout));
      expect(report.redacted).toBe(true);
      expect(report.summary).toMatchObject({ flows: 1, findings: { error: 1 } });
      expect(report.flows[0]!.findings[0]).toMatchObject({ id: 'state-mismatch', severity: 'error', message: expect.any(String), fix: expect.any(String) });
    });

    it('says redacted: false with --show-secrets', () => {
      expect(JSON.parse(run('clean.har', { format: 'json', showSecrets: true }).stdout)).toMatchObject({ redacted: false });
    });

    it('applies --profile and --redirect-uri', () => {
      const { stdout } = run('clean.har', { format: 'json', profile: 'akoya', redirectUris: [REDIRECT] });
      const [flow] = AnalysisReportSchema.parse(JSON.parse(stdout)).flows;
      expect(flow!.profile).toMatchObject({ id: 'akoya', chosenBy: 'forced' });
      expect(flow!.codeExpiresAt! - flow!.codeIssuedAt!).toBe(300_000);
    });
  });

  describe('text', () => {
    it('shows the flow header, timeline, code lifetime, findings and summary', () => {
      const { stdout } = run('mismatch.har');
      expect(stdout).toMatch(/^flow-1 {2}success {2}profile Generic OpenID Connect \(chosen by scope\)$/m);
      expect(stdout).toMatch(/^ {2}client_id {5}demo-client$/m);
      expect(stdout).toMatch(/^ {2}redirect_uri {2}https:\/\/app\.example\.com\/callback$/m);
      expect(stdout).toMatch(/^ +\+0\.00 s {2}request {3}GET {3}302 {5}as\.example\.com\/authorize {2}-> app\.example\.com$/m);
      expect(stdout).toMatch(/^ +code_challenge_method {2}S256$/m);
      expect(stdout).toMatch(/^ +\+0\.04 s {2}callback {2}GET {3}200 {5}app\.example\.com\/callback$/m);
      expect(stdout).toMatch(/^ +state {2}Tampered-9Lk2Pz7Rt5Wm8Nb4Hc6Jd1Fg0Ys2$/m);
      expect(stdout).toMatch(/Code {2}issued \S+Z, expires \S+Z \(lifetime 10 min, Generic OpenID Connect\)/);
      expect(stdout).toMatch(/✖ error {4}state-mismatch {2}The callback state is not the state the request sent\./);
      expect(stdout).toMatch(/^ +fix {2}Reject the callback/m);
      expect(stdout).toMatch(/^ +see {2}RFC 6749 s4\.1\.2 and s10\.12 <https:\/\/www\.rfc-editor\.org\/rfc\/rfc6749#section-10\.12>$/m);
      expect(stdout.trimEnd().split('\n').at(-1)).toBe('Summary: 1 flow (1 success); 1 error, 0 warnings, 0 info; secrets redacted (--show-secrets shows them)');
    });

    it('lists every hop with its status and host', () => {
      const { stdout } = run('clean.har');
      expect(stdout).toMatch(/^ +\+0\.10 s {2}hop {7}GET {3}200 {5}as\.example\.com\/login$/m);
      expect(stdout).toMatch(/^ +\+0\.20 s {2}hop {7}POST {2}303 {5}as\.example\.com\/login {2}-> app\.example\.com$/m);
      expect(stdout).toContain('Findings  none');
    });

    it.each([
      ['a terminal', { isTTY: true, env: {} }, true],
      ['a pipe', { isTTY: false, env: {} }, false],
      ['a terminal with NO_COLOR', { isTTY: true, env: { NO_COLOR: '1' } }, false],
      ['a terminal with an empty NO_COLOR', { isTTY: true, env: { NO_COLOR: '' } }, true],
    ])('uses colour on %s: %s', (_name, overrides, colored) => {
      expect(run('mismatch.har', {}, overrides).stdout.includes('\u001b[')).toBe(colored);
    });

    it('says so when the HAR holds no flow', () => {
      expect(run('empty.har').stdout).toBe('No OAuth / OpenID Connect authorization flow found in this HAR file.\n\nSummary: 0 flows; 0 errors, 0 warnings, 0 info; secrets redacted (--show-secrets shows them)\n');
    });
  });

  describe('markdown', () => {
    it('has a heading per flow and tables of parameters and findings', () => {
      const { stdout } = run('mismatch.har', { format: 'markdown' });
      expect(stdout).toMatch(/^# Consent Lens report$/m);
      expect(stdout).toMatch(/^## flow-1: success$/m);
      expect(stdout).toContain(`| \`state\` | \`${GOOD_STATE}\` |`);
      expect(stdout).toMatch(/^\| Severity \| Check \| Message \| Fix \| Reference \|$/m);
      expect(stdout).toMatch(/^\| error \| `state-mismatch` \| The callback state is not the state the request sent\. \|/m);
      expect(stdout).not.toContain('\u001b[');
    });

    it('keeps table rows intact when values hold pipes and backticks', () => {
      const file = harText(flowSteps(goodRequest({ scope: 'a|b `c`' }), goodCallback()));
      const result = runAnalyze({ command: 'analyze', file: 'x', format: 'markdown', redirectUris: [], showSecrets: false }, io({ readFile: () => file }));
      expect(result.stdout).toContain('| `scope` | `` a\\|b `c` `` |');
    });
  });
});

describe('runCli', () => {
  const version = '9.9.9';

  it.each([
    [['--help'], /^Usage:\n {2}consent-lens analyze <file\.har>/],
    [['--version'], /^consent-lens 9\.9\.9\n$/],
  ])('%j prints to stdout and exits 0', (argv, stdout) => {
    const result = runCli(argv, io(), version);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toMatch(stdout);
  });

  it('reports a usage error in one line, pointing at --help', () => {
    expect(runCli(['analyze'], io(), version)).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'consent-lens: analyze needs a HAR file, e.g. consent-lens analyze session.har (see consent-lens --help)\n',
    });
  });

  it('runs analyze', () => {
    expect(runCli(['analyze', 'mismatch.har', '--format', 'json'], io(), version).exitCode).toBe(1);
  });

  it.each(['text', 'json', 'markdown'])('lists every check in %s', (format) => {
    const { stdout, exitCode } = runCli(['checks', '--format', format], io(), version);
    expect(exitCode).toBe(0);
    for (const rule of CATALOGUE) {
      expect(stdout).toContain(rule.id);
      expect(stdout).toContain(rule.title);
    }
  });

  it('checks in text is one line a rule: id, severity, title', () => {
    const { stdout } = runCli(['checks'], io(), version);
    expect(stdout).toMatch(/^state-mismatch +error +Callback state differs from the request$/m);
  });
});
