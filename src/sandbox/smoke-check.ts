// `npm start -- --check`: one clean flow in headless Chromium (with the built extension loaded,
// when there is one), recorded as a HAR and analysed by the core. Passes when the app redeemed
// the code and Consent Lens reports the scenario's expected outcome and findings; what the
// extension itself recorded is printed alongside.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowReport } from '../core/index';
import { analyzeHar } from './analyze-har';
import { watchedOrigins } from '../core/settings/watched-origins';
import { isBuiltExtension, launchDemoChromium, seedExtensionSettings } from './demo-browser';
import { driveConsent } from './drive-consent';
import type { ScenarioId } from './scenarios';
import type { Sandbox } from './start-sandbox';

export const SMOKE_SCENARIO: ScenarioId = 'oidc/clean';

export interface SmokeResult {
  ok: boolean;
  lines: string[];
}

function describeFlow(flow: FlowReport): string {
  const ids = flow.findings.map((finding) => `${finding.id} (${finding.severity})`);
  return `outcome ${flow.outcome}, profile ${flow.profile.id}, ${ids.length === 0 ? 'no findings' : `findings ${ids.join(', ')}`}`;
}

export async function runSmokeCheck(sandbox: Sandbox, options: { executablePath: string; extensionDir: string }): Promise<SmokeResult> {
  const scenario = sandbox.scenarios.find(({ id }) => id === SMOKE_SCENARIO)!;
  const lines: string[] = [];
  const workDir = await mkdtemp(join(tmpdir(), 'consent-lens-check-'));
  const harPath = join(workDir, 'check.har');
  try {
    const withExtension = isBuiltExtension(options.extensionDir);
    const browser = await launchDemoChromium({
      executablePath: options.executablePath,
      headless: true,
      hostMap: sandbox.hostMap,
      ...(withExtension && { extensionDir: options.extensionDir, hostAccess: watchedOrigins(sandbox.settingsForExtension) }),
      recordHar: { path: harPath, content: 'omit' },
    });
    let verdict: string | null;
    try {
      if (browser.extensionId) {
        const saved = await seedExtensionSettings(browser, sandbox.settingsForExtension);
        lines.push(`extension ${browser.extensionId} loaded; saving the sandbox settings: ${saved.ok ? 'done' : `failed (${saved.error})`}`);
      } else {
        lines.push(`extension not loaded: ${options.extensionDir} is not built (npm run build)`);
      }
      const page = await browser.context.newPage();
      const { steps } = await driveConsent(page, scenario.startUrl, { redirectUri: scenario.redirectUri });
      verdict = await page.locator('main[data-verdict]').getAttribute('data-verdict');
      lines.push(`${scenario.id}: ${steps.join(' -> ')} -> callback; the app says: ${verdict}`);
      if (browser.extensionId) {
        const flows = await browser.request('getFlows', {});
        lines.push(
          flows.ok
            ? `the extension recorded ${flows.value.report.flows.length} flow(s)${flows.value.report.flows.map((flow) => `; ${describeFlow(flow)}`).join('')}`
            : `the extension did not answer getFlows (${flows.error})`,
        );
      }
    } finally {
      await browser.close(); // writes the HAR
    }

    const analysed = analyzeHar(await readFile(harPath, 'utf8'), sandbox.settingsForExtension);
    if (!analysed.ok) return { ok: false, lines: [...lines, `the recorded HAR cannot be read: ${analysed.message}`] };
    const { flows } = analysed.report;
    const [flow] = flows;
    lines.push(`Consent Lens on the recorded HAR: ${flows.length} flow(s)${flow ? `; ${describeFlow(flow)}` : ''}`);
    const findings = flow ? [...new Set(flow.findings.map(({ id }) => id))].sort() : [];
    const ok =
      verdict === 'connected' &&
      flows.length === 1 &&
      flow!.outcome === scenario.expectedOutcome &&
      JSON.stringify(findings) === JSON.stringify(scenario.expectedFindings);
    lines.push(
      ok
        ? 'check passed'
        : `check FAILED: expected the app to connect and one ${scenario.expectedOutcome} flow with ${scenario.expectedFindings.join(', ') || 'no findings'}`,
    );
    return { ok, lines };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
