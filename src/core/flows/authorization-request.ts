import { paramNamesWhere } from '../params/oauth-vocabulary';
import { getParam, hasParam } from '../params/param-list';
import type { Param } from '../params/param-schema';

/** A path that ends in `authorize` (`/oauth/authorize`, GitHub's `/login/oauth/authorize`). */
const AUTHORIZE_PATH = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(?:\/[^?#]*)?\/authori[sz]e\/?(?:[?#]|$)/i;

/**
 * An authorization request carries `client_id` with `response_type`, or with `request_uri`
 * when its parameters were pushed first (PAR, RFC 9126). GitHub asks for no `response_type`
 * (the code is implied), so `client_id` with `redirect_uri` on an `authorize` path counts too;
 * response-type-invalid still reports the missing parameter.
 */
export function isAuthorizationRequest(params: readonly Param[], url = ''): boolean {
  if (!hasParam(params, 'client_id')) return false;
  if (hasParam(params, 'response_type') || hasParam(params, 'request_uri')) return true;
  return hasParam(params, 'redirect_uri') && AUTHORIZE_PATH.test(url);
}

/** Parameters only an authorization server's answer carries: what makes a URL a callback. */
const RESPONSE_PARAMS = paramNamesWhere('marksResponse');

export function isAuthorizationResponse(params: readonly Param[]): boolean {
  return params.some((param) => RESPONSE_PARAMS.has(param.name));
}

export function requestState(params: readonly Param[]): string | undefined {
  return getParam(params, 'state');
}
