// Reads the popup the way a user sees it, from its DOM, in Chromium (playwright) and Firefox
// (puppeteer) alike, and talks to the worker through the extension's own protocol. Only string
// expressions cross into the page, so one helper serves both automation libraries.
import { expect } from 'vitest';
import { CHANNEL, responseEnvelopeSchema, type MessageType, type RequestOf, type ResponseOf } from '../../../src/core/protocol/protocol';

/** Just enough of a playwright or puppeteer page showing an extension page. */
export interface ScriptablePage {
  evaluate(expression: string): Promise<unknown>;
  click(selector: string): Promise<unknown>;
}

/** One row of the flow list. */
export interface FlowRowView {
  id: string;
  outcome: string;
  provider: string;
  clientId: string;
  /** "host:port/path" of the redirect URI, as the row shows it. */
  redirect: string;
  /** The severity counts the row shows, e.g. { error: 1 }. */
  counts: Record<string, number>;
  /** Where the flow ran, from the row's label: tab (no label), iframe or popup. */
  place: string;
}

export interface CountdownView {
  state: 'running' | 'expired' | 'exchanged';
  expiresAt: number;
  /** The clock as shown ("09:58"), absent once expired. */
  clock?: string;
  /** The clock in seconds. */
  secondsLeft?: number;
  /** The page's own Date.now() when it was read. */
  readAt: number;
}

/** The open flow detail: summary, every step's decoded parameters, findings and countdown. */
export interface FlowDetailView {
  outcome: string;
  /** The heading's provider name, without the "chosen by" note. */
  provider: string;
  clientId: string;
  redirectUri: string;
  /** Step kinds in timeline order: request, hop, callback. */
  steps: string[];
  /** The authorization request's parameters, name to shown value. */
  request: Record<string, string>;
  /** Each callback's parameters; secrets show as "•••••••• N chars hidden". */
  callbacks: Array<Record<string, string>>;
  findings: Array<{ id: string; severity: string }>;
  countdown?: CountdownView;
}

/** Runs `fn(arg)` in the page. `fn` must be self-contained: it is sent as source text. */
async function run<T>(page: ScriptablePage, fn: (arg: never) => unknown, arg?: unknown): Promise<T> {
  return (await page.evaluate(`(${fn.toString()})(${JSON.stringify(arg ?? null)})`)) as T;
}

export function readFlowRows(page: ScriptablePage): Promise<FlowRowView[]> {
  return run(page, () =>
    [...document.querySelectorAll<HTMLElement>('button[data-flow-id]')].map((row) => ({
      id: row.dataset.flowId ?? '',
      outcome: row.querySelector<HTMLElement>('[data-outcome]')?.dataset.outcome ?? '',
      provider: row.querySelector('.provider')?.textContent?.trim() ?? '',
      clientId: row.querySelector('.client-id')?.textContent?.trim() ?? '',
      redirect: row.querySelector('.redirect')?.textContent?.trim() ?? '',
      counts: Object.fromEntries(
        [...row.querySelectorAll('.count')].flatMap((count) => {
          const severity = /count-(error|warning|info)/.exec(count.className)?.[1];
          return severity ? [[severity, Number(count.textContent?.replace(/\D+/g, ''))]] : [];
        }),
      ),
      place: row.querySelector<HTMLElement>('[data-context]')?.dataset.context ?? 'tab',
    })),
  );
}

/** The open flow's detail, or undefined while the list (or nothing) is shown. */
export function readFlowDetail(page: ScriptablePage): Promise<FlowDetailView | undefined> {
  return run(page, () => {
    const detail = document.querySelector('.flow-detail');
    if (!detail) return undefined;
    const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const params = (list: Element | null) =>
      Object.fromEntries(
        [...(list?.querySelectorAll<HTMLElement>(':scope > [data-param]') ?? [])].map((param) => [param.dataset.param, text(param.querySelector('dd .value'))]),
      );
    const summary = [...detail.querySelectorAll('.params.summary .param')];
    const summaryValue = (name: string) => text(summary.find((param) => text(param.querySelector('dt')) === name)?.querySelector('dd .value, dd em'));
    const countdown = detail.querySelector<HTMLElement>('[data-countdown]');
    const clock = countdown?.querySelector('.countdown-clock');
    const clockText = clock ? text(clock) : undefined;
    const heading = detail.querySelector('.detail-title');
    return {
      outcome: heading?.querySelector<HTMLElement>('[data-outcome]')?.dataset.outcome ?? '',
      provider: [...(heading?.childNodes ?? [])]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent)
        .join('')
        .trim(),
      clientId: summaryValue('client_id'),
      redirectUri: summaryValue('redirect_uri'),
      steps: [...detail.querySelectorAll<HTMLElement>('.timeline > [data-step]')].map((step) => step.dataset.step ?? ''),
      request: params(detail.querySelector('[data-step="request"] .params')),
      callbacks: [...detail.querySelectorAll('[data-step="callback"]')].map((step) => params(step.querySelector('.params'))),
      findings: [...detail.querySelectorAll<HTMLElement>('li.finding[data-finding]')].map((finding) => ({
        id: finding.dataset.finding ?? '',
        severity: /severity-(\w+)/.exec(finding.className)?.[1] ?? '',
      })),
      ...(countdown && {
        countdown: {
          state: countdown.dataset.countdown,
          expiresAt: Number(countdown.dataset.expiresAt),
          ...(clockText !== undefined && {
            clock: clockText,
            secondsLeft: clockText.split(':').reduce((total, part) => total * 60 + Number(part), 0),
          }),
          readAt: Date.now(),
        },
      }),
    };
  });
}

