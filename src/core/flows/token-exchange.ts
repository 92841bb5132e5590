import type { RequestObservation, ResponseObservation } from '../observation/observation-schema';
import { getParam } from '../params/param-list';
import type { Flow, FlowState, TokenExchange } from './flow-schema';

/** Exchanges kept per flow: a client retrying in a loop must not grow the flow without bound. */
const MAX_EXCHANGES_PER_FLOW = 20;

/** A form field's value, the first of its name. */
const field = (form: RequestObservation['formData'], name: string) => form?.find(([fieldName]) => fieldName === name)?.[1];

/** Whether a request is a page's code exchange: what the worker forwards of the page's fetch and XHR traffic. */
export function isTokenRequest(request: Pick<RequestObservation, 'method' | 'formData'>): boolean {
  return request.method.toUpperCase() === 'POST' && field(request.formData, 'grant_type') === 'authorization_code';
}

/**
 * A page's `grant_type=authorization_code` POST to a token endpoint (RFC 6749 s4.1.3), tied to
 * the flow whose callback brought its code. True when the observation was one (even of no known
 * flow: it is then no navigation either).
 */
export function seeTokenRequest(state: FlowState, request: RequestObservation): boolean {
  if (!isTokenRequest(request)) return false;
  const code = field(request.formData, 'code');
  const flow = code === undefined ? undefined : flowOfCode(state, code);
  if (!flow || code === undefined) return true;
  const exchanges = (flow.exchanges ??= []);
  if (exchanges.length >= MAX_EXCHANGES_PER_FLOW) return true;
  const form = request.formData;
  const optional = (name: string) => field(form, name);
  const exchange: TokenExchange = {
    time: request.time,
    url: request.url,
    code,
    clientSecret: optional('client_secret') !== undefined,
    ...(request.requestId !== undefined && { requestId: request.requestId }),
    ...defined('codeVerifier', optional('code_verifier')),
    ...defined('redirectUri', optional('redirect_uri')),
    ...defined('clientId', optional('client_id')),
    ...defined('authScheme', request.authScheme),
  };
  exchanges.push(exchange);
  flow.updatedAt = Math.max(flow.updatedAt, request.time);
  return true;
}

/** The token endpoint's answer to an exchange: true when it was one. */
export function seeTokenResponse(state: FlowState, response: ResponseObservation): boolean {
  // A token endpoint answers a fetch/XHR, never a page: the login and consent POSTs every flow
  // makes need not search every flow's exchanges.
  if (response.method !== 'POST' || response.destination === 'document' || response.destination === 'frame') return false;
  for (let i = state.flows.length - 1; i >= 0; i--) {
    const exchange = state.flows[i]!.exchanges?.findLast(
      (candidate) =>
        candidate.status === undefined &&
        (response.requestId !== undefined && candidate.requestId !== undefined ? candidate.requestId === response.requestId : candidate.url === response.url),
    );
    if (!exchange) continue;
    exchange.status = response.status;
    exchange.answeredAt = response.time;
    if (response.error !== undefined) exchange.error = response.error;
    if (response.oauthError) exchange.oauthError = response.oauthError;
    return true;
  }
  return false;
}

/** The newest flow whose callback carried this code. */
function flowOfCode(state: FlowState, code: string): Flow | undefined {
  for (let i = state.flows.length - 1; i >= 0; i--) {
    const flow = state.flows[i]!;
    if (flow.callbacks.some((callback) => getParam(callback.params, 'code') === code)) return flow;
  }
  return undefined;
}

function defined<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
