import type { BufferTiming } from '../../../src/background/observation-buffer';
// A worker booted the way src/background/index.ts boots it, on @webext-core/fake-browser's
// storage, action and tabs, plus the pieces fake-browser lacks (webRequest events, permissions,
// a recording runtime.sendMessage). `bootWorker` again over the same storage is a worker restart:
// fresh module state and listeners, the stored data kept.
import { fakeBrowser } from '@webext-core/fake-browser';
import type { Browser } from 'webextension-polyfill';
import { createWorker, type ConsentLensWorker } from '../../../src/background/create-worker';
import type { Clock } from '../../../src/core/clock';
import { T0 } from '../../support/scenario';
import { wireListeners } from '../../../src/background/wire-listeners';
import type { WorkerBrowser } from '../../../src/background/worker-browser';

// biome-ignore lint/suspicious/noExplicitAny: a fake event takes listeners of every browser event's signature
type Listener = (...args: any[]) => unknown;

/** An event that records how its listeners were added, and can be fired. */
export interface FakeEvent {
  addListener(listener: Listener, ...options: unknown[]): void;
  removeListener(listener: Listener): void;
  /** How many listeners are registered. */
  count(): number;
  /** Calls every listener whose webRequest filter takes the event's `type`, as browsers do; resolves with what each returned (promises resolved). */
  fire(...args: unknown[]): Promise<unknown[]>;
  /** The extra addListener arguments (filter, extraInfoSpec) of the first listener, or of the one at `index`. */
  options(index?: number): unknown[];
}

/** `refuses`: the extraInfoSpec values addListener throws on, as Firefox does on ones it does not know. */
export function fakeEvent(refuses: readonly string[] = []): FakeEvent {
  const listeners: Array<{ listener: Listener; options: unknown[] }> = [];
  const event: FakeEvent = {
    // As in Chromium, only when called on the event: an unbound addListener throws "Illegal invocation" there.
    addListener(this: unknown, listener, ...options) {
      if (this !== event) throw new TypeError('Illegal invocation');
      const spec = options[1];
      const refused = Array.isArray(spec) ? spec.find((value) => refuses.includes(value)) : undefined;
      if (refused !== undefined) throw new Error(`Type error for parameter extraInfoSpec: Invalid enumeration value "${refused}"`);
      listeners.push({ listener, options });
    },
    removeListener(this: unknown, listener) {
      if (this !== event) throw new TypeError('Illegal invocation');
      const index = listeners.findIndex((entry) => entry.listener === listener);
      if (index >= 0) listeners.splice(index, 1);
    },
    count: () => listeners.length,
    fire: (...args) => Promise.all(listeners.filter(({ options }) => takes(options[0], args[0])).map(({ listener }) => listener(...args))),
    options: (index = 0) => listeners[index]?.options ?? [],
  };
  return event;
}

/** Whether a webRequest filter's `types` let the event through (any other listener takes everything). */
function takes(filter: unknown, details: unknown): boolean {
  const types = (filter as { types?: unknown } | undefined)?.types;
  const type = (details as { type?: unknown } | undefined)?.type;
  return !Array.isArray(types) || typeof type !== 'string' || types.includes(type);
}

export const EXTENSION_ID = fakeBrowser.runtime.id;
export const EXTENSION_PAGE = fakeBrowser.runtime.getURL('src/popup/index.html');
/** What runtime.onMessage reports for a message from the extension's own popup. */
export const OWN_PAGE = { id: EXTENSION_ID, url: EXTENSION_PAGE };

export interface BootOptions {
  /** Origins permissions.getAll reports as granted. */
  origins?: string[];
  /** The worker's clock; pinned to the fixtures' T0 unless a test moves it. */
  now?: Clock;
  /** The observation buffer's timing; tests flush by hand unless they say otherwise. */
  timing?: BufferTiming;
  /** Wait for the worker's start (loading the state) before returning; default true. */
  awaitStart?: boolean;
  /**
   * Which browser's webRequest: Chromium names 'extraHeaders' (OnBeforeSendHeadersOptions) and
   * needs it for cookies; Firefox names it nowhere and refuses it; 'misleading' names it and
   * refuses it. Default: a webRequest that neither names nor refuses it.
   */
  webRequestOf?: 'chromium' | 'firefox' | 'misleading';
}

