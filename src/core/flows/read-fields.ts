import { getParam } from '../params/param-list';
import type { Param } from '../params/param-schema';
import { z } from '../zod';

const text = z.string().optional();

/** The decoded parameters of an authorization request that the popup and the checks read. */
export const AuthorizationRequestFieldsSchema = z.object({
  clientId: text,
  responseType: text,
  /** `response_type` split on spaces (RFC 6749 s3.1.1: the order does not matter). */
  responseTypes: z.array(z.string()),
  responseMode: text,
  redirectUri: text,
  scope: text,
  scopes: z.array(z.string()),
  state: text,
  nonce: text,
  codeChallenge: text,
  codeChallengeMethod: text,
  /** PAR (RFC 9126): the reference to parameters pushed before the browser was sent here. */
  requestUri: text,
  /** Akoya: the data provider the user will log in to. */
  connector: text,
  prompt: text,
  loginHint: text,
});

/** The decoded parameters of an authorization response (the callback). */
export const CallbackFieldsSchema = z.object({
  code: text,
  state: text,
  iss: text,
  /** Akahu: what the user did (ACCEPT, UPDATE or REVOKE). */
  event: text,
  error: text,
  errorDescription: text,
  errorUri: text,
  idToken: text,
  accessToken: text,
  refreshToken: text,
  tokenType: text,
  expiresIn: text,
  sessionState: text,
});

export type AuthorizationRequestFields = z.infer<typeof AuthorizationRequestFieldsSchema>;
export type CallbackFields = z.infer<typeof CallbackFieldsSchema>;

const words = (value: string | undefined) => (value ?? '').split(' ').filter(Boolean);

export function readAuthorizationRequestFields(params: readonly Param[]): AuthorizationRequestFields {
  const get = (name: string) => getParam(params, name);
  return dropUndefined({
    clientId: get('client_id'),
    responseType: get('response_type'),
    responseTypes: words(get('response_type')),
    responseMode: get('response_mode'),
    redirectUri: get('redirect_uri'),
    scope: get('scope'),
    scopes: words(get('scope')),
    state: get('state'),
    nonce: get('nonce'),
    codeChallenge: get('code_challenge'),
    codeChallengeMethod: get('code_challenge_method'),
    requestUri: get('request_uri'),
    connector: get('connector'),
    prompt: get('prompt'),
    loginHint: get('login_hint'),
  });
}

export function readCallbackFields(params: readonly Param[]): CallbackFields {
  const get = (name: string) => getParam(params, name);
  return dropUndefined({
    code: get('code'),
    state: get('state'),
    iss: get('iss'),
    event: get('event'),
    error: get('error'),
    errorDescription: get('error_description'),
    errorUri: get('error_uri'),
    idToken: get('id_token'),
    accessToken: get('access_token'),
    refreshToken: get('refresh_token'),
    tokenType: get('token_type'),
    expiresIn: get('expires_in'),
    sessionState: get('session_state'),
  });
}

/** Absent fields stay absent rather than `undefined`, so the objects round-trip through JSON. */
function dropUndefined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}
