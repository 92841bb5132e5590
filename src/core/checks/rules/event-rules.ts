import { readCallbackEvent } from '../callback-event';
import { distinctHits, quoted } from '../hit-helpers';
import { defineRule, type RuleHit } from '../rule';

const AKAHU_RESPONSE = { title: 'Akahu: Authorising with OAuth2, the authorisation response', url: 'https://developers.akahu.nz/docs/authorizing-with-oauth2' };

export const eventUnknown = defineRule({
  id: 'event-unknown',
  severity: 'warning',
  title: 'Callback event missing or unknown',
  explanation:
    'Akahu\'s guide says a successful callback carries event, the type of event the user performed: "One of ACCEPT, REVOKE, UPDATE". A client decides from it whether there is a code to exchange and whether access was granted, changed or revoked, so a missing or unexpected event leaves it guessing.',
  reference: AKAHU_RESPONSE,
  fix: 'Handle every documented event (ACCEPT, UPDATE, REVOKE) explicitly in the client; if the provider sends other values, add them to the profile (callbackEvents) after checking its documentation.',
  check({ callbacks, profile }) {
    const known = profile.values.callbackEvents;
    if (known === null) return [];
    const list = known.join(', ');
    const hits: RuleHit[] = [];
    for (const { fields } of callbacks) {
      const { event, error } = fields;
      if (error !== undefined || (event !== undefined && known.includes(event))) continue;
      if (event === undefined) {
        hits.push({ message: `The callback carries no event; ${profile.name} sends one of ${list}.`, evidence: { param: 'event' } });
        continue;
      }
      const differsInCase = known.find((value) => value.toUpperCase() === event.toUpperCase());
      hits.push({
        message: differsInCase
          ? `The callback event ${quoted(event, 80)} differs in case from ${differsInCase}.`
          : `The callback event ${quoted(event, 80)} is not one of ${list}.`,
        evidence: { param: 'event', value: event },
      });
    }
    return distinctHits(hits);
  },
});

export const eventCodeMismatch = defineRule({
  id: 'event-code-mismatch',
  severity: 'error',
  title: 'Callback event and code disagree',
  explanation:
    'Akahu\'s guide: "Only the ACCEPT and UPDATE events return a code to exchange." An ACCEPT or UPDATE without a code gives the client nothing to exchange; a REVOKE with a code is a response the provider never sends, which suggests the code was injected or the callback assembled by something other than the provider.',
  reference: AKAHU_RESPONSE,
  fix: 'Exchange a code only after ACCEPT or UPDATE, treat REVOKE as the end of access, and reject callbacks whose event and code disagree; report the response to the provider if it really sent it.',
  // Read with the same vocabulary as the outcome, so a flow shown "revoked" is checked as one
  // whatever its profile, and a REVOKE in lower case is not a way around the check.
  check({ callbacks, profile }) {
    const hits: RuleHit[] = [];
    for (const { fields } of callbacks) {
      const event = readCallbackEvent(fields.event, profile.values);
      if (fields.error !== undefined || event?.known === undefined) continue;
      const hasCode = fields.code !== undefined && fields.code !== '';
      if (event.withCode === hasCode) continue;
      hits.push({
        message: event.withCode
          ? `The callback event is ${event.value} but it carries no code; ${event.known} should come with one.`
          : `The callback event is ${event.value} but it carries a code; only ${event.codeEvents.join(' and ') || 'no event'} should come with one.`,
        evidence: { param: 'event', value: event.value },
      });
    }
    return distinctHits(hits);
  },
});

export const EVENT_RULES = [eventUnknown, eventCodeMismatch];
