import { describe, expect, it } from 'vitest';
import type { AnalyzeCommand } from '../../src/cli/parse-args';
import { runAnalyze, type CliIo, type CliResult } from '../../src/cli/run-analyze';
import { runCli } from '../../src/cli/run-cli';
import { CATALOGUE } from '../../src/core/checks/catalogue';
import { AnalysisReportSchema } from '../../src/core/report/report-schema';
import { flowSteps, harOf, harText, type HarStep } from '../support/har';
import { GOOD_CODE, GOOD_STATE, REDIRECT, goodCallback, goodRequest } from '../support/scenario';

const LOGIN = 'https://as.example.com/login?uid=Kq2';
/** Recordings that kept their cookies (the callback sends one), so the cookie checks run and find nothing. */
const withCookies = (steps: HarStep[]) => steps.map((step, index) => (index === steps.length - 1 ? { ...step, cookie: 'lang=en' } : step));
const CLEAN = harText(
  withCookies(
    flowSteps(goodRequest(), goodCallback(), [
      { url: LOGIN, status: 200 },
      { url: LOGIN, status: 303, form: 'login=alice&password=secret' },
    ]),
  ),
);
const MISMATCH = harText(withCookies(flowSteps(goodRequest(), goodCallback({ state: 'Tampered-9Lk2Pz7Rt5Wm8Nb4Hc6Jd1Fg0Ys2' }))));
const CLEAN_ENTRIES = (JSON.parse(CLEAN) as { log: { entries: unknown[] } }).log.entries;

const harWith = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', entries } });

const FILES: Record<string, string> = {
  'clean.har': CLEAN,
  'mismatch.har': MISMATCH,
  'empty.har': '{"log": {"entries": []}}',
  'text.har': 'this is not json\nat all',
  'no-log.har': '{"entries": []}',
  'partly-broken.har': harWith([...CLEAN_ENTRIES, { request: 'nope' }, null]),
  'all-broken.har': harWith([{ request: 'nope' }, null, 3]),
  'one-broken.har': harWith([{ startedDateTime: '2026-11-23T12:00:00Z' }]),
};

/** A file's text in pieces of 7 characters, as a stream hands them over: few tokens arrive whole. */
function* pieces(text: string, size = 7): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

