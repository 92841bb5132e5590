import { distinctHits, quoted } from '../hit-helpers';
import { defineRule, type RuleHit } from '../rule';

const ERROR_RESPONSE = { title: 'RFC 6749 s4.1.2.1: error response', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1' };

/** What the usual error codes mean (RFC 6749 s4.1.2.1, OpenID Connect Core s3.1.2.6). */
const ERROR_MEANINGS: Readonly<Record<string, string>> = {
  invalid_request: 'the request is missing a required parameter, repeats one, has an invalid value, or is otherwise malformed',
  unauthorized_client: 'this client is not allowed to use this grant or response type',
  access_denied: 'the user, or the authorization server on their behalf, declined the request',
  unsupported_response_type: 'the authorization server does not support this response_type',
  invalid_scope: 'a requested scope is invalid, unknown or malformed',
  server_error: 'the authorization server failed unexpectedly (it could not show an HTTP 500 through a redirect)',
  temporarily_unavailable: 'the authorization server is overloaded or down for maintenance; a later retry may work',
  login_required: 'the user must log in, but the request (usually with prompt=none) did not let the server ask (OpenID Connect)',
  consent_required: 'the user must consent, but the request (usually with prompt=none) did not let the server ask (OpenID Connect)',
  interaction_required: 'the user must interact, e.g. pick an account, but the request (usually with prompt=none) did not allow it (OpenID Connect)',
};

/** An error code as written when it is plain, quoted otherwise. */
function codeText(error: string): string {
  return /^[\x21-\x7e]{1,64}$/.test(error) ? error : quoted(error);
}

export const errorResponse = defineRule({
  id: 'error-response',
  severity: 'error',
  title: 'Authorization error response',
  explanation:
    'The authorization server redirected back with an error instead of a code (RFC 6749 s4.1.2.1): error names what went wrong, error_description and error_uri (optional) explain it for the developer. access_denied usually just means the user said no; any other code points at the request, the client registration or the server.',
  reference: ERROR_RESPONSE,
  fix: 'Read error and error_description: fix the request (invalid_request, invalid_scope, unsupported_response_type), the client registration (unauthorized_client), send the user through an interactive login (login_required, consent_required, interaction_required), or retry later (server_error, temporarily_unavailable).',
  check({ callbacks }) {
    const hits: RuleHit[] = [];
    for (const { fields } of callbacks) {
      const { error, errorDescription, errorUri } = fields;
      if (error === undefined) continue;
      const meaning = ERROR_MEANINGS[error];
      const details = [
        errorDescription !== undefined && errorDescription !== '' && `: ${quoted(errorDescription)}`,
        errorUri !== undefined && errorUri !== '' && ` (more at ${quoted(errorUri)})`,
      ]
        .filter(Boolean)
        .join('');
      hits.push({
        message: `The authorization server answered error=${codeText(error)}${details}.${meaning ? ` It means ${meaning}.` : ''}`,
        severity: error === 'access_denied' ? 'warning' : 'error',
        evidence: { param: 'error', value: error },
      });
    }
    return distinctHits(hits);
  },
});

export const errorWithCode = defineRule({
  id: 'error-with-code',
  severity: 'error',
  title: 'Callback carries both an error and a code',
  explanation:
    'An authorization response is either a success with a code (RFC 6749 s4.1.2) or an error without one (s4.1.2.1), never both. A callback with both is ambiguous: the server is broken, or a code was added to the URL by someone else (code injection, RFC 9700 s4.5).',
  reference: ERROR_RESPONSE,
  fix: 'Treat such a callback as an error and do not redeem the code; find out where the extra parameter comes from (the server, a proxy, or a redirect URI that passes its query on).',
  check({ callbacks }) {
    const hits = callbacks
      .filter(({ fields }) => fields.error !== undefined && fields.code !== undefined)
      .map(
        ({ fields }): RuleHit => ({
          message: `The callback carries error=${codeText(fields.error ?? '')} together with a code.`,
          evidence: { param: 'error', value: fields.error ?? '' },
        }),
      );
    return distinctHits(hits);
  },
});

/**
 * RFC 6749 Appendix A.7 and A.8: error and error_description are %x20-21 / %x23-5B / %x5D-7E
 * (printable ASCII without `"` and `\`); A.9: error_uri is the same without the space.
 */
const ALLOWED: Readonly<Record<string, RegExp>> = {
  error: /^[\x20\x21\x23-\x5b\x5d-\x7e]$/u,
  error_description: /^[\x20\x21\x23-\x5b\x5d-\x7e]$/u,
  error_uri: /^[\x21\x23-\x5b\x5d-\x7e]$/u,
};
const MAX_LISTED = 5;

function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const point = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) ? `${point} (${char})` : point;
}

export const errorInvalidChars = defineRule({
  id: 'error-invalid-chars',
  severity: 'warning',
  title: 'Error parameters use characters RFC 6749 forbids',
  explanation:
    'RFC 6749 s4.1.2.1 limits error and error_description to printable ASCII without the double quote and backslash (%x20-21 / %x23-5B / %x5D-7E, Appendix A.7 and A.8), and error_uri to the same without the space (A.9). Other characters, or broken percent-encoding, are displayed differently by every client and can break logging and error pages.',
  reference: { title: 'RFC 6749 Appendix A.7-A.9: error, error_description, error_uri syntax', url: 'https://www.rfc-editor.org/rfc/rfc6749#appendix-A.7' },
  fix: 'Have the authorization server send ASCII-only error text (no quotes, backslashes or non-ASCII letters), percent-encode it correctly, and put localised text behind error_uri instead.',
  check({ callbacks }) {
    const hits: RuleHit[] = [];
    for (const callback of callbacks) {
      for (const param of callback.record.params) {
        const allowed = ALLOWED[param.name];
        if (!allowed) continue;
        const evidence = { param: param.name, value: param.value };
        if (param.error !== undefined) {
          hits.push({ message: `${param.name} is not valid percent-encoding (${param.error}).`, evidence });
          continue;
        }
        const bad = [...new Set([...param.value].filter((char) => !allowed.test(char)))];
        if (bad.length === 0) continue;
        const listed = bad.slice(0, MAX_LISTED).map(describeChar).join(', ');
        const more = bad.length > MAX_LISTED ? ` and ${bad.length - MAX_LISTED} more` : '';
        hits.push({ message: `${param.name} contains characters RFC 6749 does not allow there: ${listed}${more}.`, evidence });
      }
    }
    return distinctHits(hits);
  },
});

export const ERROR_RULES = [errorResponse, errorWithCode, errorInvalidChars];
