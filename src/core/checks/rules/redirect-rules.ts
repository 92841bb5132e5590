import { urlParams } from '../../params/decode-params';
import { parseUrl, urlBase } from '../../url/parse-url';
import { defineRule } from '../rule';
import { listNames } from './list-names';
import { appKey, describeDifferences, hostKind, isNestedUrl, nearestUri, redirectTarget, RESPONSE_PARAM_NAMES } from './redirect-uri-parts';

const REDIRECTION_ENDPOINT = { title: 'RFC 6749 s3.1.2: redirection endpoint', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2' };

export const redirectNotHttps = defineRule({
  id: 'redirect-not-https',
  severity: 'error',
  title: 'Redirect URI uses plain http',
  explanation:
    'The authorization code (or token) reaches the client in the redirect URI, so over plain http anyone on the network path can read or replace it (RFC 6749 s3.1.2.1 and s10.5, RFC 9700 s4.1). Only loopback IP literals such as http://127.0.0.1:port are exempt, because that traffic never leaves the machine (RFC 8252 s7.3 and s8.3).',
  reference: { title: 'RFC 6749 s3.1.2.1: endpoint request confidentiality', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2.1' },
  fix: 'Serve the callback over https and register the https URI; a native app may listen on http://127.0.0.1:<port> instead.',
  check(view) {
    const target = redirectTarget(view);
    if (target?.url.protocol !== 'http:') return [];
    const strict = view.profile.values.requireHttpsRedirect;
    const kind = hostKind(target.url.hostname);
    // A loopback redirect is allowed by RFC 8252; `localhost` gets redirect-localhost instead.
    if (kind !== 'other' && !strict) return [];
    const sent = view.request?.fields.redirectUri;
    const what = target.from === 'redirect_uri' ? 'The redirect_uri' : 'The callback URL';
    return [
      {
        message:
          kind === 'other'
            ? `${what} ${target.base} uses plain http.`
            : `${what} ${target.base} uses plain http; ${view.profile.name} requires https redirect URIs, even on loopback.`,
        ...(target.from === 'redirect_uri' && sent && { evidence: { param: 'redirect_uri', value: sent } }),
      },
    ];
  },
});

export const redirectLocalhost = defineRule({
  id: 'redirect-localhost',
  severity: 'info',
  title: 'Redirect URI uses the name localhost',
  explanation:
    'RFC 8252 s8.3 recommends the loopback IP literal over the name localhost: the name may resolve to another interface or be redirected by a proxy or hosts file, and listening on it can expose the port beyond the machine.',
  reference: { title: 'RFC 8252 s8.3: loopback redirect considerations', url: 'https://www.rfc-editor.org/rfc/rfc8252#section-8.3' },
  fix: 'Use http://127.0.0.1:<port>/... (or http://[::1]:<port>/...) as the redirect URI and register it that way.',
  check(view) {
    const target = redirectTarget(view);
    if (!target || hostKind(target.url.hostname) !== 'localhost') return [];
    return [{ message: `The redirect URI ${target.base} names host "${target.url.hostname}" rather than 127.0.0.1.` }];
  },
});

export const redirectUriUnregistered = defineRule({
  id: 'redirect-uri-unregistered',
  severity: 'error',
  title: 'redirect_uri is not one of your registered URIs',
  explanation:
    'Authorization servers must compare redirect URIs by exact string matching (RFC 9700 s2.1 and s4.1.3): a different scheme, port, path, trailing slash or query makes the server reject the request, or, where it matches loosely, lets an attacker steer the code elsewhere.',
  reference: { title: 'RFC 9700 s4.1.3: redirect URI validation', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-4.1.3' },
  fix: 'Send the redirect_uri exactly as registered, character for character, or register the URI the app actually uses.',
  check({ request, registration }, { settings }) {
    const sent = request?.fields.redirectUri;
    if (!sent || settings.redirectUris.length === 0) return [];
    if (settings.redirectUris.some(({ uri }) => uri === sent)) return [];
    const key = appKey(sent);
    const sameApp = settings.redirectUris.filter(({ uri }) => key !== undefined && appKey(uri) === key).map(({ uri }) => uri);
    // A flow matched to a registration through its callback belongs to that app, whatever it sent.
    const candidates = [...new Set([...(registration ? [registration.uri] : []), ...sameApp])];
    const nearest = nearestUri(sent, candidates);
    if (nearest === undefined) return [];
    const differences = describeDifferences(sent, nearest);
    return [
      {
        message: `The redirect_uri is not registered; the nearest registered URI is ${nearest}${differences.length > 0 ? `, which differs in ${differences.join(', ')}` : ''}.`,
        evidence: { param: 'redirect_uri', value: sent },
      },
    ];
  },
});

export const redirectUriMismatch = defineRule({
  id: 'redirect-uri-mismatch',
  severity: 'error',
  title: 'Callback did not arrive at the requested redirect_uri',
  explanation:
    'The authorization server must send the user agent back to the redirect_uri of the request, keeping its query component (RFC 6749 s3.1.2 and s4.1.2). A callback elsewhere means the server, a proxy or the app rewrote the destination, or the response does not belong to this request.',
  reference: REDIRECTION_ENDPOINT,
  fix: 'Find what changes the destination (a server-side default redirect URI, a proxy, a rewrite rule) and make the callback land exactly on the redirect_uri sent.',
  check({ request, callback }) {
    const sent = request?.fields.redirectUri;
    if (!sent || !callback) return [];
    const expected = urlBase(sent);
    const arrived = urlBase(callback.record.url);
    if (expected === undefined || arrived === undefined) return [];
    if (expected !== arrived) {
      return [{ message: `The callback arrived at ${arrived}, not at the requested ${expected}.`, evidence: { param: 'redirect_uri', value: sent } }];
    }
    const received = callback.record.params;
    const missing = urlParams(sent).filter(({ name, value }) => !received.some((param) => param.name === name && param.value === value));
    if (missing.length === 0) return [];
    return [
      {
        message: `The callback lost the redirect_uri's own query parameter${missing.length > 1 ? 's' : ''} ${listNames([...new Set(missing.map(({ name }) => name))])}.`,
        evidence: { param: 'redirect_uri', value: sent },
      },
    ];
  },
});

export const redirectUriInvalid = defineRule({
  id: 'redirect-uri-invalid',
  severity: 'error',
  title: 'redirect_uri is not a valid absolute URI',
  explanation:
    'The redirection endpoint URI must be an absolute URI and must not include a fragment component (RFC 6749 s3.1.2). Servers reject anything else, or resolve it in ways the client did not intend.',
  reference: REDIRECTION_ENDPOINT,
  fix: 'Send a complete absolute URI such as https://app.example.com/callback, without a #fragment, and percent-encode it as a query value.',
  check({ request }) {
    const uri = request?.fields.redirectUri;
    // An empty value counts as absent (RFC 6749 s3.1); empty-param reports it.
    if (!uri) return [];
    const problems = [
      !/^[a-z][a-z0-9+.-]*:/i.test(uri) ? 'has no scheme, so it is not absolute' : !parseUrl(uri).ok && 'does not parse as a URI',
      /^https?:(?!\/\/)/i.test(uri) && 'lacks the "//" before its host',
      /[\s\u0000-\u001f\u007f]/.test(uri) && 'contains spaces or control characters',
      uri.includes('#') && 'contains a fragment (#)',
    ].filter((problem): problem is string => typeof problem === 'string');
    if (problems.length === 0) return [];
    return [{ message: `The redirect_uri ${problems.join(' and ')}.`, evidence: { param: 'redirect_uri', value: uri } }];
  },
});

export const redirectUriPollution = defineRule({
  id: 'redirect-uri-pollution',
  severity: 'warning',
  title: 'redirect_uri carries response parameters or a nested URL',
  explanation:
    'A redirect URI that already holds code, state, error, tokens or iss confuses the client about which values came from the server, and one whose parameter is another URL turns the callback into an open redirector that can forward the code to an attacker (RFC 9700 s4.11 and s4.1).',
  reference: { title: 'RFC 9700 s4.11: open redirection', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-4.11' },
  fix: 'Register a fixed redirect URI without response parameters; keep return-to URLs in the client session (keyed by state) instead of in the redirect URI.',
  check({ request }) {
    const uri = request?.fields.redirectUri;
    if (!uri) return [];
    const params = urlParams(uri);
    const unique = (names: string[]) => [...new Set(names)];
    const responseNames = unique(params.filter(({ name }) => RESPONSE_PARAM_NAMES.has(name)).map(({ name }) => name));
    const nested = unique(params.filter(({ value }) => isNestedUrl(value)).map(({ name }) => name));
    const problems = [
      responseNames.length > 0 && `already carries ${listNames(responseNames)}`,
      nested.length > 0 && `holds a URL in ${listNames(nested)}`,
    ].filter((problem): problem is string => typeof problem === 'string');
    if (problems.length === 0) return [];
    return [{ message: `The redirect_uri ${problems.join(' and ')}.`, evidence: { param: 'redirect_uri', value: uri } }];
  },
});

export const REDIRECT_RULES = [redirectNotHttps, redirectLocalhost, redirectUriUnregistered, redirectUriMismatch, redirectUriInvalid, redirectUriPollution];