/** Whether an element matching `selector` is in the page. */
export function hasElement(page: ScriptablePage, selector: string): Promise<boolean> {
  return run(page, (css: string) => document.querySelector(css) !== null, selector);
}

/** Opens a flow's detail from the list, as a click on its row does. */
export async function openFlow(page: ScriptablePage, flowId: string): Promise<void> {
  await page.click(`button[data-flow-id="${flowId}"]`);
}

/** How long a test waits for the popup to catch up with the worker. */
export const POPUP_WAIT = { timeout: 10_000, interval: 100 };

/** Waits for the popup to list exactly one flow, with this outcome, and opens it. */
export async function openOnlyFlow(popup: ScriptablePage & { bringToFront(): Promise<unknown> }, outcome: string): Promise<FlowDetailView> {
  await expect.poll(() => readFlowRows(popup), POPUP_WAIT).toEqual([expect.objectContaining({ outcome })]);
  const [row] = await readFlowRows(popup);
  // A background tab's animation frames are throttled, which slows every click there.
  await popup.bringToFront();
  await openFlow(popup, row!.id);
  await expect.poll(() => readFlowDetail(popup), POPUP_WAIT).toMatchObject({ outcome });
  return (await readFlowDetail(popup))!;
}

/** The countdown moves with the real clock: the same expiry, fewer seconds left a moment later. */
export async function expectCountdownTicking(popup: ScriptablePage, first: CountdownView | undefined, lifetimeSeconds: number): Promise<void> {
  expectFreshCountdown(first, lifetimeSeconds);
  await new Promise((resolve) => setTimeout(resolve, 1200)); // the clock must visibly move
  const second = (await readFlowDetail(popup))?.countdown;
  expectFreshCountdown(second, lifetimeSeconds);
  expect(second.expiresAt).toBe(first.expiresAt);
  expect(second.secondsLeft).toBeLessThan(first.secondsLeft);
}

/** Sends one protocol request as the extension's pages do, and checks the answer against the protocol. */
export async function askWorker<K extends MessageType>(page: ScriptablePage, type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const message = { channel: CHANNEL, type, payload };
  // As JSON text: WebDriver BiDi sends an object met twice (a profile's values shared by two
  // flows) as a reference that puppeteer does not resolve, so it would arrive as undefined.
  const answer = await page.evaluate(`(globalThis.browser ?? globalThis.chrome).runtime.sendMessage(${JSON.stringify(message)}).then(JSON.stringify)`);
  const parsed = responseEnvelopeSchema(type).parse(JSON.parse(String(answer)));
  if (!parsed.ok) throw new Error(`${type} failed: ${parsed.error}`);
  return parsed.value as ResponseOf<K>;
}

/**
 * A running countdown in the first minute of a code's lifetime (as the popup shows it right after
 * the callback), whose clock agrees with its expiry time.
 */
export function expectFreshCountdown(countdown: CountdownView | undefined, lifetimeSeconds: number): asserts countdown is Required<CountdownView> {
  expect(countdown?.state).toBe('running');
  expect(countdown?.secondsLeft).toBeLessThanOrEqual(lifetimeSeconds);
  expect(countdown?.secondsLeft).toBeGreaterThan(Math.max(0, lifetimeSeconds - 60));
  expect(Math.abs(countdown!.secondsLeft! * 1000 - (countdown!.expiresAt - countdown!.readAt))).toBeLessThanOrEqual(2000);
}
