// Real consent flows recorded by headless Chromium into HAR files, then read by the built CLI.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisReportSchema, type AnalysisReport } from '../../src/core/report/report-schema';
import { driveConsent, type DriveResult } from '../../src/sandbox/drive-consent';
import type { Scenario, ScenarioId } from '../../src/sandbox/scenarios';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox';
import { browserForSuite, REPO_ROOT } from './support/browsers';
import { recordHar } from './support/record-har';

const CLI = join(REPO_ROOT, 'dist/cli/consent-lens.mjs');

interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI, as a user runs it. */
function consentLens(...args: string[]): CliRun {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { exitCode: run.status, stdout: run.stdout, stderr: run.stderr };
}

function analyzeJson(file: string, ...args: string[]): CliRun & { report: AnalysisReport } {
  const run = consentLens('analyze', file, '--format', 'json', ...args);
  if (run.stdout === '') throw new Error(`no report (exit ${run.exitCode}): ${run.stderr}`);
  return { ...run, report: AnalysisReportSchema.parse(JSON.parse(run.stdout)) };
}

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'consent-lens-har-'));
  if (!existsSync(CLI)) {
    const build = spawnSync('npx', ['vite', 'build', '--mode', 'cli'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`building the CLI failed:\n${build.stderr}`);
  }
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const chromiumPath = browserForSuite('chromium');

describe.skipIf(!chromiumPath)('HAR files recorded by Chromium', () => {
  let sandbox: Sandbox;
  let app: Scenario;
  let issuer: string;
  let cleanHar: string;
  let cleanDrive: DriveResult;

  const scenario = (id: ScenarioId) => sandbox.scenarios.find((candidate) => candidate.id === id)!;

  /** Records one sandbox scenario in a fresh browser: the login page, then the consent page (or Cancel). */
  async function recordFlow(id: ScenarioId): Promise<{ file: string; drive: DriveResult }> {
    const { startUrl, redirectUri, plan } = scenario(id);
    const file = join(workDir, `${id.replace('/', '-')}.har`);
    const drive = await recordHar(
      file,
      async (context) => {
        const page = await context.newPage();
        return driveConsent(page, startUrl, { redirectUri, cancel: plan.userAction === 'cancel' });
      },
      { executablePath: chromiumPath!, hostMap: sandbox.hostMap },
    );
    return { file, drive };
  }

  beforeAll(async () => {
    sandbox = await startSandbox();
    app = scenario('oidc/clean');
    issuer = sandbox.issuers.oidc;
    ({ file: cleanHar, drive: cleanDrive } = await recordFlow('oidc/clean'));
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  it('reads a clean consent flow as one successful flow, login and consent included', () => {
    expect(cleanDrive.steps).toEqual(['login', 'consent']);
    const { exitCode, stderr, report } = analyzeJson(cleanHar, '--redirect-uri', app.redirectUri);
    expect(stderr).toBe('');
    expect(report.flows).toHaveLength(1);
    const [flow] = report.flows;
    expect(flow).toMatchObject({ outcome: 'success', clientId: 'sandbox-oidc-app', redirectUri: app.redirectUri });
    expect(flow!.request!.fields).toMatchObject({
      clientId: 'sandbox-oidc-app',
      responseType: 'code',
      state: expect.stringMatching(/^[\w-]{32}$/),
      codeChallenge: expect.stringMatching(/^[\w-]{43}$/),
      codeChallengeMethod: 'S256',
    });
    expect(flow!.callbacks).toHaveLength(1);
    expect(flow!.callbacks[0]).toMatchObject({
      status: 200,
      fields: { code: expect.stringMatching(/^\[redacted \d+ chars #[0-9a-f]{6}\]$/), state: flow!.request!.fields.state, iss: issuer },
    });

    // AS/auth 303 -> login page 200, POST 303 -> AS/auth/:uid 303 -> consent page 200, POST 303 -> AS/auth/:uid 303 -> callback
    const steps = flow!.hops.map((hop) => `${hop.method} ${new URL(hop.url).pathname.replace(/\/[\w-]{20,}/, '/:uid')} ${hop.status}`);
    expect(steps).toEqual([
      'GET /auth 303',
      'GET /interaction/:uid 200',
      'POST /interaction/:uid 303',
      'GET /auth/:uid 303',
      'GET /interaction/:uid 200',
      'POST /interaction/:uid 303',
      'GET /auth/:uid 303',
    ]);
    expect(flow!.hops.at(-1)!.location).toMatch(new RegExp(`^${app.redirectUri.replace(/[.?]/g, '\\$&')}\\?code=`));
    expect(flow!.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('prints the same flow for people, with the code redacted', () => {
    const { exitCode, stdout } = consentLens('analyze', cleanHar);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^flow-1 {2}success {2}profile Generic OpenID Connect/m);
    expect(stdout).toMatch(/^ +\+\d+\.\d\d s {2}callback {2}GET {3}200 +127\.0\.0\.1:\d+\/oidc\/callback$/m);
    expect(stdout).toMatch(/^ +code {3}\[redacted \d+ chars #[0-9a-f]{6}\]$/m);
    expect(stdout).toMatch(/^Summary: 1 flow \(1 success\); 0 errors/m);
  });

  it('reports state-mismatch when the callback state in the recording is altered', async () => {
    const har = JSON.parse(await readFile(cleanHar, 'utf8')) as { log: { entries: HarEntryLike[] } };
    const callbackUrl = har.log.entries.find((entry) => entry.request.url.startsWith(`${app.redirectUri}?`))!.request.url;
    const callbackState = /[?&]state=([^&]+)/.exec(callbackUrl)?.[1];
    expect(callbackState).toBeDefined();
    const tampered = `${callbackState!.slice(0, -4)}XXXX`;
    let edits = 0;
    const alter = (url: string) => {
      if (!url.startsWith(`${app.redirectUri}?`) || !url.includes(`state=${callbackState}`)) return url;
      edits++;
      return url.replace(`state=${callbackState}`, `state=${tampered}`);
    };
    for (const entry of har.log.entries) {
      // The authorization server's redirect (its redirectURL and Location header) and the callback request.
      if (entry.response.redirectURL) entry.response.redirectURL = alter(entry.response.redirectURL);
      for (const header of entry.response.headers) if (header.name.toLowerCase() === 'location') header.value = alter(header.value);
      const url = alter(entry.request.url);
      if (url === entry.request.url) continue;
      entry.request.url = url;
      for (const param of entry.request.queryString ?? []) if (param.name === 'state') param.value = tampered;
    }
    expect(edits).toBeGreaterThanOrEqual(3);
    const file = join(workDir, 'tampered.har');
    await writeFile(file, JSON.stringify(har));

    const { exitCode, report } = analyzeJson(file, '--redirect-uri', app.redirectUri);
    expect(report.flows).toHaveLength(1);
    expect(report.flows[0]!.callbacks).toHaveLength(1);
    expect(report.flows[0]!.findings).toContainEqual(expect.objectContaining({ id: 'state-mismatch', severity: 'error' }));
    expect(exitCode).toBe(1);
  });

  it('reports redirect-not-https for a real flow back to an http host that is not loopback', async () => {
    const { file, drive } = await recordFlow('oidc/http-redirect');
    expect(drive.callbackUrl).toMatch(/^http:\/\/client\.example\.test:\d+\/oidc\/callback\?code=/);
    const { exitCode, report } = analyzeJson(file);
    expect(report.flows).toHaveLength(1);
    expect(report.flows[0]).toMatchObject({ outcome: 'success', redirectUri: scenario('oidc/http-redirect').redirectUri });
    expect(report.flows[0]!.findings).toContainEqual(expect.objectContaining({ id: 'redirect-not-https', severity: 'error' }));
    expect(exitCode).toBe(1);
  });

  it('reads a form_post callback, whose code travels in a POSTed form', async () => {
    const { file } = await recordFlow('oidc/form-post');
    const { exitCode, report } = analyzeJson(file, '--show-secrets');
    expect(report.flows).toHaveLength(1);
    const [flow] = report.flows;
    expect(flow).toMatchObject({ outcome: 'success', clientId: 'sandbox-oidc-app' });
    expect(flow!.callbacks).toHaveLength(1);
    expect(flow!.callbacks[0]).toMatchObject({
      method: 'POST',
      status: 200,
      fields: { code: expect.stringMatching(/^[\w-]{43}$/), state: flow!.request!.fields.state },
    });
    expect(flow!.callbacks[0]!.params.map((param) => param.in)).toEqual(['form', 'form', 'form']);
    expect(exitCode).toBe(0);
  });

  it('reports error-response as a warning when the user cancels', async () => {
    const { file, drive } = await recordFlow('oidc/access-denied');
    expect(drive.steps).toEqual(['cancel']);
    const { exitCode, report } = analyzeJson(file, '--redirect-uri', app.redirectUri);
    expect(report.flows).toHaveLength(1);
    const [flow] = report.flows;
    expect(flow).toMatchObject({ outcome: 'denied', callbacks: [{ fields: { error: 'access_denied', iss: issuer } }] });
    expect(flow!.hops.map((hop) => new URL(hop.url).pathname)).toContainEqual(expect.stringMatching(/^\/interaction\/[\w-]+\/abort$/));
    expect(flow!.findings).toContainEqual(expect.objectContaining({ id: 'error-response', severity: 'warning' }));
    expect(flow!.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(exitCode).toBe(0);
  });
});

interface HarEntryLike {
  request: { url: string; queryString?: Array<{ name: string; value: string }> };
  response: { redirectURL?: string; headers: Array<{ name: string; value: string }> };
}

describe('unusable input', () => {
  it.each([
    [
      'a file that is not JSON',
      'not-json.har',
      /^consent-lens: .*not-json\.har: not JSON \(.*\): a HAR file is JSON, as saved by the browser's network panel\n$/,
    ],
    ['a missing file', 'missing.har', /^consent-lens: cannot read .*missing\.har: no such file\n$/],
  ])('%s exits 2 with one line and no stack trace', async (_name, name, message) => {
    const file = join(workDir, name);
    if (name === 'not-json.har') await writeFile(file, '<html>\n<body>Saved the page, not the HAR</body>\n</html>\n');
    const { exitCode, stdout, stderr } = consentLens('analyze', file);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
