// What one flow may take of storage. storage.session holds 10 MB for every flow: a single page
// sending a 1 MB parameter (through three URLs, its parameters and its hops) must not push the
// others out. Only the stored copy is cut: the live worker keeps and checks the whole values.
import type { Observation, SetCookie } from '../observation/observation-schema';
import type { Param } from '../params/param-schema';
import type { CallbackRecord, Flow, FlowState, Hop, TokenExchange } from './flow-schema';

/**
 * The most characters one stored text (a URL, a parameter's name or value, a form field) keeps.
 * Real OAuth values stay well below it (a signed request object or an id_token is a few KB), so
 * only values that are abnormal anyway are cut, and the checks see them whole until then.
 */
export const MAX_STORED_CHARS = 16_384;
/** A cookie's name: real ones are a few dozen characters, and a flow may hold a hundred of them. */
const MAX_COOKIE_NAME_CHARS = 256;

/**
 * `text` as it is when it fits in `max` characters; else its start followed by a marker with its
 * full length, so a reader still sees how long it was. The result fits in `max` too, so cutting
 * what was cut before changes nothing.
 */
export function capText(text: string, max = MAX_STORED_CHARS): string {
  if (text.length <= max) return text;
  const marker = `…[truncated from ${text.length} chars]`;
  return `${text.slice(0, Math.max(0, max - marker.length))}${marker}`;
}

/** A flow whose every URL, parameter and error text fits in MAX_STORED_CHARS. */
export function capFlow(flow: Flow): Flow {
  return {
    ...flow,
    ...(flow.request && {
      request: {
        ...flow.request,
        url: capText(flow.request.url),
        params: flow.request.params.map(capParam),
        ...(flow.request.redirectBase !== undefined && { redirectBase: capText(flow.request.redirectBase) }),
      },
    }),
    hops: flow.hops.map(capHop),
    callbacks: flow.callbacks.map(capCallback),
    ...(flow.landing && { landing: flow.landing.map(capHop) }),
    ...(flow.exchanges && { exchanges: flow.exchanges.map(capExchange) }),
    ...(flow.cookies && { cookies: flow.cookies.map(capCookie) }),
  };
}

/** The state to store: every flow capped, and the URLs the tab cursors wait for. */
export function capFlowState(state: FlowState): FlowState {
  return {
    ...state,
    flows: state.flows.map(capFlow),
    tabs: Object.fromEntries(
      Object.entries(state.tabs).map(([key, cursor]) => [
        key,
        {
          ...cursor,
          ...(cursor.expect !== undefined && { expect: capText(cursor.expect) }),
          ...(cursor.cookies && { cookies: cursor.cookies.map(capCookie) }),
        },
      ]),
    ),
  };
}

/** An observation as it is written to the journal: its URL, Location, error and form fields capped. */
export function capObservation(observation: Observation): Observation {
  const capped = { ...observation, url: capText(observation.url) };
  switch (capped.kind) {
    case 'request':
      return {
        ...capped,
        ...(capped.formData && { formData: capped.formData.map(([name, value]) => [capText(name), capText(value)]) }),
        ...(capped.cookieNames && { cookieNames: capped.cookieNames.map(capCookieName) }),
      };
    case 'response':
      return {
        ...capped,
        ...optionalText('location', capped.location),
        ...optionalText('error', capped.error),
        ...(capped.setCookies && { setCookies: capped.setCookies.map(capCookie) }),
      };
    default:
      return capped;
  }
}

function capParam(param: Param): Param {
  return { ...param, name: capText(param.name), value: capText(param.value), ...optionalText('error', param.error) };
}

function capHop(hop: Hop): Hop {
  return { ...hop, url: capText(hop.url), ...optionalText('location', hop.location), ...optionalText('error', hop.error) };
}

function capCallback(callback: CallbackRecord): CallbackRecord {
  return {
    ...callback,
    url: capText(callback.url),
    params: callback.params.map(capParam),
    ...optionalText('error', callback.error),
    ...(callback.cookieNames && { cookieNames: callback.cookieNames.map(capCookieName) }),
  };
}

function capCookieName(name: string): string {
  return capText(name, MAX_COOKIE_NAME_CHARS);
}

/** A cookie's name; its Domain and Path are 1024 bytes at most already (the parser ignores longer ones). */
function capCookie<T extends SetCookie>(cookie: T): T {
  return { ...cookie, name: capCookieName(cookie.name) };
}

function capExchange(exchange: TokenExchange): TokenExchange {
  return {
    ...exchange,
    url: capText(exchange.url),
    code: capText(exchange.code),
    ...optionalText('codeVerifier', exchange.codeVerifier),
    ...optionalText('redirectUri', exchange.redirectUri),
    ...optionalText('clientId', exchange.clientId),
    ...optionalText('error', exchange.error),
  };
}

function optionalText<K extends string>(key: K, text: string | undefined): Partial<Record<K, string>> {
  return text === undefined ? {} : ({ [key]: capText(text) } as Record<K, string>);
}
