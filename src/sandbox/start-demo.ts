// `npm start`: the consent sandbox on its usual ports, and, where there is a display, Chromium
// with the built extension open on the demo page. Without a display it prints how to load the
// extension by hand. Serves until Ctrl-C (or until the demo Chromium is closed).
//
//   tsx src/sandbox/start-demo.ts [--port=N] [--check]
//
// --check (or SANDBOX_SMOKE=1): run one clean flow in headless Chromium, print the result, exit
// 0 when it passed and 1 when it did not.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeSandbox, manualInstructions } from './demo-text';
import { watchedOrigins } from '../core/settings/watched-origins';
import { isBuiltExtension, launchDemoChromium, seedExtensionSettings, type DemoBrowser } from './demo-browser';
import { BROWSERS, locateBrowser } from './local-browsers';
import { PERSONALITY_IDS } from './personalities';
import { runSmokeCheck } from './smoke-check';
import { startSandbox, type Sandbox } from './start-sandbox';

/** The demo app's usual port; the authorization servers take the next ports, one per personality. */
export const DEFAULT_DEMO_PORT = 47100;

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = { chrome: join(REPO_ROOT, 'dist/chrome'), firefox: join(REPO_ROOT, 'dist/firefox') };
const USAGE = 'usage: tsx src/sandbox/start-demo.ts [--port=N] [--check]';

interface DemoArgs {
  port: number;
  check: boolean;
}

function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): DemoArgs | string {
  const args: DemoArgs = { port: DEFAULT_DEMO_PORT, check: env.SANDBOX_SMOKE === '1' };
  for (const arg of argv) {
    const port = /^--port=(\d+)$/.exec(arg)?.[1];
    if (arg === '--check') args.check = true;
    else if (port !== undefined && Number(port) > 0 && Number(port) <= 65532) args.port = Number(port);
    else return `unknown or invalid option ${arg}\n${USAGE}`;
  }
  return args;
}

function portWarning(sandbox: Sandbox, requested: number): string | undefined {
  const wanted = [requested, ...PERSONALITY_IDS.map((_, index) => requested + 1 + index)];
  const got = [sandbox.ports.demo, ...PERSONALITY_IDS.map((id) => sandbox.ports[id])];
  const moved = wanted.filter((port, index) => port !== got[index]);
  if (moved.length === 0) return undefined;
  return `note: port${moved.length > 1 ? 's' : ''} ${moved.join(', ')} ${moved.length > 1 ? 'were' : 'was'} taken, so free ones are used: register the redirect URIs above again (or stop what holds the port${moved.length > 1 ? 's' : ''}).`;
}

async function runCheck(): Promise<number> {
  const executablePath = locateBrowser('chromium');
  if (!executablePath) {
    console.error(`check: chromium not found (set ${BROWSERS.chromium.envVar} or apt-get install ${BROWSERS.chromium.aptPackage})`);
    return 1;
  }
  // Free ports: a check must not clash with a demo already running.
  const sandbox = await startSandbox();
  try {
    console.log(`check: sandbox at ${sandbox.demoUrl}`);
    const { ok, lines } = await runSmokeCheck(sandbox, { executablePath, extensionDir: DIST.chrome });
    for (const line of lines) console.log(`check: ${line}`);
    return ok ? 0 : 1;
  } finally {
    await sandbox.close();
  }
}

/** Why no browser can be opened for the user, or undefined when one can. */
function noBrowserReason(executablePath: string | undefined): string | undefined {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'No display ($DISPLAY and $WAYLAND_DISPLAY are unset), so no browser is opened.';
  if (!executablePath) return `Chromium not found (set ${BROWSERS.chromium.envVar}), so no browser is opened.`;
  if (!isBuiltExtension(DIST.chrome)) return `${DIST.chrome} is not built (npm run build), so no browser is opened.`;
  return undefined;
}

async function openDemoBrowser(sandbox: Sandbox, executablePath: string): Promise<DemoBrowser> {
  // The demo profile starts with access to the sandbox's origins: what a user grants in the options page.
  const hostAccess = watchedOrigins(sandbox.settingsForExtension);
  const browser = await launchDemoChromium({ executablePath, headless: false, hostMap: sandbox.hostMap, extensionDir: DIST.chrome, hostAccess });
  const saved = await seedExtensionSettings(browser, sandbox.settingsForExtension);
  console.log(
    saved.ok
      ? "The sandbox settings are saved in the demo browser's Consent Lens."
      : `Could not save the sandbox settings in the extension (${saved.error}): import them in its options page.`,
  );
  const [page] = browser.context.pages();
  await (page ?? (await browser.context.newPage())).goto(sandbox.demoUrl);
  return browser;
}

async function serve(args: DemoArgs): Promise<void> {
  const sandbox = await startSandbox({ port: args.port });
  let browser: DemoBrowser | undefined;
  let closing: Promise<void> | undefined;
  const shutdown = (why: string) =>
    (closing ??= (async () => {
      console.log(`\n${why}: stopping the sandbox.`);
      await browser?.close().catch(() => {});
      await sandbox.close();
      process.exit(0);
    })());
  process.once('SIGINT', () => void shutdown('Interrupted'));
  process.once('SIGTERM', () => void shutdown('Terminated'));

  console.log('(The oidc-provider warnings above are expected: the sandbox keeps its data in memory and uses its development sign-in pages.)\n');
  console.log(describeSandbox(sandbox));
  const warning = portWarning(sandbox, args.port);
  if (warning) console.log(`${warning}\n`);

  const executablePath = locateBrowser('chromium');
  const reason = noBrowserReason(executablePath);
  if (reason === undefined) {
    try {
      browser = await openDemoBrowser(sandbox, executablePath!);
      browser.context.on('close', () => void shutdown('Chromium was closed'));
      console.log(`Chromium is open on ${sandbox.demoUrl} with Consent Lens loaded (extension ${browser.extensionId}).`);
    } catch (error) {
      console.log(
        manualInstructions(sandbox, DIST, `Chromium could not be opened (${(error instanceof Error ? error.message : String(error)).split('\n')[0]}).`),
      );
    }
  } else {
    console.log(manualInstructions(sandbox, DIST, reason));
  }
  console.log('Serving until Ctrl-C.');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), process.env);
  if (typeof args === 'string') {
    console.error(args);
    process.exitCode = 2;
    return;
  }
  if (args.check) {
    process.exitCode = await runCheck();
    return;
  }
  await serve(args);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
