// Browser event details in, core observations out. Pure: every field is checked rather than
// trusted, because the two browsers (and their type definitions) differ in the details.
import { cookieNamesOf, type FormField, isTokenRequest, type Observation, parseSetCookies, type RequestObservation, type SetCookie } from '../core/index';

/** What every webRequest event carries. */
interface RequestEventDetails {
  requestId: string;
  url: string;
  method: string;
  tabId: number;
  timeStamp: number;
  /** 0 for the tab's top frame; for a sub_frame request, the frame being loaded. */
  frameId?: number;
  /** main_frame, sub_frame, image, xmlhttprequest…: the listeners ask for frames only, but a filter is no guarantee. */
  type?: string;
}

export interface BeforeRequestDetails extends RequestEventDetails {
  /** Present with the 'requestBody' option; `formData` maps each name to its values (typed loosely, as the polyfill's types are wrong). */
  requestBody?: { formData?: Record<string, unknown> | null; error?: string } | null;
}

export interface BeforeRedirectDetails extends RequestEventDetails {
  statusCode: number;
  redirectUrl: string;
}

export interface CompletedDetails extends RequestEventDetails {
  statusCode: number;
}

export interface ErrorOccurredDetails extends RequestEventDetails {
  error: string;
}

export interface NavigationDetails {
  tabId: number;
  url: string;
  timeStamp: number;
  frameId?: number;
}

/** webNavigation.onCreatedNavigationTarget: a tab or window another one opened. */
export interface CreatedTargetDetails {
  sourceTabId: number;
  tabId: number;
  url: string;
  timeStamp: number;
}

/** webRequest.onBeforeRequest: a request the tab makes, with its POSTed form fields. */
export function requestObservation(details: BeforeRequestDetails): RequestObservation | undefined {
  if (!inTab(details)) return undefined;
  const formData = formFields(details.requestBody?.formData);
  return {
    kind: 'request',
    ...common(details),
    method: details.method,
    ...(formData && { formData }),
  };
}

/**
 * A page's fetch or XHR, when it posts a code to a token endpoint (the page's own code exchange);
 * undefined for all other traffic, which is none of Consent Lens's business.
 */
export function tokenRequestObservation(details: BeforeRequestDetails): RequestObservation | undefined {
  const observation = requestObservation(details);
  return observation?.kind === 'request' && isTokenRequest(observation) ? observation : undefined;
}

/** The scheme of the Authorization header a request sends (`Basic`), from onBeforeSendHeaders; never its credentials. */
export function authSchemeOf(headers: ReadonlyArray<{ name: string; value?: string }> | undefined): string | undefined {
  const value = headers?.find((header) => header.name.toLowerCase() === 'authorization')?.value;
  return value?.trim().split(/\s+/)[0] || undefined;
}

type Headers = ReadonlyArray<{ name: string; value?: string }> | undefined;

/** The names of the cookies a request's Cookie headers send (onBeforeSendHeaders); never their values. */
export function cookieNamesFromHeaders(headers: Headers): string[] {
  return valuesOf(headers, 'cookie').flatMap(cookieNamesOf);
}

/** What a response's Set-Cookie headers set (onHeadersReceived), read at once so that no value is held. */
export function setCookiesFromHeaders(headers: Headers, receivedAt: number): SetCookie[] {
  return parseSetCookies(valuesOf(headers, 'set-cookie'), receivedAt);
}

function valuesOf(headers: Headers, name: string): string[] {
  return (headers ?? []).flatMap((header) => (header.name.toLowerCase() === name && typeof header.value === 'string' ? [header.value] : []));
}

/** webRequest.onBeforeRedirect: a redirect hop, its status and Location. */
export function redirectObservation(details: BeforeRedirectDetails): Observation | undefined {
  if (!inTab(details)) return undefined;
  return { kind: 'response', ...common(details), method: details.method, status: details.statusCode, location: details.redirectUrl };
}

/** webRequest.onCompleted: the final response of a request. */
export function completedObservation(details: CompletedDetails): Observation | undefined {
  if (!inTab(details)) return undefined;
  return { kind: 'response', ...common(details), method: details.method, status: details.statusCode };
}

/** webRequest.onErrorOccurred: no response at all (status 0), with the browser's reason. */
export function errorObservation(details: ErrorOccurredDetails): Observation | undefined {
  if (!inTab(details)) return undefined;
  return { kind: 'response', ...common(details), method: details.method, status: 0, error: details.error };
}

/** webNavigation.onCommitted (and same-document URL changes): the only source of URL fragments. */
export function navigationObservation(details: NavigationDetails): Observation | undefined {
  if (!inTab(details)) return undefined;
  return { kind: 'navigation', tabId: details.tabId, time: details.timeStamp, url: details.url, ...frameOf(details) };
}

/** The popup window a page opened (window.open, target=_blank): its flows are shown with the opener's. */
export function openedObservation(details: CreatedTargetDetails): Observation | undefined {
  if (!inTab(details) || !Number.isInteger(details.sourceTabId) || details.sourceTabId < 0) return undefined;
  return { kind: 'opened', tabId: details.tabId, time: details.timeStamp, url: details.url, openerTabId: details.sourceTabId };
}

/** Requests outside any tab (tabId -1: service workers, the browser itself) are no consent flow. */
function inTab(details: { tabId: number; timeStamp: number; url: string }): boolean {
  return Number.isInteger(details.tabId) && details.tabId >= 0 && Number.isFinite(details.timeStamp) && typeof details.url === 'string';
}

function common(details: RequestEventDetails) {
  const destination: Destination = DESTINATIONS[details.type ?? 'main_frame'] ?? 'subresource';
  return { tabId: details.tabId, time: details.timeStamp, url: details.url, requestId: String(details.requestId), ...frameOf(details), destination };
}

type Destination = NonNullable<Observation['destination']>;
const DESTINATIONS: Record<string, Destination> = { main_frame: 'document', sub_frame: 'frame' };

/** The frame, for an iframe only: the top frame is the default. */
function frameOf(details: { frameId?: number }): { frameId?: number } {
  return Number.isInteger(details.frameId) && details.frameId! > 0 ? { frameId: details.frameId! } : {};
}

function formFields(formData: Record<string, unknown> | null | undefined): FormField[] | undefined {
  if (!formData || typeof formData !== 'object') return undefined;
  const fields: FormField[] = [];
  for (const [name, values] of Object.entries(formData)) {
    for (const value of Array.isArray(values) ? values : [values]) {
      if (typeof value === 'string') fields.push([name, value]);
    }
  }
  return fields;
}