export interface FakeExtension {
  worker: ConsentLensWorker;
  events: {
    onBeforeRequest: FakeEvent;
    onBeforeSendHeaders: FakeEvent;
    onHeadersReceived: FakeEvent;
    onBeforeRedirect: FakeEvent;
    onCompleted: FakeEvent;
    onErrorOccurred: FakeEvent;
    onCommitted: FakeEvent;
    onReferenceFragmentUpdated: FakeEvent;
    onHistoryStateUpdated: FakeEvent;
    onCreatedNavigationTarget: FakeEvent;
    onTabRemoved: FakeEvent;
    onStorageChanged: FakeEvent;
    onPermissionsAdded: FakeEvent;
    onPermissionsRemoved: FakeEvent;
    onMessage: FakeEvent;
  };
  /** Every message the worker broadcast. */
  broadcasts: unknown[];
  permissions: { origins: string[] };
  /** Sends a message as the extension's popup would, through the wired onMessage listener. */
  send(message: unknown, sender?: { id?: string; url?: string }): Promise<unknown>;
}

export async function bootWorker({
  origins = [],
  now = () => T0,
  timing = { quietMs: 60_000, maxWaitMs: 60_000, settleMs: 0 },
  awaitStart = true,
  webRequestOf,
}: BootOptions = {}): Promise<FakeExtension> {
  const refuses = webRequestOf === 'firefox' || webRequestOf === 'misleading' ? ['extraHeaders'] : [];
  const events: FakeExtension['events'] = {
    onBeforeRequest: fakeEvent(),
    onBeforeSendHeaders: fakeEvent(refuses),
    onHeadersReceived: fakeEvent(refuses),
    onBeforeRedirect: fakeEvent(),
    onCompleted: fakeEvent(),
    onErrorOccurred: fakeEvent(),
    onCommitted: fakeEvent(),
    onReferenceFragmentUpdated: fakeEvent(),
    onHistoryStateUpdated: fakeEvent(),
    onCreatedNavigationTarget: fakeEvent(),
    onTabRemoved: fakeEvent(),
    onStorageChanged: fakeEvent(),
    onPermissionsAdded: fakeEvent(),
    onPermissionsRemoved: fakeEvent(),
    onMessage: fakeEvent(),
  };
  const broadcasts: unknown[] = [];
  const permissions = { origins: [...origins] };
  const browser = {
    storage: { local: fakeBrowser.storage.local, session: fakeBrowser.storage.session, onChanged: events.onStorageChanged },
    action: fakeBrowser.action,
    alarms: fakeBrowser.alarms,
    tabs: { onRemoved: events.onTabRemoved },
    runtime: {
      id: fakeBrowser.runtime.id,
      getURL: fakeBrowser.runtime.getURL,
      onMessage: events.onMessage,
      async sendMessage(message: unknown) {
        broadcasts.push(message);
        // What Chrome says when no extension page is open.
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    },
    permissions: {
      getAll: async () => ({ origins: permissions.origins }),
      onAdded: events.onPermissionsAdded,
      onRemoved: events.onPermissionsRemoved,
    },
    webRequest: {
      ...((webRequestOf === 'chromium' || webRequestOf === 'misleading') && {
        OnBeforeSendHeadersOptions: { REQUEST_HEADERS: 'requestHeaders', BLOCKING: 'blocking', EXTRA_HEADERS: 'extraHeaders' },
      }),
      onBeforeRequest: events.onBeforeRequest,
      onBeforeSendHeaders: events.onBeforeSendHeaders,
      onHeadersReceived: events.onHeadersReceived,
      onBeforeRedirect: events.onBeforeRedirect,
      onCompleted: events.onCompleted,
      onErrorOccurred: events.onErrorOccurred,
    },
    webNavigation: {
      onCommitted: events.onCommitted,
      onReferenceFragmentUpdated: events.onReferenceFragmentUpdated,
      onHistoryStateUpdated: events.onHistoryStateUpdated,
      onCreatedNavigationTarget: events.onCreatedNavigationTarget,
    },
  };
  // fake-browser's storage follows Chrome's types, not the polyfill's: equal at run time.
  const worker = createWorker(browser as unknown as WorkerBrowser, { now, timing });
  wireListeners(browser as unknown as Browser, worker);
  const started = worker.start();
  if (awaitStart) await started;
  return {
    worker,
    events,
    broadcasts,
    permissions,
    async send(message, sender = OWN_PAGE) {
      const answers = await events.onMessage.fire(message, sender);
      return answers.find((answer) => answer !== undefined);
    },
  };
}

/** The badge fake-browser holds for a tab. */
export async function badgeOf(tabId: number) {
  return {
    text: await fakeBrowser.action.getBadgeText({ tabId }),
    color: await fakeBrowser.action.getBadgeBackgroundColor({ tabId }),
    title: await fakeBrowser.action.getTitle({ tabId }),
  };
}

export { fakeBrowser };
