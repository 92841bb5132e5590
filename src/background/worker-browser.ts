/**
 * The part of the WebExtensions API the worker's logic uses, typed structurally: the real
 * `browser` (webextension-polyfill) fits it, and so does a fake in unit tests. Events are wired
 * separately (wire-listeners.ts), so nothing here needs webRequest or webNavigation.
 */
export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface WorkerBrowser {
  storage: { local: StorageAreaLike; session: StorageAreaLike };
  action: {
    setBadgeText(details: { text: string; tabId: number }): Promise<void>;
    setBadgeBackgroundColor(details: { color: string; tabId: number }): Promise<void>;
    setTitle(details: { title: string; tabId: number }): Promise<void>;
  };
  runtime: {
    id: string;
    getURL(path: string): string;
    sendMessage(message: unknown): Promise<unknown>;
  };
  /** A setTimeout in an MV3 worker dies with the worker; an alarm wakes it. */
  alarms: {
    create(name: string, info: { when: number }): Promise<void> | void;
    clear(name: string): Promise<boolean>;
  };
  permissions: {
    /** Read only: the worker never asks for access, an extension page does on a user's click. */
    getAll(): Promise<{ origins?: string[] }>;
  };
}
