// Event details shaped like the ones Chromium hands a webRequest / webNavigation listener
// (fields as recorded from Chromium 156 against a 302 chain on 127.0.0.1), built step by step.
import type { FakeExtension } from './fake-extension';

export type TraceEvent =
  | { api: 'webRequest'; name: 'onBeforeRequest' | 'onBeforeRedirect' | 'onCompleted' | 'onErrorOccurred'; details: Record<string, unknown> }
  | {
      api: 'webNavigation';
      name: 'onCommitted' | 'onReferenceFragmentUpdated' | 'onHistoryStateUpdated' | 'onCreatedNavigationTarget';
      details: Record<string, unknown>;
    };

/** Where the trace's requests run: the top frame, an iframe, or a subresource of the top frame. */
export type TraceFrame = { frameId: number; type: 'main_frame' | 'sub_frame' | 'image' | 'xmlhttprequest' };
const TOP: TraceFrame = { frameId: 0, type: 'main_frame' };

export class BrowserTrace {
  readonly events: TraceEvent[] = [];
  private time: number;
  private requestSeq: number;
  /** Chromium keeps one requestId across a redirect chain. */
  private requestId: string | undefined;

  constructor(
    readonly tabId: number,
    start: number,
    firstRequestId = 100,
    private readonly where: TraceFrame = TOP,
  ) {
    this.time = start;
    this.requestSeq = firstRequestId;
  }

  private frame(url: string, method: string) {
    return {
      frameId: this.where.frameId,
      parentFrameId: this.where.frameId === 0 ? -1 : 0,
      frameType: this.where.frameId === 0 ? 'outermost_frame' : 'sub_frame',
      documentLifecycle: 'active',
      method,
      requestId: (this.requestId ??= String(this.requestSeq++)),
      tabId: this.tabId,
      timeStamp: (this.time += 3.25),
      type: this.where.type,
      url,
    };
  }

  request(url: string, { method = 'GET', formData }: { method?: string; formData?: Record<string, string[]> } = {}): this {
    this.events.push({
      api: 'webRequest',
      name: 'onBeforeRequest',
      details: { ...this.frame(url, method), ...(formData && { requestBody: { formData } }) },
    });
    return this;
  }

  redirect(url: string, statusCode: number, redirectUrl: string, method = 'GET'): this {
    this.events.push({
      api: 'webRequest',
      name: 'onBeforeRedirect',
      details: { ...this.frame(url, method), fromCache: false, ip: '127.0.0.1', redirectUrl, statusCode, statusLine: `HTTP/1.1 ${statusCode} Found` },
    });
    return this;
  }

  completed(url: string, statusCode = 200, method = 'GET'): this {
    this.events.push({
      api: 'webRequest',
      name: 'onCompleted',
      details: { ...this.frame(url, method), fromCache: false, ip: '127.0.0.1', statusCode, statusLine: `HTTP/1.1 ${statusCode} OK` },
    });
    this.requestId = undefined;
    return this;
  }

  failed(url: string, error: string, method = 'GET'): this {
    this.events.push({ api: 'webRequest', name: 'onErrorOccurred', details: { ...this.frame(url, method), error } });
    this.requestId = undefined;
    return this;
  }

  commit(url: string, name: 'onCommitted' | 'onReferenceFragmentUpdated' | 'onHistoryStateUpdated' = 'onCommitted'): this {
    this.events.push({
      api: 'webNavigation',
      name,
      details: {
        documentId: 'C0FFEE',
        documentLifecycle: 'active',
        frameId: this.where.frameId,
        frameType: this.where.frameId === 0 ? 'outermost_frame' : 'sub_frame',
        parentFrameId: this.where.frameId === 0 ? -1 : 0,
        processId: 12,
        tabId: this.tabId,
        timeStamp: (this.time += 3.25),
        transitionQualifiers: ['server_redirect'],
        transitionType: 'link',
        url,
      },
    });
    return this;
  }

  /** This tab was opened by `sourceTabId` (window.open), as Chromium reports it. */
  openedBy(sourceTabId: number, url = 'about:blank'): this {
    this.events.push({
      api: 'webNavigation',
      name: 'onCreatedNavigationTarget',
      details: { sourceFrameId: 0, sourceProcessId: 12, sourceTabId, tabId: this.tabId, timeStamp: (this.time += 3.25), url },
    });
    return this;
  }

  /** The whole GET chain `urls[0] -302-> urls[1] ... -> last (200)`, committed at the last URL. */
  chain(...urls: string[]): this {
    urls.forEach((url, index) => {
      this.request(url);
      const next = urls[index + 1];
      if (next !== undefined) this.redirect(url, 302, next);
      else this.completed(url).commit(url);
    });
    return this;
  }
}

/** Fires the events on the fake extension's listeners, in the order given. */
export async function deliver(extension: FakeExtension, events: readonly TraceEvent[]): Promise<void> {
  for (const { name, details } of events) await extension.events[name].fire(details);
}

/** Firefox after a wake: the queued events grouped by API, not in the order they happened. */
export function groupedByApi(events: readonly TraceEvent[]): TraceEvent[] {
  return [...events.filter((event) => event.api === 'webNavigation'), ...events.filter((event) => event.api === 'webRequest')];
}
