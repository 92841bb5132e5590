// `npm run record-sample`: records test/fixtures/har/sample-consent-flows.har, the HAR that
// `npm start` analyses. Three real flows through the consent sandbox in one browser context
// (prompt=consent, so the consent page shows every time): a clean one, one back to an http
// redirect URI on a name that is not loopback, and one the user cancels (access_denied).
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { REPO_ROOT } from './browsers';
import { sandboxHostMap, startConsentSandbox } from './consent-sandbox';
import { driveConsent } from './drive-consent';
import { recordHar } from './record-har';

export const SAMPLE_HAR = join(REPO_ROOT, 'test/fixtures/har/sample-consent-flows.har');

async function main(): Promise<void> {
  const started = Date.now();
  const sandbox = await startConsentSandbox({
    clients: [
      { clientId: 'budget-app', prompt: 'consent' },
      { clientId: 'legacy-app', prompt: 'consent', redirectHost: 'client.example.test' },
    ],
  });
  try {
    await mkdir(dirname(SAMPLE_HAR), { recursive: true });
    const app = sandbox.clients['budget-app']!;
    const legacy = sandbox.clients['legacy-app']!;
    await recordHar(SAMPLE_HAR, async (context) => {
      const page = await context.newPage();
      for (const [client, cancel] of [[app, false], [legacy, false], [app, true]] as const) {
        const { steps } = await driveConsent(page, client.loginUrl, { redirectUri: client.redirectUri, cancel });
        console.log(`recorded ${client.clientId}: ${steps.join(' -> ')} -> callback`);
      }
    }, { hostMap: sandboxHostMap(sandbox) });
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