function io(overrides: Partial<CliIo> = {}): CliIo {
  return {
    *readChunks(path) {
      if (path === 'a-directory') throw Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' });
      const text = FILES[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      yield* pieces(text);
    },
    env: {},
    isTTY: false,
    ...overrides,
  };
}

/** An io whose every file holds `text`. */
const ioOf = (text: string, overrides: Partial<CliIo> = {}) => io({ readChunks: () => pieces(text), ...overrides });

function run(file: string, extra: Partial<AnalyzeCommand> = {}, ioOverrides: Partial<CliIo> = {}): Promise<CliResult> {
  return runAnalyze({ command: 'analyze', file, format: 'text', redirectUris: [], showSecrets: false, ...extra }, io(ioOverrides));
}

function runText(text: string, extra: Partial<AnalyzeCommand> = {}, ioOverrides: Partial<CliIo> = {}): Promise<CliResult> {
  return runAnalyze({ command: 'analyze', file: 'input.har', format: 'text', redirectUris: [], showSecrets: false, ...extra }, ioOf(text, ioOverrides));
}

function expectOneLineError(result: CliResult, message: RegExp) {
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
      ['a HAR without entries', 'empty.har', 0],
    ])('%s exits %i', async (_name, file, exitCode) => {
      const result = await run(file);
      expect(result.exitCode).toBe(exitCode);
      expect(result.stderr).toBe('');
    });

    it.each([
      ['a missing file', 'missing.har', /cannot read missing\.har: no such file$/m],
      ['a directory', 'a-directory', /cannot read a-directory: it is a directory, not a file$/m],
      ['a file that is not JSON', 'text.har', /text\.har: not JSON \(.*\): a HAR file is JSON/],
      ['JSON that is not a HAR', 'no-log.har', /no-log\.har: not a HAR file: no "log\.entries" array$/m],
      [
        'a HAR none of whose entries can be read',
        'all-broken.har',
        /^consent-lens: all-broken\.har: cannot read any of its 3 HAR entries \(entry 0: request: .+\)$/m,
      ],
      [
        'a HAR whose one entry cannot be read',
        'one-broken.har',
        /^consent-lens: one-broken\.har: cannot read its one HAR entry \(entry 0: request: missing\)$/m,
      ],
    ])('%s exits 2 with a one-line message', async (_name, file, message) => {
      expectOneLineError(await run(file), message);
    });

    it.each([
      ['an unknown --profile', { profile: 'mikomo' }, /unknown profile "mikomo" for --profile \(expected one of akoya, akahu, op, oauth2, oidc, fapi2\)$/m],
      [
        'a relative --redirect-uri',
        { redirectUris: ['/callback'] },
        /--redirect-uri "\/callback": must be an absolute URI, e\.g\. https:\/\/app\.example\/callback$/m,
      ],
      [
        'a --redirect-uri with a fragment',
        { redirectUris: ['https://app.example/cb', 'https://app.example/cb#x'] },
        /--redirect-uri "https:\/\/app\.example\/cb#x": a redirect URI must not contain a fragment/,
      ],
    ])('%s exits 2 before reading the file', async (_name, flags, message) => {
      expectOneLineError(await run('missing.har', flags), message);
    });
  });

  describe('reading the file as a stream', () => {
    it.each([1, 7, 4096])('reads the same report from pieces of %i characters', async (size) => {
      const result = await runAnalyze(
        { command: 'analyze', file: 'x', format: 'json', redirectUris: [], showSecrets: false },
        io({ readChunks: () => pieces(MISMATCH, size) }),
      );
      expect(result.exitCode).toBe(1);
      expect(JSON.parse(result.stdout)).toEqual(JSON.parse((await run('mismatch.har', { format: 'json' })).stdout));
    });

    it('stops reading once the file is known to be no HAR', async () => {
      let served = 0;
      const readChunks = function* () {
        for (const piece of pieces(`[${'1,'.repeat(10_000)}1]`)) {
          served++;
          yield piece;
        }
      };
      expectOneLineError(await runText('', {}, { readChunks }), /not a HAR file: no "log\.entries" array/);
      expect(served).toBe(1);
    });

    it('reads an entry whose body is larger than the reader keeps', async () => {
      const entries = (JSON.parse(CLEAN) as { log: { entries: Array<{ response: { content: Record<string, unknown> } }> } }).log.entries;
      entries[1]!.response.content.text = 'x'.repeat(3 * 1024 * 1024);
      const result = await runText(harWith(entries), { format: 'json' });
      expect(result.exitCode).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ summary: { flows: 1, harEntries: 4, unreadEntries: 0 } });
    });

    it('counts an entry whose URL is too long to keep as unread, and says why', async () => {
      const [first, ...rest] = CLEAN_ENTRIES as Array<{ request: Record<string, unknown> }>;
      const huge = { ...first!, request: { ...first!.request, url: `https://as.example.com/${'a'.repeat(2 * 1024 * 1024)}` } };
      const result = await runText(harWith([...rest, huge]), { format: 'json' });
      expect(JSON.parse(result.stdout)).toMatchObject({ unreadEntries: [{ index: 3, reason: 'request.url: too long to read' }] });
    });
  });

  describe('unread entries', () => {
    it('are noted on stderr as a count, and the rest is still reported', async () => {
      const result = await run('partly-broken.har');
      expect(result.exitCode).toBe(0);
      expect(result.stderr).toBe(
        'consent-lens: note: skipped 2 of 6 HAR entries that could not be read (entry 4: request: Invalid input: expected object, received string)\n',
      );
      expect(result.stdout).toContain('flow-1  success');
    });

    it('are listed in the JSON report with their count', async () => {
      const report = AnalysisReportSchema.parse(JSON.parse((await run('partly-broken.har', { format: 'json' })).stdout));
      expect(report.summary).toMatchObject({ flows: 1, harEntries: 6, unreadEntries: 2 });
      expect(report.unreadEntries).toEqual([
        { index: 4, reason: 'request: Invalid input: expected object, received string' },
        { index: 5, reason: 'not a HAR entry: Invalid input: expected object, received null' },
      ]);
    });

    it('are none in the JSON report of a file read whole', async () => {
      const report = AnalysisReportSchema.parse(JSON.parse((await run('clean.har', { format: 'json' })).stdout));
      expect(report.summary).toMatchObject({ harEntries: 4, unreadEntries: 0 });
      expect(report.unreadEntries).toEqual([]);
    });

    it('are shown in the text format, one a line, and counted in the summary', async () => {
      const { stdout } = await run('partly-broken.har');
      expect(stdout).toContain(
        [
          'Unread  2 of 6 HAR entries could not be read and are left out',
          '  entry 4  request: Invalid input: expected object, received string',
          '  entry 5  not a HAR entry: Invalid input: expected object, received null',
        ].join('\n'),
      );
      expect(stdout.trimEnd().split('\n').at(-1)).toBe(
        'Summary: 1 flow (1 success); 0 errors, 0 warnings, 0 info; 2 of 6 HAR entries unread; secrets redacted (--show-secrets shows them)',
      );
    });

    it('include the end of a file cut off mid-entry: the flows before the cut are reported, and the cut is named', async () => {
      const cut = CLEAN.slice(0, CLEAN.lastIndexOf('"startedDateTime"'));
      const result = await runText(cut, { format: 'json' });
      expect(result.exitCode).toBe(0);
      const report = AnalysisReportSchema.parse(JSON.parse(result.stdout));
      expect(report.summary).toMatchObject({ flows: 1, harEntries: 4, unreadEntries: 1 });
      expect(report.unreadEntries).toEqual([
        { index: 3, reason: 'the file breaks off here (Unexpected end of JSON input): this entry and any after it are lost' },
      ]);
      expect(result.stderr).toContain('skipped 1 of 4 HAR entries that could not be read (entry 3: the file breaks off here');
    });

    it('leave a file cut off before any entry unusable: exit 2', async () => {
      const result = await runText(CLEAN.slice(0, CLEAN.indexOf('"startedDateTime"') + 5));
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/not JSON \(Unexpected end of JSON input\)/);
    });

    it('are shown in the text format up to ten, the rest counted', async () => {
      const { stdout } = await runText(harWith([...CLEAN_ENTRIES, ...Array.from({ length: 130 }, () => null)]));
      expect(stdout.match(/^ {2}entry \d+ /gm)).toHaveLength(10);
      expect(stdout).toMatch(/^ {2}\.\.\. and 120 more \(--format json lists 100\)$/m);
    });

    it('are shown in the markdown format, in a table', async () => {
      const { stdout } = await run('partly-broken.har', { format: 'markdown' });
      expect(stdout).toMatch(/^1 flow \(1 success\); 0 errors, 0 warnings, 0 info\. 2 of 6 HAR entries could not be read \(listed at the end\)\./m);
      expect(stdout).toContain(
        [
          '## Unread HAR entries',
          '',
          '2 of 6 HAR entries could not be read and are left out.',
          '',
          '| Entry | Reason |',
          '|---|---|',
          '| 4 | request: Invalid input: expected object, received string |',
          '| 5 | not a HAR entry: Invalid input: expected object, received null |',
        ].join('\n'),
      );
    });
  });

  describe('secrets', () => {
    it.each(['text', 'json', 'markdown'] as const)('are redacted by default in %s', async (format) => {
      const { stdout } = await run('clean.har', { format });
      expect(stdout).not.toContain(GOOD_CODE);
      expect(stdout).toContain(`[redacted ${GOOD_CODE.length} chars #`);
    });

    it.each(['text', 'json', 'markdown'] as const)('are shown in %s with --show-secrets', async (format) => {
      const { stdout } = await run('clean.har', { format, showSecrets: true });
      expect(stdout).toContain(GOOD_CODE);
      expect(stdout).not.toContain('[redacted');
    });
  });

  describe('json', () => {
    it('is the redacted AnalysisReport', async () => {
      const { stdout, exitCode } = await run('mismatch.har', { format: 'json' });
      expect(exitCode).toBe(1);
      const report = AnalysisReportSchema.parse(JSON.parse(stdout));
      expect(report.redacted).toBe(true);
      expect(report.summary).toMatchObject({ flows: 1, findings: { error: 1 } });
      expect(report.flows[0]!.findings[0]).toMatchObject({ id: 'state-mismatch', severity: 'error', message: expect.any(String), fix: expect.any(String) });
    });

    it('says redacted: false with --show-secrets', async () => {
      expect(JSON.parse((await run('clean.har', { format: 'json', showSecrets: true })).stdout)).toMatchObject({ redacted: false });
    });

    it('applies --profile and --redirect-uri', async () => {
      const { stdout } = await run('clean.har', { format: 'json', profile: 'akoya', redirectUris: [REDIRECT] });
      const [flow] = AnalysisReportSchema.parse(JSON.parse(stdout)).flows;
      expect(flow!.profile).toMatchObject({ id: 'akoya', chosenBy: 'forced' });
      expect(flow!.codeExpiresAt! - flow!.codeIssuedAt!).toBe(300_000);
    });
  });

  describe('text', () => {
    it('shows the flow header, timeline, code lifetime, findings and summary', async () => {
      const { stdout } = await run('mismatch.har');
      expect(stdout).toMatch(/^flow-1 {2}success, with errors {2}profile Generic OpenID Connect \(chosen by scope\)$/m);
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
      expect(stdout.trimEnd().split('\n').at(-1)).toBe(
        'Summary: 1 flow (1 success); 1 error, 0 warnings, 0 info; secrets redacted (--show-secrets shows them)',
      );
    });

    it("shows the cookies of the flow's state by name and attributes, never their values", async () => {
      const steps = [
        {
          url: 'https://app.example.com/login',
          status: 302,
          location: goodRequest(),
          setCookies: ['st=s3cr3t-state-value; Path=/; Secure; HttpOnly; SameSite=Lax'],
        },
        ...flowSteps(goodRequest(), goodCallback()),
      ];
      steps[steps.length - 1] = { ...steps[steps.length - 1]!, cookie: 'st=s3cr3t-state-value' };
      const { stdout } = await runText(harText(steps));
      expect(stdout).toMatch(/^ {2}Cookies {2}set as the flow started: st \(Path=\/; SameSite=Lax; Secure; HttpOnly\); the callback sent st$/m);
      expect(stdout).not.toContain('s3cr3t-state-value');
      expect((await runText(harText(steps), { format: 'markdown' })).stdout).toContain(
        '| Cookies | set as the flow started: st (Path=/; SameSite=Lax; Secure; HttpOnly); the callback sent st |',
      );
    });

    it('lists every hop with its status and host', async () => {
      const { stdout } = await run('clean.har');
      expect(stdout).toMatch(/^ +\+0\.10 s {2}hop {7}GET {3}200 {5}as\.example\.com\/login$/m);
      expect(stdout).toMatch(/^ +\+0\.20 s {2}hop {7}POST {2}303 {5}as\.example\.com\/login {2}-> app\.example\.com$/m);
      expect(stdout).toContain('Findings  none');
    });

    it.each([
      ['a terminal', { isTTY: true, env: {} }, true],
      ['a pipe', { isTTY: false, env: {} }, false],
      ['a terminal with NO_COLOR', { isTTY: true, env: { NO_COLOR: '1' } }, false],
      ['a terminal with an empty NO_COLOR', { isTTY: true, env: { NO_COLOR: '' } }, true],
    ])('uses colour on %s: %s', async (_name, overrides, colored) => {
      expect((await run('mismatch.har', {}, overrides)).stdout.includes('\u001b[')).toBe(colored);
    });

    it('says so when the HAR holds no flow', async () => {
      expect((await run('empty.har')).stdout).toBe(
        'No OAuth / OpenID Connect authorization flow found in this HAR file.\n\nSummary: 0 flows; 0 errors, 0 warnings, 0 info; secrets redacted (--show-secrets shows them)\n',
      );
    });
  });

  describe('markdown', () => {
    it('has a heading per flow and tables of parameters and findings', async () => {
      const { stdout } = await run('mismatch.har', { format: 'markdown' });
      expect(stdout).toMatch(/^# Consent Lens report$/m);
      expect(stdout).toMatch(/^## flow-1: success, with errors$/m);
      expect(stdout).toContain(`| \`state\` | \`${GOOD_STATE}\` |`);
      expect(stdout).toMatch(/^\| Severity \| Check \| Message \| Fix \| Reference \|$/m);
      expect(stdout).toMatch(/^\| error \| `state-mismatch` \| The callback state is not the state the request sent\. \|/m);
      expect(stdout).not.toContain('\u001b[');
    });

    it.each([
      ['a pipe and backticks', 'a|b `c`', '`` a\\|b `c` ``'],
      ['a run of two backticks', 'a``b', '```a``b```'],
      ['a leading backtick', '`a', '`` `a ``'],
      ['spaces each side', ' a ', '`  a  `'],
    ])('keeps table rows intact when a value holds %s', async (_name, scope, shown) => {
      const { stdout } = await runText(harText(flowSteps(goodRequest({ scope }), goodCallback())), { format: 'markdown' });
      expect(stdout).toContain(`| \`scope\` | ${shown} |`);
    });
  });

  describe('hostile input', () => {
    // Sets the terminal title, clears the screen, a C1 CSI, reverses the text, breaks tables and code.
    const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202e\u007f|`\r\n# x';
    const steps = flowSteps(goodRequest({ scope: HOSTILE, client_id: `demo${HOSTILE}` }), goodCallback({ state: `s${HOSTILE}`, error_description: HOSTILE }), [
      { url: `https://as.example.com/login\u001b[2J${encodeURIComponent(HOSTILE)}?uid=1`, status: 200 },
      { url: LOGIN, status: 303, form: 'login=alice' },
    ]);
    const file = harOf(steps);
    const entries = file.log.entries as Array<{ request: { method: string }; response: Record<string, unknown> }>;
    for (const entry of entries) entry.request.method = `${entry.request.method}${HOSTILE}`;
    entries[1]!.response.status = 0;
    entries[1]!.response._error = `net::ERR${HOSTILE}`;
    const hostileHar = JSON.stringify(file);
    /** Anything a terminal acts on, but the line feeds between lines. */
    const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

    it.each([
      ['text', false],
      ['text', true],
      ['markdown', false],
      ['json', false],
    ] as const)('carries no raw control character in %s (colour: %s)', async (format, isTTY) => {
      const { stdout, exitCode } = await runText(hostileHar, { format, showSecrets: true }, { isTTY });
      expect(exitCode).not.toBe(2);
      expect(stdout).toContain(format === 'json' ? '\\u001b]0;pwned\\u0007' : '\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u{202e}\\x7f');
      // The only escapes left are the colours Consent Lens paints with.
      expect(stdout.replace(/\u001b\[\d+m/g, '')).not.toMatch(CONTROL);
    });

    it('keeps every markdown table row to its columns, and no value starts a heading', async () => {
      const { stdout } = await runText(hostileHar, { format: 'markdown', showSecrets: true });
      const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
      const tables = stdout
        .trimEnd()
        .split('\n\n')
        .filter((block) => block.startsWith('|'));
      expect(tables.length).toBeGreaterThan(3);
      for (const table of tables) {
        const [header, ...rows] = table.split('\n');
        for (const row of rows) expect(cells(row)).toBe(cells(header!));
      }
      expect(stdout).not.toMatch(/^# x/m);
    });

    it('writes the stderr message on one line whatever the file name holds', async () => {
      const result = await runAnalyze({ command: 'analyze', file: `a${HOSTILE}.har`, format: 'text', redirectUris: [], showSecrets: false }, io());
      expectOneLineError(result, /^consent-lens: cannot read a\\x1b\]0;pwned\\x07.*\.har: no such file$/m);
      expect(result.stderr.slice(0, -1)).not.toMatch(CONTROL);
    });
  });
});

