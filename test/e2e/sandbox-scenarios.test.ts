// Every sandbox scenario, run in headless Chromium while recording a HAR, then analysed by the
// core with the settings the sandbox gives the extension: each must produce exactly the findings
// and outcome its table entry promises (the list the extension's e2e tests and the demo rely on).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisReport } from '../../src/core/index';
import { analyzeHar } from '../../src/sandbox/analyze-har';
import { driveConsent } from '../../src/sandbox/drive-consent';
import { chromiumArgs } from '../../src/sandbox/local-browsers';
import { PERSONALITIES } from '../../src/sandbox/personalities';
import { sandboxRedirectUris } from '../../src/sandbox/sandbox-settings';
import { buildScenarios, type Scenario } from '../../src/sandbox/scenarios';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox';
import { browserForSuite } from './support/browsers';

/** The table's ids, known before any server runs, so each scenario is a test of its own. */
const SCENARIO_IDS = buildScenarios('http://127.0.0.1:1/', sandboxRedirectUris(1)).map(({ id }) => id);

const chromiumPath = browserForSuite('chromium');

describe.skipIf(!chromiumPath)('sandbox scenarios recorded by Chromium', () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'consent-lens-sandbox-'));
    sandbox = await startSandbox();
    browser = await chromium.launch({ executablePath: chromiumPath!, headless: true, args: chromiumArgs(sandbox.hostMap) });
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  /** Runs the scenario in a fresh context as a user would, and analyses what the browser recorded. */
  async function runScenario(scenario: Scenario): Promise<{ report: AnalysisReport; verdict: string | null }> {
    const file = join(workDir, `${scenario.id.replace('/', '-')}.har`);
    const context = await browser.newContext({ recordHar: { path: file, content: 'omit' } });
    let verdict: string | null;
    try {
      const page = await context.newPage();
      await driveConsent(page, scenario.startUrl, { redirectUri: scenario.redirectUri, cancel: scenario.plan.userAction === 'cancel' });
      // The code-replay page loads itself once more: wait for the app's second arrival.
      const main = page.locator(`main[data-arrival="${scenario.plan.replay ? 2 : 1}"]`);
      verdict = await main.getAttribute('data-verdict', { timeout: 10_000 });
    } finally {
      await context.close(); // writes the HAR
    }
    const analysed = analyzeHar(await readFile(file, 'utf8'), sandbox.settingsForExtension);
    if (!analysed.ok) throw new Error(analysed.message);
    return { report: analysed.report, verdict };
  }

  it.each(SCENARIO_IDS)('%s gives its expected findings and outcome', async (id) => {
    const scenario = sandbox.scenarios.find((candidate) => candidate.id === id)!;
    const { report, verdict } = await runScenario(scenario);

    expect(report.flows).toHaveLength(1);
    const [flow] = report.flows;
    expect(flow!.profile).toMatchObject({ id: PERSONALITIES[scenario.personality].profile, chosenBy: 'registration' });
    expect(flow!.outcome).toBe(scenario.expectedOutcome);
    expect([...new Set(flow!.findings.map((finding) => finding.id))].sort()).toEqual(scenario.expectedFindings);
    expect(flow!.callbacks).toHaveLength(scenario.plan.replay ? 2 : 1);
    if (scenario.fault === 'clean') {
      expect(flow!.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
      // The code the browser carried is real: the app redeemed it.
      expect(verdict).toBe('connected');
    }
  });
});
