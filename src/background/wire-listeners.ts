// The one place browser events reach the worker. Registered synchronously when the background
// script first runs, so a worker woken by an event is listening when the event is delivered.
import type { Browser, Runtime, WebRequest } from 'webextension-polyfill';
import type { ConsentLensWorker } from './create-worker';
import type { RequestObservation } from '../core/index';
import {
  authSchemeOf,
  completedObservation,
  errorObservation,
  navigationObservation,
  openedObservation,
  redirectObservation,
  requestObservation,
  tokenRequestObservation,
  type NavigationDetails,
} from './to-observation';

/**
 * Top-level documents and frames only. Events fire only for origins the user granted (optional
 * host permissions); the listeners never block a request.
 */
const REQUEST_FILTER: WebRequest.RequestFilter = { urls: ['<all_urls>'], types: ['main_frame', 'sub_frame'] };
const NAVIGATION_FILTER = { url: [{ schemes: ['http', 'https'] }] };
/** A page's fetch and XHR: only its code exchanges are kept (tokenRequestObservation). */
const TOKEN_REQUEST_FILTER: WebRequest.RequestFilter = { urls: ['<all_urls>'], types: ['xmlhttprequest'] };
/** Token requests whose headers or answer are still to come; a page that never finishes one must not grow it. */
const MAX_TOKEN_REQUESTS_IN_FLIGHT = 50;

export function wireListeners(browser: Browser, worker: ConsentLensWorker): void {
  const { webRequest, webNavigation } = browser;
  const onBeforeRequest = (details: WebRequest.OnBeforeRequestDetailsType) => worker.observe(requestObservation(details));
  const onBeforeRedirect = (details: WebRequest.OnBeforeRedirectDetailsType) => worker.observe(redirectObservation(details));
  const onCompleted = (details: WebRequest.OnCompletedDetailsType) => worker.observe(completedObservation(details));
  const onErrorOccurred = (details: WebRequest.OnErrorOccurredDetailsType) => worker.observe(errorObservation(details));
  // The page's code exchange: its body comes before its headers (the Authorization scheme), so the
  // request is held until those, and only its own answer is passed on.
  const tokenRequests = new Map<string, RequestObservation | undefined>();
  const onTokenRequest = (details: WebRequest.OnBeforeRequestDetailsType) => {
    const observation = tokenRequestObservation(details);
    if (!observation) return;
    if (tokenRequests.size >= MAX_TOKEN_REQUESTS_IN_FLIGHT) tokenRequests.delete(tokenRequests.keys().next().value!);
    tokenRequests.set(details.requestId, observation);
  };
  const onTokenHeaders = (details: WebRequest.OnBeforeSendHeadersDetailsType) => {
    const observation = tokenRequests.get(details.requestId);
    if (!observation) return;
    tokenRequests.set(details.requestId, undefined);
    const authScheme = authSchemeOf(details.requestHeaders);
    worker.observe(authScheme === undefined ? observation : { ...observation, authScheme });
  };
  /** The token request's answer: passed on with the request, if its headers never came. */
  const settleToken = (requestId: string, answer: () => ReturnType<typeof completedObservation>) => {
    if (!tokenRequests.has(requestId)) return;
    const unsent = tokenRequests.get(requestId);
    tokenRequests.delete(requestId);
    if (unsent) worker.observe(unsent);
    worker.observe(answer());
  };
  const onTokenCompleted = (details: WebRequest.OnCompletedDetailsType) => settleToken(details.requestId, () => completedObservation(details));
  const onTokenError = (details: WebRequest.OnErrorOccurredDetailsType) => settleToken(details.requestId, () => errorObservation(details));
  const listeners = [
    [webRequest.onBeforeRequest, onBeforeRequest, REQUEST_FILTER, ['requestBody']],
    [webRequest.onBeforeRedirect, onBeforeRedirect, REQUEST_FILTER],
    [webRequest.onCompleted, onCompleted, REQUEST_FILTER],
    [webRequest.onErrorOccurred, onErrorOccurred, REQUEST_FILTER],
    [webRequest.onBeforeRequest, onTokenRequest, TOKEN_REQUEST_FILTER, ['requestBody']],
    [webRequest.onBeforeSendHeaders, onTokenHeaders, TOKEN_REQUEST_FILTER, ['requestHeaders']],
    [webRequest.onCompleted, onTokenCompleted, TOKEN_REQUEST_FILTER],
    [webRequest.onErrorOccurred, onTokenError, TOKEN_REQUEST_FILTER],
  ] as const;
  const listenToRequests = () => {
    for (const [event, listener, filter, extra] of listeners) (event.addListener as (...args: unknown[]) => void)(listener, filter, ...(extra ? [extra] : []));
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
    for (const [event, listener] of listeners) (event.removeListener as (listener: unknown) => void)(listener);
    listenToRequests();
  });
  browser.permissions.onRemoved.addListener(() => worker.permissionsChanged());
  // A returned promise is the answer; undefined leaves the message to other listeners.
  const onMessage = (message: unknown, sender: Runtime.MessageSender) => worker.handleMessage(message, sender);
  browser.runtime.onMessage.addListener(onMessage);
}
