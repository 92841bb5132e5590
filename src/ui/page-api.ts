// What extension pages need from the browser, behind one interface: the real one is in
// browser-page-api.ts, tests pass fakes. Components read it from context instead of importing
// the polyfill, which refuses to load outside an extension.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Connector } from './connector';

export interface HostPermissions {
  /** Whether every one of these match patterns is granted. */
  contains(origins: string[]): Promise<boolean>;
  /**
   * Asks the user for these match patterns. Browsers accept this only during a user gesture, so
   * call it straight from a click handler, before any `await`.
   */
  request(origins: string[]): Promise<boolean>;
  /** Calls `listener` when the user grants or removes host access; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export interface PageApi {
  connector: Connector;
  /** The id of the tab the popup was opened over, if the browser says. */
  currentTabId(): Promise<number | undefined>;
  openOptionsPage(): Promise<void>;
  copyText(text: string): Promise<void>;
  /** Saves `text` as a file through the browser's download UI, with no network request. */
  downloadFile(fileName: string, text: string, type?: string): void;
  permissions: HostPermissions;
}

export const PageApiContext = createContext<PageApi | undefined>(undefined);

export function usePageApi(): PageApi {
  const api = useContext(PageApiContext);
  if (!api) throw new Error('usePageApi: render the page inside <PageApiContext.Provider>');
  return api;
}
