// The PageApi of a real extension page, on webextension-polyfill.
import browser from 'webextension-polyfill';
import { createConnector } from './connector';
import { downloadFile } from './download-file';
import type { PageApi } from './page-api';

export function browserPageApi(): PageApi {
  return {
    connector: createConnector({
      send: (message) => browser.runtime.sendMessage(message),
      listen(listener) {
        // Returns nothing, so the browser does not wait on this page for an answer.
        const onMessage = (message: unknown) => {
          listener(message);
        };
        browser.runtime.onMessage.addListener(onMessage);
        return () => browser.runtime.onMessage.removeListener(onMessage);
      },
    }),
    async currentTabId() {
      // The active tab's id needs no permission (its URL would).
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id;
    },
    openOptionsPage: () => browser.runtime.openOptionsPage(),
    copyText: (text) => navigator.clipboard.writeText(text),
    downloadFile,
    permissions: {
      contains: (origins) => browser.permissions.contains({ origins }),
      request: (origins) => browser.permissions.request({ origins }),
      onChange(listener) {
        const changed = () => listener();
        browser.permissions.onAdded.addListener(changed);
        browser.permissions.onRemoved.addListener(changed);
        return () => {
          browser.permissions.onAdded.removeListener(changed);
          browser.permissions.onRemoved.removeListener(changed);
        };
      },
    },
  };
}
