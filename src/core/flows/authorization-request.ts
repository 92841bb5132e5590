import { getParam, hasParam } from '../params/param-list';
import type { Param } from '../params/param-schema';

/**
 * An authorization request carries `client_id` with `response_type`, or with `request_uri`
 * when its parameters were pushed first (PAR, RFC 9126).
 */
export function isAuthorizationRequest(params: readonly Param[]): boolean {
  return hasParam(params, 'client_id') && (hasParam(params, 'response_type') || hasParam(params, 'request_uri'));
}

/** Parameters only an authorization server's answer carries: what makes a URL a callback. */
const RESPONSE_PARAMS = new Set(['code', 'error', 'state', 'id_token', 'access_token', 'event', 'iss', 'session_state']);

export function isAuthorizationResponse(params: readonly Param[]): boolean {
  return params.some((param) => RESPONSE_PARAMS.has(param.name));
}

export function requestState(params: readonly Param[]): string | undefined {
  return getParam(params, 'state');
}
