import browser from 'webextension-polyfill';

// Listeners go here, registered synchronously at top level so a woken worker receives the event.
browser.runtime.onInstalled.addListener(() => {});

// Readiness marker: the worker exists before its listeners are registered, so tests wait for this.
void browser.storage.session.set({ 'worker-ready': Date.now() });
