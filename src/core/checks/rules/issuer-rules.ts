import { parseUrl } from '../../url/parse-url';
import { distinctHits, quoted } from '../hit-helpers';
import { describeDifferences } from './redirect-uri-parts';
import { defineRule, type RuleHit } from '../rule';

function originOf(url: string): string | undefined {
  const parsed = parseUrl(url);
  return parsed.ok ? parsed.url.origin : undefined;
}

export const issMismatch = defineRule({
  id: 'iss-mismatch',
  severity: 'error',
  title: 'Callback iss is not the expected issuer',
  explanation:
    'RFC 9207 s2.4: a client that receives iss must compare it, as an exact string, with the issuer identifier of the authorization server it sent the user to, and reject the response if they differ. A different issuer is the signature of a mix-up attack (RFC 9700 s4.4), where a response from one server is passed to the client as if it came from another. Without a configured issuer Consent Lens can only compare origins, so that case is a warning.',
  reference: { title: 'RFC 9207 s2.4: validating the issuer identifier', url: 'https://www.rfc-editor.org/rfc/rfc9207#section-2.4' },
  fix: "Reject the callback; check that the client stores which authorization server each flow went to and compares iss with that server's exact issuer identifier (from its metadata). Set the issuer in the profile overrides so Consent Lens can compare exactly.",
  check({ request, callbacks, profile }) {
    const expected = profile.values.issuer;
    const requestOrigin = request && originOf(request.record.url);
    const hits: RuleHit[] = [];
    for (const { fields } of callbacks) {
      const iss = fields.iss;
      if (iss === undefined) continue;
      const evidence = { param: 'iss', value: iss };
      if (expected !== undefined) {
        if (iss !== expected) {
          // RFC 9207 compares exactly; saying how the two differ tells a typo from a mix-up.
          const differences = describeDifferences(iss, expected);
          const how = differences.length > 0 ? ` They differ in ${differences.join(', ')}.` : '';
          hits.push({ message: `The callback iss is ${quoted(iss)}, but the expected issuer is ${quoted(expected)}.${how}`, evidence });
        }
        continue;
      }
      if (requestOrigin === undefined) continue;
      const issOrigin = originOf(iss);
      if (issOrigin === requestOrigin) continue;
      hits.push({
        message:
          issOrigin === undefined
            ? `The callback iss ${quoted(iss)} is not a URL, so it cannot be an issuer identifier (no issuer is configured to compare with).`
            : `The callback iss is on ${issOrigin}, but the authorization request went to ${requestOrigin} (no issuer is configured to compare with).`,
        severity: 'warning',
        evidence,
      });
    }
    return distinctHits(hits);
  },
});

export const issMissing = defineRule({
  id: 'iss-missing',
  severity: 'error',
  title: 'Callback lacks iss',
  explanation:
    'An authorization server that supports RFC 9207 must send its issuer identifier as iss in every authorization response, errors included (RFC 9207 s2). When the server is known to send it, a response without it did not come from that server as expected: a client defending against mix-up attacks (RFC 9700 s4.4) must reject it.',
  reference: { title: 'RFC 9207 s2: response parameter iss', url: 'https://www.rfc-editor.org/rfc/rfc9207#section-2' },
  fix: 'Check that the authorization server has iss in its authorization responses (authorization_response_iss_parameter_supported in its metadata), and reject responses without it in the client; if the server does not send iss, correct the profile setting (sendsIss, issuer).',
  check({ callbacks, profile }) {
    const { issuer, sendsIss } = profile.values;
    if (!sendsIss && issuer === undefined) return [];
    const reason =
      issuer !== undefined
        ? `the issuer ${quoted(issuer)} is configured for ${profile.name}`
        : `${profile.name} is set to send iss in every authorization response`;
    const hits = callbacks
      .filter(({ fields }) => fields.iss === undefined)
      .map(
        ({ fields }): RuleHit => ({
          message: `The ${fields.error === undefined ? '' : 'error '}callback carries no iss, but ${reason}.`,
          evidence: { param: 'iss' },
        }),
      );
    return distinctHits(hits);
  },
});

export const ISSUER_RULES = [issMismatch, issMissing];
