// `npm run record-sample`: records test/fixtures/har/sample-consent-flows.har, the HAR the README's
// CLI example analyses. Three real flows through the consent sandbox's generic OpenID Connect
// personality in one browser context (prompt=consent, so the consent page shows every time): a
// clean one, one back to an http redirect URI on a name that is not loopback, and one the user
// cancels (access_denied).
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { driveConsent } from '../../../src/sandbox/drive-consent';
import type { ScenarioId } from '../../../src/sandbox/scenarios';
import { startSandbox } from '../../../src/sandbox/start-sandbox';
import { REPO_ROOT } from './browsers';
import { recordHar } from './record-har';

export const SAMPLE_HAR = join(REPO_ROOT, 'test/fixtures/har/sample-consent-flows.har');
const RECORDED: ScenarioId[] = ['oidc/clean', 'oidc/http-redirect', 'oidc/access-denied'];

async function main(): Promise<void> {
  const started = Date.now();
  const sandbox = await startSandbox();
  try {
    await mkdir(dirname(SAMPLE_HAR), { recursive: true });
    await recordHar(
      SAMPLE_HAR,
      async (context) => {
        const page = await context.newPage();
        for (const id of RECORDED) {
          const { startUrl, redirectUri, plan } = sandbox.scenarios.find((scenario) => scenario.id === id)!;
          const { steps } = await driveConsent(page, startUrl, { redirectUri, cancel: plan.userAction === 'cancel' });
          console.log(`recorded ${id}: ${steps.join(' -> ')} -> callback`);
        }
      },
      { hostMap: sandbox.hostMap },
    );
  } finally {
    await sandbox.close();
  }
  const { size } = await stat(SAMPLE_HAR);
  console.log(`wrote ${relative(REPO_ROOT, SAMPLE_HAR)} (${Math.round(size / 1024)} kB) in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
