import { CHANNEL, type ExtensionEvent } from '../core/protocol/protocol';
import type { WorkerBrowser } from './worker-browser';

/** Tells open extension pages that something changed. */
export function broadcast(runtime: WorkerBrowser['runtime'], event: ExtensionEvent['event']): Promise<void> {
  const message: ExtensionEvent = { channel: CHANNEL, event };
  // No open page ("Receiving end does not exist") is the normal case, and a broadcast has no one
  // to report any other failure to.
  return runtime.sendMessage(message).then(
    () => {},
    () => {},
  );
}
