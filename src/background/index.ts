import browser from 'webextension-polyfill';
import { createWorker } from './create-worker';
import { wireListeners } from './wire-listeners';

const worker = createWorker(browser, { now: Date.now });
// Listeners first, synchronously: a worker woken by an event must be listening when it is delivered.
wireListeners(browser, worker);
void worker.start();

// Readiness marker: the worker exists before its listeners are registered, so tests wait for this.
void browser.storage.session.set({ 'worker-ready': Date.now() });
