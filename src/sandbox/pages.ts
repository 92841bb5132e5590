// The demo app's HTML: the scenario list and the callback page. Plain server-rendered pages; the
// only script is the code-replay scenario's second visit.
import type { AuthorizationServer } from './authorization-server';
import { PERSONALITY_IDS, type PersonalityId } from './personalities';
import type { CallbackArrival, RelyingPartyOptions } from './relying-party';
import { redirectUriNote } from './sandbox-settings';
import type { Scenario } from './scenarios';

/** How long the code-replay scenario's callback page waits before loading itself again. */
export const REPLAY_DELAY_MS = 1000;

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1f24; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
code, pre, textarea { font: 13px/1.4 ui-monospace, monospace; }
table { border-collapse: collapse; } th, td { text-align: left; padding: .25rem .75rem .25rem 0; vertical-align: top; }
td code { word-break: break-all; }
.scenario { display: flex; gap: 1rem; align-items: baseline; margin: .4rem 0; }
.scenario a { flex: 0 0 17rem; padding: .35rem .7rem; border: 1px solid #0969da; border-radius: 6px; color: #0969da; text-decoration: none; }
.scenario a:hover { background: #ddf4ff; }
.muted { color: #57606a; } .ok { color: #1a7f37; } .bad { color: #cf222e; }
textarea { width: 100%; height: 14rem; }
`;

export function htmlPage(title: string, body: string, script = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}${script && `<script>${script}</script>`}</body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function findingsText(scenario: Scenario): string {
  return scenario.expectedFindings.length === 0 ? 'no findings' : scenario.expectedFindings.map((id) => `<code>${id}</code>`).join(', ');
}

function personalitySection(server: AuthorizationServer, scenarios: readonly Scenario[]): string {
  const { personality, issuer } = server;
  const rows = scenarios
    .filter((scenario) => scenario.personality === personality.id)
    .map(
      (scenario) => `
    <div class="scenario"><a href="${escapeHtml(scenario.startUrl)}" id="start-${scenario.personality}-${scenario.fault}">${escapeHtml(scenario.title)}</a>
    <span>${escapeHtml(scenario.explanation)} <span class="muted">Expect: ${findingsText(scenario)} (outcome ${scenario.expectedOutcome}).</span></span></div>`,
    );
  return `<h2>${escapeHtml(personality.name)}</h2>
    <p class="muted">Issuer <code>${escapeHtml(issuer)}</code>, client <code>${escapeHtml(personality.clientId)}</code>: ${escapeHtml(personality.summary)}.</p>
    ${rows.join('')}`;
}

export function demoPage({ servers, scenarios, redirectUris, settings }: RelyingPartyOptions): string {
  const registrations = redirectUris.map(
    (redirect) => `<tr><td><code>${escapeHtml(redirect.uri)}</code></td><td>${redirect.profile}</td><td>${escapeHtml(redirectUriNote(redirect))}</td></tr>`,
  );
  return htmlPage(
    'Consent Lens sandbox',
    `
    <h1>Consent Lens sandbox</h1>
    <p>Three local authorization servers (oidc-provider, with its real sign-in and consent pages) and this app, all on 127.0.0.1.
    Each button starts one consent flow; sign in with any name and password, then approve (or press [ Cancel ] where the scenario says so).
    Consent Lens should report what each line expects.</p>
    ${PERSONALITY_IDS.map((id: PersonalityId) => personalitySection(servers[id], scenarios)).join('')}
    <h2>Register the sandbox in Consent Lens</h2>
    <table><tr><th>redirect URI</th><th>profile</th><th></th></tr>${registrations.join('')}</table>
    <p>Import these settings in the extension's options page (also at <a href="/settings.json">/settings.json</a>):</p>
    <textarea readonly id="settings-json">${escapeHtml(JSON.stringify(settings, null, 2))}</textarea>`,
  );
}

function arrivalTitle(arrival: CallbackArrival): string {
  switch (arrival.verdict.kind) {
    case 'connected':
      return 'Connected';
    case 'revoked':
      return 'Access revoked';
    case 'error':
      return 'Authorization failed';
    case 'rejected':
      return 'Callback rejected';
  }
}

export function callbackPage(arrival: CallbackArrival, demoUrl: string): string {
  const { scenario, params, verdict } = arrival;
  const rows = Object.entries(params).map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td><code>${escapeHtml(value)}</code></td></tr>`);
  const stateNote =
    arrival.sentState === undefined
      ? ''
      : `<p>The app sent <code>state=${escapeHtml(arrival.sentState)}</code>${params.state === arrival.sentState ? ', the same as arrived.' : ', not what arrived.'}</p>`;
  // Only a redeemed code is worth replaying: that is what a reload or the back button resends.
  const replayable = verdict.kind === 'connected' && arrival.method === 'GET';
  const autoReplay = replayable && scenario?.plan.replay === true;
  const actions = [
    replayable && `<a href="${escapeHtml(arrival.url)}" id="replay">Replay this callback</a> (sends the same code again)`,
    scenario && `<a href="${escapeHtml(scenario.startUrl)}">Run this scenario again</a>`,
    `<a href="${escapeHtml(demoUrl)}">All scenarios</a>`,
  ].filter(Boolean);
  return htmlPage(
    arrivalTitle(arrival),
    `
    <main data-arrival="${arrival.arrival}" data-verdict="${verdict.kind}">
    <h1 class="${verdict.kind === 'connected' || verdict.kind === 'revoked' ? 'ok' : 'bad'}">${arrivalTitle(arrival)}</h1>
    <p>${escapeHtml(verdict.message)}</p>
    ${scenario ? `<p class="muted">Scenario <code>${scenario.id}</code>: ${escapeHtml(scenario.title)}. Consent Lens should report ${findingsText(scenario)}.</p>` : ''}
    <h2>What the app received (${escapeHtml(arrival.method)}${arrival.arrival > 1 ? `, arrival ${arrival.arrival}` : ''})</h2>
    <table id="callback-params">${rows.join('')}</table>
    ${stateNote}
    ${autoReplay ? `<p id="replay-notice">This scenario loads this callback URL again in ${REPLAY_DELAY_MS / 1000} s, as a reload or the back button would.</p>` : ''}
    <p>${actions.join(' · ')}</p>
    </main>`,
    autoReplay ? `setTimeout(() => location.replace(location.href), ${REPLAY_DELAY_MS});` : '',
  );
}

export function notFoundPage(demoUrl: string, message: string): string {
  return htmlPage('Not found', `<h1>Not found</h1><p>${escapeHtml(message)}</p><p><a href="${escapeHtml(demoUrl)}">All scenarios</a></p>`);
}