describe('runCli', () => {
  const version = '9.9.9';

  it.each([
    [['--help'], /^Usage:\n {2}consent-lens analyze <file\.har>/],
    [['--version'], /^consent-lens 9\.9\.9\n$/],
  ])('%j prints to stdout and exits 0', async (argv, stdout) => {
    const result = await runCli(argv, io(), version);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toMatch(stdout);
  });

  it.each([
    [['analyze'], 'analyze needs a HAR file, e.g. consent-lens analyze session.har'],
    [['analyze', 'clean.har', '--colour'], 'unknown option --colour'],
    [['analyze', 'clean.har', '--format'], '--format needs a value'],
  ])('%j is a usage error: exit 2, one line pointing at --help', async (argv, message) => {
    expect(await runCli(argv, io(), version)).toEqual({ exitCode: 2, stdout: '', stderr: `consent-lens: ${message} (see consent-lens --help)\n` });
  });

  it('runs analyze', async () => {
    expect((await runCli(['analyze', 'mismatch.har', '--format', 'json'], io(), version)).exitCode).toBe(1);
  });

  it.each(['text', 'json', 'markdown'])('lists every check in %s', async (format) => {
    const { stdout, exitCode } = await runCli(['checks', '--format', format], io(), version);
    expect(exitCode).toBe(0);
    for (const rule of CATALOGUE) {
      expect(stdout).toContain(rule.id);
      expect(stdout).toContain(rule.title);
    }
  });

  it('checks in text is one line a rule: id, severity, title', async () => {
    const { stdout } = await runCli(['checks'], io(), version);
    expect(stdout).toMatch(/^state-mismatch +error +Callback state differs from the request$/m);
  });
});
