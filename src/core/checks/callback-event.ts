import type { ProfileValues } from '../profiles/profile-schema';

/**
 * Akahu's vocabulary, the one `event` convention seen in the wild. A profile without events of
 * its own (generic OAuth 2.0, OIDC) reads a callback's `event` by it, so that the outcome
 * ("revoked") and the event checks always agree, whatever the profile.
 */
const EVENTS_SEEN_IN_THE_WILD = { callbackEvents: ['ACCEPT', 'UPDATE', 'REVOKE'], eventsWithCode: ['ACCEPT', 'UPDATE'] };

/** The events that end access rather than grant it. */
const ENDS_ACCESS = 'REVOKE';

export interface CallbackEvent {
  /** The event as sent. */
  value: string;
  /** The vocabulary's event it is, compared without case; absent when it is none of them. */
  known?: string;
  /** The known event comes with a code to exchange. */
  withCode: boolean;
  /** The known event ends access (REVOKE): there is no code to exchange and no success. */
  endsAccess: boolean;
  /** The events of the vocabulary that come with a code. */
  codeEvents: readonly string[];
}

export function readCallbackEvent(event: string | undefined, values: Pick<ProfileValues, 'callbackEvents' | 'eventsWithCode'>): CallbackEvent | undefined {
  if (event === undefined) return undefined;
  const fromProfile = values.callbackEvents !== null;
  const { callbackEvents, eventsWithCode } = fromProfile ? (values as { callbackEvents: string[]; eventsWithCode: string[] }) : EVENTS_SEEN_IN_THE_WILD;
  const known = callbackEvents.find((candidate) => candidate.toUpperCase() === event.toUpperCase());
  return {
    value: event,
    ...(known !== undefined && { known }),
    withCode: known !== undefined && eventsWithCode.includes(known),
    endsAccess: known?.toUpperCase() === ENDS_ACCESS,
    codeEvents: eventsWithCode,
  };
}
