// The one place browser events reach the worker. Registered synchronously when the background
// script first runs, so a worker woken by an event is listening when the event is delivered.
import type { Browser, Runtime, WebRequest } from 'webextension-polyfill';
import type { ConsentLensWorker } from './create-worker';
import {
  completedObservation,
  errorObservation,
  navigationObservation,
  openedObservation,
  redirectObservation,
  requestObservation,
  type NavigationDetails,
} from './to-observation';

/**
 * Top-level documents and frames only. Events fire only for origins the user granted (optional
 * host permissions); the listeners never block a request.
 */
const REQUEST_FILTER: WebRequest.RequestFilter = { urls: ['<all_urls>'], types: ['main_frame', 'sub_frame'] };
const NAVIGATION_FILTER = { url: [{ schemes: ['http', 'https'] }] };

export function wireListeners(browser: Browser, worker: ConsentLensWorker): void {
  const { webRequest, webNavigation } = browser;
  const onBeforeRequest = (details: WebRequest.OnBeforeRequestDetailsType) => worker.observe(requestObservation(details));
  const onBeforeRedirect = (details: WebRequest.OnBeforeRedirectDetailsType) => worker.observe(redirectObservation(details));
  const onCompleted = (details: WebRequest.OnCompletedDetailsType) => worker.observe(completedObservation(details));
  const onErrorOccurred = (details: WebRequest.OnErrorOccurredDetailsType) => worker.observe(errorObservation(details));
  const listenToRequests = () => {
    webRequest.onBeforeRequest.addListener(onBeforeRequest, REQUEST_FILTER, ['requestBody']);
    webRequest.onBeforeRedirect.addListener(onBeforeRedirect, REQUEST_FILTER);
    webRequest.onCompleted.addListener(onCompleted, REQUEST_FILTER);
    webRequest.onErrorOccurred.addListener(onErrorOccurred, REQUEST_FILTER);
  };
  listenToRequests();

  // Committed navigations carry the URL fragment; same-document changes can carry one too.
  const onNavigation = (details: NavigationDetails) => worker.observe(navigationObservation(details));
  webNavigation.onCommitted.addListener(onNavigation, NAVIGATION_FILTER);
  webNavigation.onReferenceFragmentUpdated.addListener(onNavigation, NAVIGATION_FILTER);
  webNavigation.onHistoryStateUpdated.addListener(onNavigation, NAVIGATION_FILTER);
  // A login popup the page opened: its flow is labelled with, and may land in, the opener.
  webNavigation.onCreatedNavigationTarget.addListener((details) => worker.observe(openedObservation(details)));

  browser.alarms.onAlarm.addListener((alarm) => worker.alarm(alarm.name));
  browser.tabs.onRemoved.addListener((tabId) => worker.tabRemoved(tabId));
  browser.storage.onChanged.addListener((changes, area) => worker.storageChanged(changes, area));
  browser.permissions.onAdded.addListener(() => {
    worker.permissionsChanged();
    // Chromium (checked with 156) sends no webRequest events for origins granted after its
    // listeners were added, until they are added again.
    webRequest.onBeforeRequest.removeListener(onBeforeRequest);
    webRequest.onBeforeRedirect.removeListener(onBeforeRedirect);
    webRequest.onCompleted.removeListener(onCompleted);
    webRequest.onErrorOccurred.removeListener(onErrorOccurred);
    listenToRequests();
  });
  browser.permissions.onRemoved.addListener(() => worker.permissionsChanged());
  // A returned promise is the answer; undefined leaves the message to other listeners.
  const onMessage = (message: unknown, sender: Runtime.MessageSender) => worker.handleMessage(message, sender);
  browser.runtime.onMessage.addListener(onMessage);
}
