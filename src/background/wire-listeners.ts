// The one place browser events reach the worker. Registered synchronously when the background
// script first runs, so a worker woken by an event is listening when the event is delivered.
import type { Browser, Runtime, WebRequest } from 'webextension-polyfill';
import type { ConsentLensWorker } from './create-worker';
import type { Observation, RequestObservation, SetCookie } from '../core/index';
import {
  authSchemeOf,
  completedObservation,
  cookieNamesFromHeaders,
  errorObservation,
  navigationObservation,
  openedObservation,
  redirectObservation,
  requestObservation,
  setCookiesFromHeaders,
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
/** Documents whose request headers or answer are still to come, likewise. */
const MAX_DOCUMENTS_IN_FLIGHT = 50;

/**
 * Chromium shows Cookie and Set-Cookie to listeners that ask for 'extraHeaders'; Firefox shows
 * them anyway and refuses the option (addListener throws), so it is asked for only where the
 * browser names it.
 */
function extraHeaders(webRequest: Browser['webRequest']): string[] {
  const options = (webRequest as { OnBeforeSendHeadersOptions?: { EXTRA_HEADERS?: unknown } }).OnBeforeSendHeadersOptions;
  return options?.EXTRA_HEADERS === 'extraHeaders' ? ['extraHeaders'] : [];
}

/** Adds a listener; if the browser refuses 'extraHeaders' after all, adds it without, as Firefox would take it. */
function addListener(event: { addListener: (...args: never[]) => void }, listener: unknown, filter: unknown, extra?: readonly string[]): void {
  // Called on the event: Chromium's addListener throws "Illegal invocation" when unbound.
  const add = (...args: unknown[]) => (event.addListener as (...args: unknown[]) => void).apply(event, args);
  try {
    add(listener, filter, ...(extra ? [extra] : []));
  } catch (error) {
    if (!extra?.includes('extraHeaders')) throw error;
    add(
      listener,
      filter,
      extra.filter((option) => option !== 'extraHeaders'),
    );
  }
}

export function wireListeners(browser: Browser, worker: ConsentLensWorker): void {
  const { webRequest, webNavigation } = browser;
  const extra = extraHeaders(webRequest);
  // A document's request waits for its headers (the names of the cookies it sends), and its
  // answer takes the cookies its headers set; whichever event comes last, nothing waits longer.
  const documents = new Map<string, RequestObservation>();
  const setCookies = new Map<string, SetCookie[]>();
  const releaseDocument = (requestId: string, cookieNames?: string[]) => {
    const held = documents.get(requestId);
    if (!held) return;
    documents.delete(requestId);
    worker.observe(cookieNames === undefined ? held : { ...held, cookieNames });
  };
  const answer = (requestId: string, observation: Observation | undefined) => {
    releaseDocument(requestId);
    const cookies = setCookies.get(requestId);
    setCookies.delete(requestId);
    worker.observe(observation?.kind === 'response' && cookies ? { ...observation, setCookies: cookies } : observation);
  };
  const onBeforeRequest = (details: WebRequest.OnBeforeRequestDetailsType) => {
    const observation = requestObservation(details);
    if (!observation) return;
    releaseDocument(details.requestId);
    if (documents.size >= MAX_DOCUMENTS_IN_FLIGHT) releaseDocument(documents.keys().next().value!);
    documents.set(details.requestId, observation);
  };
  const onDocumentHeaders = (details: WebRequest.OnBeforeSendHeadersDetailsType) =>
    releaseDocument(details.requestId, cookieNamesFromHeaders(details.requestHeaders));
  const onHeadersReceived = (details: WebRequest.OnHeadersReceivedDetailsType) => {
    if (setCookies.size >= MAX_DOCUMENTS_IN_FLIGHT) setCookies.delete(setCookies.keys().next().value!);
    setCookies.set(details.requestId, setCookiesFromHeaders(details.responseHeaders, details.timeStamp));
  };
  const onBeforeRedirect = (details: WebRequest.OnBeforeRedirectDetailsType) => answer(details.requestId, redirectObservation(details));
  const onCompleted = (details: WebRequest.OnCompletedDetailsType) => answer(details.requestId, completedObservation(details));
  const onErrorOccurred = (details: WebRequest.OnErrorOccurredDetailsType) => answer(details.requestId, errorObservation(details));
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
    [webRequest.onBeforeSendHeaders, onDocumentHeaders, REQUEST_FILTER, ['requestHeaders', ...extra]],
    [webRequest.onHeadersReceived, onHeadersReceived, REQUEST_FILTER, ['responseHeaders', ...extra]],
    [webRequest.onBeforeRedirect, onBeforeRedirect, REQUEST_FILTER],
    [webRequest.onCompleted, onCompleted, REQUEST_FILTER],
    [webRequest.onErrorOccurred, onErrorOccurred, REQUEST_FILTER],
    [webRequest.onBeforeRequest, onTokenRequest, TOKEN_REQUEST_FILTER, ['requestBody']],
    [webRequest.onBeforeSendHeaders, onTokenHeaders, TOKEN_REQUEST_FILTER, ['requestHeaders']],
    [webRequest.onCompleted, onTokenCompleted, TOKEN_REQUEST_FILTER],
    [webRequest.onErrorOccurred, onTokenError, TOKEN_REQUEST_FILTER],
  ] as const;
  const listenToRequests = () => {
    for (const [event, listener, filter, options] of listeners) addListener(event, listener, filter, options);
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
    for (const [event, listener] of listeners) (event.removeListener as (listener: unknown) => void).call(event, listener);
    listenToRequests();
  });
  browser.permissions.onRemoved.addListener(() => worker.permissionsChanged());
  // A returned promise is the answer; undefined leaves the message to other listeners.
  const onMessage = (message: unknown, sender: Runtime.MessageSender) => worker.handleMessage(message, sender);
  browser.runtime.onMessage.addListener(onMessage);
}
