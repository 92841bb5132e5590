// What the demo launcher prints: where the sandbox runs, what to register in Consent Lens, and
// how to load the extension by hand when no browser can be opened for the user.
import { NON_LOOPBACK_HOST, PERSONALITIES, PERSONALITY_IDS } from './personalities';
import { redirectUriNote } from './sandbox-settings';
import type { Sandbox } from './start-sandbox';

type SandboxFacts = Pick<Sandbox, 'demoUrl' | 'issuers' | 'redirectUris' | 'settingsForExtension' | 'ports'>;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')}`.trimEnd());
}

export function describeSandbox(sandbox: SandboxFacts): string {
  const servers = table([
    ['Demo app', sandbox.demoUrl, ''],
    ...PERSONALITY_IDS.map((id) => [PERSONALITIES[id].name, sandbox.issuers[id], `codes live ${PERSONALITIES[id].codeTtlSeconds} s`]),
  ]);
  const redirects = table(sandbox.redirectUris.map((redirect) => [redirect.uri, redirect.profile, redirectUriNote(redirect)]));
  return [
    'Consent Lens sandbox, on 127.0.0.1 only:',
    ...servers,
    '',
    'Redirect URIs to register in Consent Lens:',
    ...redirects,
    '',
    `Settings to import in the extension's options page (also at ${sandbox.demoUrl}settings.json):`,
    JSON.stringify(sandbox.settingsForExtension),
    '',
  ].join('\n');
}

export function manualInstructions(sandbox: SandboxFacts, dist: { chrome: string; firefox: string }, why: string): string {
  const ports = [sandbox.ports.demo, ...PERSONALITY_IDS.map((id) => sandbox.ports[id])];
  return [
    `${why} Load the extension by hand in a browser on this machine:`,
    `  Chromium  chrome://extensions -> Developer mode -> Load unpacked -> ${dist.chrome}`,
    `  Firefox   about:debugging#/runtime/this-firefox -> Load Temporary Add-on... -> ${dist.firefox}/manifest.json`,
    `Then open ${sandbox.demoUrl} and import the settings above in the extension's options page.`,
    `The http-redirect scenarios need ${NON_LOOPBACK_HOST} to resolve to 127.0.0.1: start Chromium with`,
    `  --host-resolver-rules="MAP ${NON_LOOPBACK_HOST} 127.0.0.1", or add "127.0.0.1 ${NON_LOOPBACK_HOST}" to /etc/hosts.`,
    `From another machine, forward the ports first: ssh ${ports.map((port) => `-L ${port}:127.0.0.1:${port}`).join(' ')} <this host>`,
    '',
  ].join('\n');
}
