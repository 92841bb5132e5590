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
import { runScenario as runInPage } from '../../src/sandbox/drive-consent';
import { chromiumArgs } from '../../src/sandbox/local-browsers';
import { PERSONALITIES } from '../../src/sandbox/personalities';
import { sandboxRedirectUris } from '../../src/sandbox/sandbox-settings';
import { buildScenarios, expectedFlows, type Scenario } from '../../src/sandbox/scenarios';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox';
import { browserForSuite } from './support/browsers';
import { scenarioFlows } from './support/scenario-flows';

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
      verdict = await runInPage(await context.newPage(), scenario);
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

    // A HAR does not say which page opened another: there a popup's flow is a tab's.
    const expected = expectedFlows(scenario).map((flow) => (flow.place === 'popup' ? { ...flow, place: 'tab' } : flow));
    expect(scenarioFlows(report.flows)).toEqual(expected);
    for (const flow of report.flows) expect(flow.profile).toMatchObject({ id: PERSONALITIES[scenario.personality].profile, chosenBy: 'registration' });
    // Each flow got its own callback: a pair's second is not the first's "callback again".
    expect(report.flows.map((flow) => flow.callbacks.length)).toEqual(report.flows.map((_, index) => (index === 0 && scenario.plan.replay ? 2 : 1)));
    // Where every flow succeeds, the codes the browser carried were real: the app redeemed them.
    // The page's own token requests are in the HAR too, each tied to its flow.
    const inBrowser = PERSONALITIES[scenario.personality].exchangesInBrowser === true;
    expect(report.flows[0]!.exchanges).toHaveLength(inBrowser ? scenario.plan.browserExchange.times : 0);
    const refused = expected.some((flow) => flow.findings.includes('token-error'));
    if (!scenario.plan.replay && !refused && expected.every((flow) => flow.outcome === 'success')) expect(verdict).toBe('connected');
  });
});
