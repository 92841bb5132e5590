import { estimateEntropyBits } from '../checks/estimate-entropy';
import type { Hop, TokenExchange } from '../flows/flow-schema';
import { type OAuthParam, paramNamed, paramsOn } from '../params/oauth-vocabulary';
import type { Param } from '../params/param-schema';
import type { AnalysisReport, FlowReport } from './report-schema';

/**
 * Credentials no request or callback field holds, so not rows of the OAuth parameter table:
 * token-endpoint parameters (PKCE's verifier, client assertions) that should never reach a browser
 * URL but are hidden if they do, and providers' own names.
 */
const SECRET_NAMES: ReadonlySet<string> = new Set([
  'code_verifier',
  'client_assertion',
  'assertion',
  'samlresponse',
  'rapt', // Google's re-authentication proof
  'otp',
  'ticket',
  'sessiondatakey',
]);

/**
 * Credentials named after what they are, whatever the provider calls them: tokens (`id_token_hint`,
 * Okta's `stateToken`), secrets, passwords, assertions, session tickets.
 */
const SECRET_NAME = /token|secret|passw(?:or)?d|pwd|assertion|ticket|saml(?:response|art)|session_?(?:id|key)/i;
/** Names outside the table that match that pattern but are not credentials, and that a user debugging a flow reads. */
const READABLE_NAMES: ReadonlySet<string> = new Set(['token_type_hint', 'token_endpoint_auth_method']);

/** A JWT (JWS: three parts) or a JWE (five), anywhere in a string: ID tokens, hints, assertions. */
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?/g;
const JWT_WHOLE = new RegExp(`^${JWT.source}$`);
/** A long random-looking value in a hop URL is likely a session handle (a login ticket, a flow token). */
const LONG_RANDOM_BITS = 128;
const LONG_RANDOM_MIN_LENGTH = 32;

/** The table decides for the names it lists, whatever their case (`token_type` is readable, `code` is not); the lists and pattern for the rest. */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  const known = paramNamed(lower);
  if (known) return known.secret === true;
  return SECRET_NAMES.has(lower) || (!READABLE_NAMES.has(lower) && SECRET_NAME.test(name));
}

/** Whether a parameter's value is a secret: by its name, or, in `hop` URLs, by its shape. */
export function isSecretParam(name: string, value: string, where: 'hop' | 'flow' = 'flow'): boolean {
  if (value === '') return false;
  if (isSecretName(name) || JWT_WHOLE.test(value)) return true;
  if (where !== 'hop' || paramNamed(name.toLowerCase())?.neverByShape) return false;
  return value.length >= LONG_RANDOM_MIN_LENGTH && estimateEntropyBits(value) >= LONG_RANDOM_BITS;
}

/**
 * What replaces a secret: its length stays visible, which is often what a bug report needs, and a
 * short hash lets the same value be followed across hops and flows. 24 bits of an unkeyed hash
 * tell values apart; they do not let anyone recover a high-entropy token, which is what is hidden.
 */
export function redactValue(value: string): string {
  return `[redacted ${value.length} chars #${shortHash(value)}]`;
}

/** FNV-1a, 32 bits, shown as 6 hex digits: stable across runs, the same in the CLI and the extension. */
function shortHash(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0').slice(0, 6);
}

/**
 * Replaces secret parameter values inside a URL's query and fragment, without parsing it, and any
 * JWT wherever it stands (a path segment, a value under an unknown name).
 */
export function redactUrl(url: string, where: 'hop' | 'flow' = 'flow'): string {
  const byName = url.replace(/([?&#])([^=&#]*)=([^&#]*)/g, (whole, separator: string, name: string, value: string) =>
    isSecretParam(safeDecode(name), safeDecode(value), where) ? `${separator}${name}=${redactValue(value)}` : whole,
  );
  return redactJwts(byName);
}

/** Every JWT inside free text (an error description, a URL path) replaced. */
export function redactJwts(text: string): string {
  return text.replace(JWT, (jwt) => redactValue(jwt));
}

/** A copy of the report with every secret value replaced; the input is left as it was. */
export function redactReport(report: AnalysisReport): AnalysisReport {
  return { ...report, flows: report.flows.map(redactFlow), redacted: true };
}

function redactFlow(flow: FlowReport): FlowReport {
  return {
    ...flow,
    ...(flow.request && {
      request: {
        ...flow.request,
        url: redactUrl(flow.request.url),
        params: flow.request.params.map(redactParam),
        fields: redactFields(flow.request.fields, FIELD_ROWS.request),
      },
    }),
    hops: flow.hops.map(redactHop),
    landing: flow.landing.map(redactHop),
    callbacks: flow.callbacks.map((callback) => {
      const fields = redactFields(callback.fields, FIELD_ROWS.callback);
      return { ...callback, url: redactUrl(callback.url), params: callback.params.map(redactParam), fields };
    }),
    exchanges: flow.exchanges.map(redactExchange),
    findings: flow.findings.map((finding) => {
      const redacted = { ...finding, message: redactJwts(finding.message) };
      const { evidence } = finding;
      if (evidence?.value === undefined || !isSecretParam(evidence.param ?? '', evidence.value)) return redacted;
      return { ...redacted, evidence: { ...evidence, value: redactValue(evidence.value) } };
    }),
  };
}

/** Each side's rows: a decoded field is redacted as its parameter is, by name or for being a JWT. */
const FIELD_ROWS = { request: paramsOn('request'), callback: paramsOn('callback') };

function redactFields<T extends object>(fields: T, rows: readonly OAuthParam[]): T {
  const out: Record<string, unknown> = { ...(fields as Record<string, unknown>) };
  for (const { key, name } of rows) {
    const value = out[key];
    if (typeof value === 'string' && isSecretParam(name, value)) out[key] = redactValue(value);
  }
  return out as T;
}

/** A token request's code and verifier: both redeem tokens. */
export function redactExchange(exchange: TokenExchange): TokenExchange {
  return {
    ...exchange,
    url: redactUrl(exchange.url),
    code: redactValue(exchange.code),
    ...(exchange.codeVerifier !== undefined && { codeVerifier: redactValue(exchange.codeVerifier) }),
  };
}

/** A hop's URLs, by name and by shape: login pages carry session handles under any name. */
export function redactHop(hop: Hop): Hop {
  return {
    ...hop,
    url: redactUrl(hop.url, 'hop'),
    ...(hop.location !== undefined && { location: redactUrl(hop.location, 'hop') }),
    ...(hop.error !== undefined && { error: redactJwts(hop.error) }),
  };
}

export function redactParam(param: Param): Param {
  return isSecretParam(param.name, param.value) ? { ...param, value: redactValue(param.value) } : param;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
