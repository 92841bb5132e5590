import type { AuthorizationRequestRecord, CallbackRecord, ClientCookie, Flow, TokenExchange } from '../flows/flow-schema';
import { readAuthorizationRequestFields, readCallbackFields, type AuthorizationRequestFields, type CallbackFields } from '../flows/read-fields';
import { decodeJwt, type DecodedJwt } from '../jwt/decode-jwt';
import type { Param } from '../params/param-schema';
import type { ResolvedProfile } from '../profiles/resolve-profile';
import type { RegisteredRedirect, Settings } from '../settings/settings-schema';

export interface RequestView {
  record: AuthorizationRequestRecord;
  fields: AuthorizationRequestFields;
}

export interface CallbackView {
  record: CallbackRecord;
  /** What the response says: for a JARM response, the claims inside its `response` JWT, which every callback check reads. */
  fields: CallbackFields;
  /** The decoded `response` JWT of a JARM response (JWT Secured Authorization Response Mode). */
  jarm?: DecodedJwt;
  /** The unverified contents of the callback's `id_token`, when it carries one. */
  idToken?: DecodedJwt;
}

/** A flow decoded once, for every check to read. */
export interface FlowView {
  flow: Flow;
  profile: ResolvedProfile;
  registration?: RegisteredRedirect;
  request?: RequestView;
  /** The first arrival at the redirect URI: the authorization response itself. */
  callback?: CallbackView;
  /** Every arrival, the first included; more than one means the code went back again. */
  callbacks: CallbackView[];
  /** The page's token requests with this flow's code, in order: none when a server exchanges it. */
  exchanges: readonly TokenExchange[];
  /** The cookies the client set as the flow started, in order: none when none were seen. */
  cookies: readonly ClientCookie[];
}

/** What a check may look at beyond its own flow. */
export interface CheckContext {
  /** All flows, oldest first, this one included. */
  flows: readonly FlowView[];
  /** Flows by the values checks compare across flows, so that no check scans them all per flow. */
  index: FlowIndex;
  settings: Settings;
}

export interface FlowIndex {
  /** Flows whose authorization request sent this state, oldest first. */
  byRequestState: ReadonlyMap<string, readonly FlowView[]>;
  /** Flows with a callback carrying this code, oldest first, each once. */
  byCode: ReadonlyMap<string, readonly FlowView[]>;
  /** Flows whose authorization request sent this PAR request_uri, oldest first. */
  byRequestUri: ReadonlyMap<string, readonly FlowView[]>;
}

export function indexFlows(views: readonly FlowView[]): FlowIndex {
  const byRequestState = new Map<string, FlowView[]>();
  const byCode = new Map<string, FlowView[]>();
  const byRequestUri = new Map<string, FlowView[]>();
  const add = (map: Map<string, FlowView[]>, key: string, view: FlowView) => {
    const list = map.get(key);
    if (!list) map.set(key, [view]);
    else if (list.at(-1) !== view) list.push(view);
  };
  for (const view of views) {
    if (view.request?.fields.state !== undefined) add(byRequestState, view.request.fields.state, view);
    if (view.request?.fields.requestUri !== undefined) add(byRequestUri, view.request.fields.requestUri, view);
    for (const callback of view.callbacks) if (callback.fields.code !== undefined) add(byCode, callback.fields.code, view);
  }
  return { byRequestState, byCode, byRequestUri };
}

export function viewFlow(flow: Flow, profile: ResolvedProfile, registration?: RegisteredRedirect): FlowView {
  const callbacks = flow.callbacks.map(viewCallback);
  return {
    flow,
    profile,
    ...(registration && { registration }),
    ...(flow.request && { request: { record: flow.request, fields: readAuthorizationRequestFields(flow.request.params) } }),
    ...(callbacks[0] && { callback: callbacks[0] }),
    callbacks,
    exchanges: flow.exchanges ?? [],
    cookies: flow.cookies ?? [],
  };
}

function viewCallback(record: CallbackRecord): CallbackView {
  const plain = readCallbackFields(record.params);
  const jarm = plain.response === undefined ? undefined : decodeJwt(plain.response);
  const fields = jarm?.ok ? { ...plain, ...readCallbackFields(claimParams(jarm.payload)) } : plain;
  return { record, fields, ...(jarm && { jarm }), ...(fields.idToken !== undefined && { idToken: decodeJwt(fields.idToken) }) };
}

/** A JWT's text claims as the parameters a plain response would have carried. */
function claimParams(claims: Record<string, unknown>): Param[] {
  return Object.entries(claims).flatMap(([name, value]): Param[] => (typeof value === 'string' ? [{ name, value, in: 'query' }] : []));
}
