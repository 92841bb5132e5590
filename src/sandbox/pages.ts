// The demo app's HTML: the scenario list, the callback page and the two pages a client's script
// drives (the fragment reader, the popup opener). Plain server-rendered pages; the scripts do only
// what a client app's would: read a fragment, open a popup, sign in again, renew in an iframe.
import type { Settings } from '../core/index';
import type { AuthorizationServer } from './authorization-server';
import type { BrowserExchange, CallbackArrival, Verdict } from './callback-arrival';
import { escapeHtml, htmlPage } from './html-page';
import { PERSONALITY_IDS, type PersonalityId } from './personalities';
import { redirectUriNote, type SandboxRedirectUri } from './sandbox-settings';
import type { Scenario } from './scenarios';

/** What the demo page lists. */
export interface DemoPageInput {
  servers: Readonly<Record<PersonalityId, AuthorizationServer>>;
  scenarios: readonly Scenario[];
  redirectUris: readonly SandboxRedirectUri[];
  settings: Settings;
}

/** How long the code-replay scenario's callback page waits before loading itself again. */
export const REPLAY_DELAY_MS = 1000;

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

export function demoPage({ servers, scenarios, redirectUris, settings }: DemoPageInput): string {
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

/** What the page does once shown: the scenario's next step in the browser, or the mark that it is done. */
export interface AfterCallback {
  /** Load the callback URL again after this many milliseconds (the code-replay scenario). */
  replayInMs?: number;
  /** Start the scenario's second round: in this tab, or in a hidden iframe. */
  next?: { how: 'navigate' | 'iframe'; url: string };
  /** The verdict, set as `data-scenario-done` on the page the scenario started in (the opener of a popup, the parent of an iframe). */
  done?: Verdict['kind'];
  /** The code exchange the page makes itself before it is done; its verdict is then the first answer's. */
  exchange?: BrowserExchange;
}

/** The callback page's parts: served as HTML, or as JSON to the fragment reader's script. */
export interface CallbackView {
  title: string;
  main: string;
  after: AfterCallback;
}

export function callbackView(arrival: CallbackArrival, demoUrl: string): CallbackView {
  const { scenario, params, verdict } = arrival;
  const rows = Object.entries(params).map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td><code>${escapeHtml(value)}</code></td></tr>`);
  const stateNote =
    arrival.sentState === undefined
      ? ''
      : `<p>The app sent <code>state=${escapeHtml(arrival.sentState)}</code>${params.state === arrival.sentState ? ', the same as arrived.' : ', not what arrived.'}</p>`;
  // Only a redeemed code is worth replaying: that is what a reload or the back button resends.
  const replayable = verdict.kind === 'connected' && arrival.carriedIn === 'query';
  const after = afterCallback(arrival);
  const actions = [
    replayable && `<a href="${escapeHtml(arrival.url)}" id="replay">Replay this callback</a> (sends the same code again)`,
    scenario && `<a href="${escapeHtml(scenario.startUrl)}">Run this scenario again</a>`,
    `<a href="${escapeHtml(demoUrl)}">All scenarios</a>`,
  ].filter(Boolean);
  const carried = arrival.carriedIn === 'query' ? arrival.method : `${arrival.method}, in the ${arrival.carriedIn}`;
  const next =
    after.replayInMs !== undefined
      ? `This scenario loads this callback URL again in ${after.replayInMs / 1000} s, as a reload or the back button would.`
      : after.next?.how === 'navigate'
        ? 'This scenario signs in again in this tab, as a user retrying would.'
        : after.next?.how === 'iframe'
          ? 'This scenario now renews in a hidden iframe with prompt=none, as an SPA does before its tokens expire.'
          : '';
  return {
    title: arrivalTitle(arrival),
    main: `
    <main data-arrival="${arrival.arrival}" data-round="${arrival.round}" data-verdict="${verdict.kind}">
    <h1 class="${verdict.kind === 'connected' || verdict.kind === 'revoked' ? 'ok' : 'bad'}">${arrivalTitle(arrival)}</h1>
    <p>${escapeHtml(verdict.message)}</p>
    ${scenario ? `<p class="muted">Scenario <code>${scenario.id}</code>: ${escapeHtml(scenario.title)}. Consent Lens should report ${findingsText(scenario)}.</p>` : ''}
    <h2>What the app received (${escapeHtml(carried)}${arrival.arrival > 1 ? `, arrival ${arrival.arrival}` : ''}${arrival.round > 1 ? `, round ${arrival.round}` : ''})</h2>
    <table id="callback-params">${rows.join('')}</table>
    ${stateNote}
    ${next && `<p id="next-step">${next}</p>`}
    <p>${actions.join(' · ')}</p>
    </main>`,
    after,
  };
}

function afterCallback({ scenario, verdict, arrival, round, carriedIn, browserExchange }: CallbackArrival): AfterCallback {
  if (browserExchange) return { exchange: browserExchange };
  const connected = verdict.kind === 'connected';
  if (connected && carriedIn === 'query' && scenario?.plan.replay && arrival === 1) return { replayInMs: REPLAY_DELAY_MS };
  const afterwards = scenario?.plan.afterwards;
  if (connected && afterwards !== undefined && round === 1) {
    const url = `${scenario!.startUrl}?round=2`;
    return { next: { how: afterwards === 'again' ? 'navigate' : 'iframe', url } };
  }
  return { done: verdict.kind };
}

/** Runs in the page: does what `after` says. Plain source text, the same in every page that needs it. */
const AFTER_CALLBACK_SCRIPT = `function afterCallback(after) {
  if (after.replayInMs !== undefined) setTimeout(() => location.replace(location.href), after.replayInMs);
  if (after.next && after.next.how === 'navigate') setTimeout(() => location.assign(after.next.url), 300);
  if (after.next && after.next.how === 'iframe') {
    const frame = document.createElement('iframe');
    frame.hidden = true;
    frame.title = 'silent renewal';
    frame.src = after.next.url;
    document.body.append(frame);
  }
  if (after.exchange) exchangeCode(after.exchange).then((done) => finish(done));
  if (after.done !== undefined) finish(after.done);
}
function finish(done) {
  const start = window.opener || window.parent;
  start.document.documentElement.dataset.scenarioDone = done;
  if (window.opener) setTimeout(() => window.close(), 300);
}
/** What a single-page app does with its code: post it to the token endpoint, from the page. */
async function exchangeCode({ tokenEndpoint, delayMs, forms }) {
  const shown = document.createElement('ol');
  shown.id = 'token-requests';
  document.querySelector('main').append(shown);
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  const answers = [];
  for (const form of forms) {
    const line = document.createElement('li');
    try {
      const response = await fetch(tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
      const body = await response.json().catch(() => ({}));
      answers.push(response.ok && typeof body.access_token === 'string');
      line.textContent = response.ok ? 'Token request: ' + response.status + ', tokens received.' : 'Token request: ' + response.status + ' ' + (body.error || '') + (body.error_description ? ' (' + body.error_description + ')' : '');
    } catch (error) {
      answers.push(false);
      line.textContent = 'Token request failed: ' + error;
    }
    shown.append(line);
  }
  return answers[0] ? 'connected' : 'error';
}`;

export function callbackPage({ title, main, after }: CallbackView): string {
  return htmlPage(title, main, `${AFTER_CALLBACK_SCRIPT}\nafterCallback(${JSON.stringify(after)});`);
}

/**
 * The page at the bare redirect URI, as a single-page app serves it: its script reads the
 * parameters from the fragment and posts them to the app (a fetch, which is no navigation).
 */
export function fragmentReaderPage(header: string): string {
  const script = `${AFTER_CALLBACK_SCRIPT}
fetch(location.pathname, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ${JSON.stringify(header)}: 'fragment' },
  body: location.hash.slice(1),
})
  .then((response) => response.json())
  .then((view) => {
    document.title = view.title;
    document.body.innerHTML = view.main;
    afterCallback(view.after);
  });`;
  return htmlPage('Signing in…', '<p id="reading-fragment">Reading the response from the fragment…</p>', script);
}

/** The app's page for the popup-login scenario: a button opens the sign-in in a popup window. */
export function popupOpenerPage(scenario: Scenario): string {
  const url = `${scenario.startUrl}?in-popup`;
  return htmlPage(
    scenario.title,
    `<main><h1>${escapeHtml(scenario.title)}</h1><p>${escapeHtml(scenario.explanation)}</p>
    <button id="sign-in-popup" type="button">Sign in (opens a popup)</button></main>`,
    `document.getElementById('sign-in-popup').addEventListener('click', () => window.open(${JSON.stringify(url)}, 'consent-lens-sandbox-login', 'popup,width=520,height=640'));`,
  );
}

export function notFoundPage(demoUrl: string, message: string): string {
  return htmlPage('Not found', `<h1>Not found</h1><p>${escapeHtml(message)}</p><p><a href="${escapeHtml(demoUrl)}">All scenarios</a></p>`);
}
