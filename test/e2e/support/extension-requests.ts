// Records every network request the extension itself makes in Chromium: those of its pages
// (popup, options) and of its service worker. Playwright reports a service worker's requests on
// the context, with `request.serviceWorker()` set (on by default in playwright-core 1.65; the
// env var PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK turns it off, so it must not be set).
// Loading the extension's own chrome-extension:// files is not network traffic and is left out.
import type { BrowserContext, Request } from 'playwright-core';

export interface ExtensionRequest {
  url: string;
  method: string;
  /** The extension page or worker that sent it. */
  from: string;
}

export interface ExtensionRequestRecorder {
  /** What was recorded since the recorder started (or was last cleared). */
  requests(): ExtensionRequest[];
  clear(): void;
  stop(): void;
}

const EXTENSION_URL = /^chrome-extension:\/\//;
const NETWORK_URL = /^(https?|wss?|ftp):/i;

/** The extension URL a request comes from, or undefined when a web page (or the browser) sent it. */
export function extensionSender(request: Request): string | undefined {
  const worker = request.serviceWorker();
  if (worker) return EXTENSION_URL.test(worker.url()) ? worker.url() : undefined;
  let frameUrl: string;
  try {
    frameUrl = request.frame().url();
  } catch {
    return undefined; // a navigation whose frame does not exist yet: a new tab, never an extension page's fetch
  }
  return EXTENSION_URL.test(frameUrl) ? frameUrl : undefined;
}

export function recordExtensionRequests(context: BrowserContext): ExtensionRequestRecorder {
  if (process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK) {
    throw new Error("PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK is set: the extension worker's requests would go unseen");
  }
  let recorded: ExtensionRequest[] = [];
  const onRequest = (request: Request) => {
    if (!NETWORK_URL.test(request.url())) return;
    const from = extensionSender(request);
    if (from !== undefined) recorded.push({ url: request.url(), method: request.method(), from });
  };
  context.on('request', onRequest);
  return {
    requests: () => [...recorded],
    clear: () => {
      recorded = [];
    },
    stop: () => context.off('request', onRequest),
  };
}
