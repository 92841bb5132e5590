import type { AuthorizationRequestRecord, CallbackRecord, Flow } from '../flows/flow-schema';
import {
  readAuthorizationRequestFields,
  readCallbackFields,
  type AuthorizationRequestFields,
  type CallbackFields,
} from '../flows/read-fields';
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
}

/** What a check may look at beyond its own flow. */
export interface CheckContext {
  /** All flows, oldest first, this one included: for checks across flows (reuse, replay). */
  flows: readonly FlowView[];
  settings: Settings;
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
  };
}

function viewCallback(record: CallbackRecord): CallbackView {
  const fields = readCallbackFields(record.params);
  return { record, fields, ...(fields.idToken !== undefined && { idToken: decodeJwt(fields.idToken) }) };
}
