import { base64Text, estimateEntropyBits } from '../estimate-entropy';
import { defineRule } from '../rule';
import { quoted } from '../hit-helpers';

const CSRF_BCP = { title: 'RFC 9700 s2.1 and s4.7: CSRF protection', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-4.7' };
const MIN_ENTROPY_BITS = 128;

/** PKCE with S256 also stops CSRF (RFC 9700 s2.1), so a missing state matters less with it. */
const usesS256 = (method: string | undefined, challenge: string | undefined) => challenge !== undefined && method === 'S256';

export const stateMissing = defineRule({
  id: 'state-missing',
  severity: 'error',
  title: 'No state in the authorization request',
  explanation:
    'Without state (or PKCE, or an OIDC nonce) the client cannot tell its own authorization response from one an attacker started, which opens it to cross-site request forgery (RFC 6749 s10.12, RFC 9700 s4.7).',
  reference: CSRF_BCP,
  fix: 'Send a fresh, unguessable state with every authorization request, bind it to the user session, and compare it on the callback.',
  check({ request }) {
    // With PAR the state travels in the pushed request, out of the browser's sight.
    if (!request || request.fields.requestUri !== undefined || request.fields.state !== undefined) return [];
    const { codeChallengeMethod, codeChallenge } = request.fields;
    return [
      {
        message: 'The authorization request carries no state parameter.',
        ...(usesS256(codeChallengeMethod, codeChallenge) && { severity: 'warning' as const }),
      },
    ];
  },
});

export const stateMismatch = defineRule({
  id: 'state-mismatch',
  severity: 'error',
  title: 'Callback state differs from the request',
  explanation:
    'The authorization server must return state exactly as it received it (RFC 6749 s4.1.2). A different or missing state means the response does not belong to this request: a CSRF attempt, a mixed-up flow, or a server or proxy that alters it.',
  reference: { title: 'RFC 6749 s4.1.2 and s10.12', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-10.12' },
  fix: 'Reject the callback in the client; find what changes the state between request and callback (encoding, truncation, a second tab or a stale session).',
  check({ request, callback }) {
    const sent = request?.fields.state;
    if (sent === undefined || !callback) return [];
    const received = callback.fields.state;
    if (received === sent) return [];
    return [
      {
        message: received === undefined ? 'The callback carries no state, but the request sent one.' : 'The callback state is not the state the request sent.',
        evidence: { param: 'state', ...(received !== undefined && { value: received }) },
      },
    ];
  },
});

export const stateShort = defineRule({
  id: 'state-short',
  severity: 'warning',
  title: 'State shorter than the provider asks',
  explanation:
    'A short state is easy to guess, so it protects little against CSRF. Akoya asks for at least 8 characters; Consent Lens applies the same minimum by default.',
  reference: CSRF_BCP,
  fix: 'Generate state from at least 16 random bytes, base64url-encoded (22+ characters).',
  check({ request, profile }) {
    const state = request?.fields.state;
    const minimum = profile.values.minStateLength;
    if (state === undefined || state === '' || state.length >= minimum) return [];
    return [
      { message: `The state is ${state.length} characters long; ${profile.name} expects at least ${minimum}.`, evidence: { param: 'state', value: state } },
    ];
  },
});

export const stateLowEntropy = defineRule({
  id: 'state-low-entropy',
  severity: 'warning',
  title: 'State looks guessable',
  explanation: `A state protects against CSRF only if an attacker cannot guess it; RFC 6749 s10.10 asks for a guessing probability of at most 2^-128. This estimate assumes each character is random; values under ${MIN_ENTROPY_BITS} bits cannot be.`,
  reference: { title: 'RFC 6749 s10.10: credentials-guessing attacks', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-10.10' },
  fix: 'Use a cryptographically random state of at least 16 bytes (e.g. crypto.getRandomValues, base64url-encoded).',
  check({ request }) {
    const state = request?.fields.state;
    if (state === undefined || state === '') return [];
    const bits = Math.floor(estimateEntropyBits(state));
    if (bits >= MIN_ENTROPY_BITS) return [];
    const text = base64Text(state);
    const readable = text === undefined ? '' : ` It is base64 of readable text (${quoted(text, 60)}), which anyone can encode again.`;
    return [
      { message: `The state holds at most about ${bits} bits of entropy (under ${MIN_ENTROPY_BITS}).${readable}`, evidence: { param: 'state', value: state } },
    ];
  },
});

export const stateReused = defineRule({
  id: 'state-reused',
  severity: 'error',
  title: 'State reused across flows',
  explanation:
    'A state must be unique to one authorization request. A value sent in two flows is predictable or fixed, so an attacker who sees it once can forge callbacks for the other (RFC 6749 s10.12).',
  reference: CSRF_BCP,
  fix: 'Generate a new random state for every authorization request instead of a constant or a per-session value.',
  check({ flow, request }, { index }) {
    const state = request?.fields.state;
    if (state === undefined || state === '') return [];
    const others = (index.byRequestState.get(state) ?? []).filter((other) => other.flow.id !== flow.id);
    if (others.length === 0) return [];
    return [
      {
        message: `The same state was sent in ${others.length + 1} flows (${[flow.id, ...others.map((o) => o.flow.id)].join(', ')}).`,
        evidence: { param: 'state', value: state },
      },
    ];
  },
});

export const STATE_RULES = [stateMissing, stateMismatch, stateShort, stateLowEntropy, stateReused];
