// The thin layer over oidc-provider's final redirect: what a personality or a faulty scenario
// changes in the authorization response before the browser follows it back to the client.
import type { AkahuEvent } from './personalities';

/** How the server answers one flow, beyond what oidc-provider does on its own. */
export interface CallbackRewrite {
  /** Akahu: add `event` to a successful response; REVOKE also takes the code away. */
  event?: AkahuEvent;
  /** Keep the code on a REVOKE: a response Akahu never sends (the event-code-mismatch scenario). */
  keepCodeOnRevoke?: boolean;
  /** Return `state` cut to ALTERED_STATE_LENGTH characters, as a server or proxy with a short column would. */
  alterState?: boolean;
}

export const ALTERED_STATE_LENGTH = 16;

/** The query of `location` when it is a redirect to one of `redirectUris` (exactly, then "?"). */
export function callbackQuery(location: string, redirectUris: readonly string[]): URLSearchParams | undefined {
  const queryAt = location.indexOf('?');
  if (queryAt < 0 || !redirectUris.includes(location.slice(0, queryAt))) return undefined;
  return new URLSearchParams(location.slice(queryAt + 1));
}

/**
 * The Location to send instead of `location`. Only redirects to one of `redirectUris` change;
 * error responses get no event, since Akahu reports errors with `error` and
 * `error_description` alone.
 */
export function rewriteCallback(location: string, redirectUris: readonly string[], rewrite: CallbackRewrite): string {
  const params = callbackQuery(location, redirectUris);
  if (!params) return location;
  let changed = false;
  if (rewrite.event !== undefined && !params.has('error')) {
    params.set('event', rewrite.event);
    if (rewrite.event === 'REVOKE' && !rewrite.keepCodeOnRevoke) params.delete('code');
    changed = true;
  }
  const state = params.get('state');
  if (rewrite.alterState && state !== null) {
    params.set('state', state.slice(0, ALTERED_STATE_LENGTH));
    changed = true;
  }
  return changed ? `${location.slice(0, location.indexOf('?'))}?${params}` : location;
}
