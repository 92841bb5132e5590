import type { AuthorizationRequestRecord, CallbackRecord, ClientCookie, Flow, TokenExchange } from '../flows/flow-schema';
import { readAuthorizationRequestFields, readCallbackFields, type AuthorizationRequestFields, type CallbackFields } from '../flows/read-fields';
import { decodeJwt, type DecodedJwt } from '../jwt/decode-jwt';
import type { ResolvedProfile } from '../profiles/resolve-profile';
import type { RegisteredRedirect, Settings } from '../settings/settings-schema';

export interface RequestView {
  record: AuthorizationRequestRecord;
  fields: AuthorizationRequestFields;
}

export interface CallbackView {
  record: CallbackRecord;
  fields: CallbackFields;
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
}

export function indexFlows(views: readonly FlowView[]): FlowIndex {
  const byRequestState = new Map<string, FlowView[]>();
  const byCode = new Map<string, FlowView[]>();
  const add = (map: Map<string, FlowView[]>, key: string, view: FlowView) => {
    const list = map.get(key);
    if (!list) map.set(key, [view]);
    else if (list.at(-1) !== view) list.push(view);
  };
  for (const view of views) {
    if (view.request?.fields.state !== undefined) add(byRequestState, view.request.fields.state, view);
    for (const callback of view.callbacks) if (callback.fields.code !== undefined) add(byCode, callback.fields.code, view);
  }
  return { byRequestState, byCode };
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
  const fields = readCallbackFields(record.params);
  return { record, fields, ...(fields.idToken !== undefined && { idToken: decodeJwt(fields.idToken) }) };
}
