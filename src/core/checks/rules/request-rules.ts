import { repeatedNames } from '../../params/param-list';
import type { Param } from '../../params/param-schema';
import { parseUrl, urlBase } from '../../url/parse-url';
import type { FlowView } from '../flow-view';
import { defineRule, type RuleHit } from '../rule';
import { listNames } from './list-names';
import { hostKind } from './redirect-uri-parts';

const RFC6749_PARAMS = { title: 'RFC 6749 s3.1 and s3.2: endpoint parameters', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-3.1' };

/** RFC 8707 s2: `resource` may be repeated to name several resource servers. */
const REPEATABLE_REQUEST_PARAMS: ReadonlySet<string> = new Set(['resource']);

/** The flow's parameter lists, named for messages: the request's, then every callback's. */
function paramSources({ request, callbacks }: FlowView): Array<{ where: string; params: readonly Param[]; repeatable: ReadonlySet<string> }> {
  return [
    ...(request ? [{ where: 'the authorization request', params: request.record.params, repeatable: REPEATABLE_REQUEST_PARAMS }] : []),
    ...callbacks.map(({ record }) => ({ where: 'the callback', params: record.params, repeatable: new Set<string>() })),
  ];
}

/** One hit per parameter name and place, however many callbacks repeat it. */
function hitsPerName(
  view: FlowView,
  pick: (params: readonly Param[], repeatable: ReadonlySet<string>) => string[],
  say: (name: string, where: string, params: readonly Param[]) => string,
): RuleHit[] {
  const seen = new Set<string>();
  const hits: RuleHit[] = [];
  for (const { where, params, repeatable } of paramSources(view)) {
    for (const name of pick(params, repeatable)) {
      if (seen.has(`${where}\n${name}`)) continue;
      seen.add(`${where}\n${name}`);
      hits.push({ message: say(name, where, params), evidence: { param: name } });
    }
  }
  return hits;
}

export const authzEndpointNotHttps = defineRule({
  id: 'authz-endpoint-not-https',
  severity: 'error',
  title: 'Authorization endpoint uses plain http',
  explanation:
    "The authorization server MUST require TLS at the authorization endpoint (RFC 6749 s3.1): over plain http the request, the user's credentials and the consent page can be read or altered on the way, including by phishing and impersonation (RFC 6749 s10.9).",
  reference: { title: 'RFC 6749 s3.1: authorization endpoint', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-3.1' },
  fix: "Use the https URL of the authorization endpoint (from the server's metadata), and serve a local test server over https or on 127.0.0.1.",
  check({ request }) {
    if (!request) return [];
    const parsed = parseUrl(request.record.url);
    if (!parsed.ok || parsed.url.protocol !== 'http:') return [];
    const kind = hostKind(parsed.url.hostname);
    if (kind === 'loopback-ip') return [];
    return [
      {
        message: `The authorization request went to ${urlBase(request.record.url) ?? parsed.url.origin} over plain http.`,
        ...(kind === 'localhost' && { severity: 'warning' as const }),
      },
    ];
  },
});

export const duplicateParam = defineRule({
  id: 'duplicate-param',
  severity: 'error',
  title: 'Parameter sent more than once',
  explanation:
    'Request and response parameters MUST NOT be included more than once (RFC 6749 s3.1 and s3.2). Servers and clients disagree on which copy wins, so a repeated parameter is rejected or, worse, read differently by each side: a classic parameter-pollution attack.',
  reference: RFC6749_PARAMS,
  fix: 'Build the URL from a map of parameters, so each name is set once, and check that the redirect_uri does not already carry response parameters.',
  check(view) {
    return hitsPerName(
      view,
      (params, repeatable) => repeatedNames(params).filter((name) => !repeatable.has(name)),
      (name, where, params) => `"${name}" appears ${params.filter((param) => param.name === name).length} times in ${where}.`,
    );
  },
});

export const emptyParam = defineRule({
  id: 'empty-param',
  severity: 'warning',
  title: 'Parameter sent with an empty value',
  explanation:
    'Parameters sent without a value MUST be treated as if they were omitted (RFC 6749 s3.1). An empty parameter usually means a variable the client forgot to fill, and the server will act as if it were absent.',
  reference: RFC6749_PARAMS,
  fix: 'Leave the parameter out when it has no value, or find why the value the client meant to send is empty.',
  check(view) {
    return hitsPerName(
      view,
      (params) => [...new Set(params.filter(({ value }) => value === '').map(({ name }) => name))],
      (name, where) => `"${name}" has an empty value in ${where}, so it counts as absent.`,
    );
  },
});

export const parExtraParams = defineRule({
  id: 'par-extra-params',
  severity: 'warning',
  title: 'PAR request repeats parameters in the browser',
  explanation:
    'With pushed authorization requests the browser needs only client_id and request_uri (RFC 9126 s4); the server uses the pushed parameters and ignores the rest (RFC 9101 s5 and s6.3). Extra ones in the URL are not protected by the push and mislead whoever reads the request.',
  reference: { title: 'RFC 9126 s4: authorization request', url: 'https://www.rfc-editor.org/rfc/rfc9126#section-4' },
  fix: 'Send only client_id and request_uri to the authorization endpoint; put everything else in the pushed request.',
  check({ request, profile }) {
    if (!request || request.fields.requestUri === undefined) return [];
    const extras = [...new Set(request.record.params.map(({ name }) => name).filter((name) => name !== 'client_id' && name !== 'request_uri'))];
    if (extras.length === 0) return [];
    return [
      {
        message: `Besides client_id and request_uri, the request also sends ${listNames(extras)}, which the server ignores.`,
        // Where PAR is required (FAPI 2.0 s5.3.2.2), the request must carry nothing else.
        ...(profile.values.requirePar && { severity: 'error' as const }),
      },
    ];
  },
});

const RFC9126 = { title: 'RFC 9126 s4: authorization request', url: 'https://www.rfc-editor.org/rfc/rfc9126#section-4' };

export const parRequired = defineRule({
  id: 'par-required',
  severity: 'error',
  title: 'Parameters in the browser where PAR is required',
  explanation:
    'The profile requires pushed authorization requests (FAPI 2.0 Security Profile s5.3.2.2, RFC 9126): the client posts its parameters to the server first and the browser carries only client_id and request_uri, so nobody on the way can read or change them. A server that requires PAR refuses this request.',
  reference: {
    title: 'FAPI 2.0 Security Profile s5.3.2.2: authorization server',
    url: 'https://openid.net/specs/fapi-security-profile-2_0-final.html#section-5.3.2.2',
  },
  fix: 'Push the request to the pushed authorization request endpoint first and send the browser to the authorization endpoint with client_id and the request_uri it returned.',
  check({ request, profile }) {
    if (!request || !profile.values.requirePar || request.fields.requestUri !== undefined) return [];
    return [{ message: `${profile.name} requires PAR, but the authorization request carries its parameters in the URL and no request_uri.` }];
  },
});

export const parRequestUriReused = defineRule({
  id: 'par-request-uri-reused',
  severity: 'error',
  title: 'PAR request_uri used twice',
  explanation:
    'A request_uri from a pushed authorization request stands for one authorization request: servers should make it one-time use (RFC 9126 s4), and a second use means a stale link, a reload of the authorization URL, or someone replaying it.',
  reference: RFC9126,
  fix: 'Push a new request for every authorization: never reuse or cache the request_uri, and do not reload the authorization URL.',
  check({ request }, { index }) {
    const requestUri = request?.fields.requestUri;
    if (requestUri === undefined) return [];
    const all = index.byRequestUri.get(requestUri) ?? [];
    if (all.length < 2) return [];
    return [
      {
        message: `The same request_uri started ${all.length} flows (${all.map((other) => other.flow.id).join(', ')}).`,
        evidence: { param: 'request_uri', value: requestUri },
      },
    ];
  },
});

export const REQUEST_RULES = [authzEndpointNotHttps, duplicateParam, emptyParam, parExtraParams, parRequired, parRequestUriReused];
