import { defineRule } from '../rule';
import { listNames } from './list-names';

const KNOWN_VALUES: ReadonlySet<string> = new Set(['code', 'token', 'id_token', 'none']);

/** A response_type as a set: `code id_token` and `id_token code` are the same (RFC 6749 s3.1.1). */
const asSet = (values: readonly string[]) => [...new Set(values)].sort().join(' ');

export const responseTypeInvalid = defineRule({
  id: 'response-type-invalid',
  severity: 'error',
  title: 'response_type is missing or malformed',
  explanation:
    'response_type is REQUIRED and is a space-separated list of values, each at most once, in any order (RFC 6749 s3.1.1). The registered values are code, token, id_token and none, and none may not be combined with others (OAuth 2.0 Multiple Response Type Encoding Practices).',
  reference: { title: 'RFC 6749 s3.1.1: response type', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-3.1.1' },
  fix: 'Send response_type=code (with PKCE) unless the provider documents another combination; separate several values with a single space (%20 or +).',
  check({ request }) {
    if (!request) return [];
    const { responseType, responseTypes, requestUri } = request.fields;
    // With PAR the response_type was pushed, out of the browser's sight.
    if (responseType === undefined) return requestUri === undefined ? [{ message: 'The authorization request carries no response_type.' }] : [];
    const unknown = [...new Set(responseTypes.filter((value) => !KNOWN_VALUES.has(value)))];
    const repeated = [...new Set(responseTypes.filter((value, index) => responseTypes.indexOf(value) !== index))];
    const problems = [
      responseTypes.length === 0 && 'is empty',
      unknown.length > 0 && `has the unknown value${unknown.length > 1 ? 's' : ''} ${listNames(unknown)}`,
      repeated.length > 0 && `repeats ${listNames(repeated)}`,
      responseTypes.includes('none') && new Set(responseTypes).size > 1 && 'combines "none" with other values',
    ].filter((problem): problem is string => typeof problem === 'string');
    if (problems.length === 0) return [];
    return [{ message: `The response_type ${problems.join(', ')}.`, evidence: { param: 'response_type', value: responseType } }];
  },
});

export const responseTypeImplicit = defineRule({
  id: 'response-type-implicit',
  severity: 'warning',
  title: 'Access token requested in the front channel',
  explanation:
    'A response_type containing token returns the access token in the redirect URI, where it leaks through history, referrers and logs and cannot be sender-constrained; RFC 9700 s2.1.2 says clients SHOULD NOT use the implicit grant (or any response type issuing tokens from the authorization endpoint).',
  reference: { title: 'RFC 9700 s2.1.2: implicit grant', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-2.1.2' },
  fix: 'Use response_type=code with PKCE and exchange the code for tokens at the token endpoint.',
  check({ request }) {
    const sent = request?.fields.responseType;
    if (sent === undefined || !request?.fields.responseTypes.includes('token')) return [];
    return [{ message: `The response_type "${sent}" asks for an access token in the redirect.`, evidence: { param: 'response_type', value: sent } }];
  },
});

export const responseTypeUnsupported = defineRule({
  id: 'response-type-unsupported',
  severity: 'error',
  title: 'response_type not accepted by the provider',
  explanation:
    'The provider profile lists the response types its authorization server accepts; any other makes it answer with unsupported_response_type (RFC 6749 s4.1.2.1) instead of asking the user for consent.',
  reference: { title: 'RFC 6749 s4.1.2.1: error response', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1' },
  fix: 'Send one of the response types the provider documents (for Akoya and Akahu, response_type=code).',
  check({ request, profile }) {
    const allowed = profile.values.allowedResponseTypes;
    const sent = request?.fields.responseType;
    const values = request?.fields.responseTypes ?? [];
    if (allowed === null || sent === undefined || values.length === 0) return [];
    if (allowed.some((type) => asSet(type.split(' ').filter(Boolean)) === asSet(values))) return [];
    return [
      {
        message: `${profile.name} accepts response_type ${allowed.map((type) => `"${type}"`).join(' or ')}; this request sends "${sent}".`,
        evidence: { param: 'response_type', value: sent },
      },
    ];
  },
});

export const RESPONSE_TYPE_RULES = [responseTypeInvalid, responseTypeImplicit, responseTypeUnsupported];
