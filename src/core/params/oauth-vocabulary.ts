/** Which message carries a parameter: the authorization request, its response (the callback), or both. */
type ParamSide = 'request' | 'callback' | 'both';

export interface OAuthParam {
  /** The name on the wire. */
  name: string;
  /** Its field in AuthorizationRequestFields or CallbackFields. */
  key: string;
  side: ParamSide;
  /** Its value grants access: shown only on request, redacted in exports. */
  secret?: boolean;
  /** Its presence makes a URL an authorization response (a callback). */
  marksResponse?: boolean;
  /** A redirect URI that already carries it is polluted (redirect-uri-pollution). */
  pollutesRedirectUri?: boolean;
  /** Read and compared by eye across hops: never redacted for looking random. */
  neverByShape?: boolean;
  /** A second field holding the value split on spaces. */
  words?: string;
  /** A line for whoever reads the schema: it becomes the field's zod description. */
  doc?: string;
}

/**
 * The OAuth and OpenID Connect parameters Consent Lens reads into fields. Each side's rows are in
 * the order the popup and the CLI show them; `state` is on both sides, so rows of the two sides meet
 * around it. A new parameter is one row here.
 */
export const OAUTH_PARAMS = [
  { name: 'client_id', key: 'clientId', side: 'request', neverByShape: true },
  { name: 'response_type', key: 'responseType', side: 'request', neverByShape: true, words: 'responseTypes', doc: 'Values in any order (RFC 6749 s3.1.1).' },
  { name: 'scope', key: 'scope', side: 'request', neverByShape: true, words: 'scopes' },
  { name: 'code', key: 'code', side: 'callback', secret: true, marksResponse: true, pollutesRedirectUri: true },
  { name: 'state', key: 'state', side: 'both', marksResponse: true, pollutesRedirectUri: true, neverByShape: true, doc: 'Random on purpose; no credential.' },
  { name: 'redirect_uri', key: 'redirectUri', side: 'request', neverByShape: true },
  { name: 'code_challenge', key: 'codeChallenge', side: 'request', neverByShape: true },
  { name: 'code_challenge_method', key: 'codeChallengeMethod', side: 'request' },
  { name: 'nonce', key: 'nonce', side: 'request', neverByShape: true },
  { name: 'request_uri', key: 'requestUri', side: 'request', neverByShape: true, doc: 'PAR (RFC 9126): the parameters pushed before the browser came.' },
  { name: 'connector', key: 'connector', side: 'request', doc: 'Akoya: the data provider the user will log in to.' },
  { name: 'response_mode', key: 'responseMode', side: 'request', neverByShape: true },
  { name: 'prompt', key: 'prompt', side: 'request' },
  { name: 'login_hint', key: 'loginHint', side: 'request' },
  { name: 'iss', key: 'iss', side: 'callback', marksResponse: true, pollutesRedirectUri: true, neverByShape: true, doc: 'RFC 9207: the issuer that answered.' },
  { name: 'event', key: 'event', side: 'callback', marksResponse: true, doc: 'Akahu: what the user did (ACCEPT, UPDATE or REVOKE).' },
  { name: 'error', key: 'error', side: 'callback', marksResponse: true, pollutesRedirectUri: true },
  { name: 'error_description', key: 'errorDescription', side: 'callback' },
  { name: 'error_uri', key: 'errorUri', side: 'callback' },
  { name: 'session_state', key: 'sessionState', side: 'callback', marksResponse: true, neverByShape: true, doc: 'OIDC Session Management: a salted hash.' },
  { name: 'id_token', key: 'idToken', side: 'callback', secret: true, marksResponse: true, pollutesRedirectUri: true },
  { name: 'access_token', key: 'accessToken', side: 'callback', secret: true, marksResponse: true, pollutesRedirectUri: true },
  { name: 'token_type', key: 'tokenType', side: 'callback' },
  { name: 'expires_in', key: 'expiresIn', side: 'callback' },
  { name: 'refresh_token', key: 'refreshToken', side: 'callback', secret: true },
  { name: 'response', key: 'response', side: 'callback', secret: true, marksResponse: true, doc: 'JARM: the whole response as a signed JWT.' },
] as const satisfies readonly OAuthParam[];

type OAuthParamRow = (typeof OAUTH_PARAMS)[number];
/** The rows one message carries. */
export type OAuthParamOn<S extends 'request' | 'callback'> = Extract<OAuthParamRow, { side: S | 'both' }>;

/** One side's rows, in display order. */
export function paramsOn<S extends 'request' | 'callback'>(side: S): ReadonlyArray<OAuthParamOn<S>> {
  return OAUTH_PARAMS.filter((row): row is OAuthParamOn<S> => row.side === side || row.side === 'both');
}

const BY_NAME: ReadonlyMap<string, OAuthParam> = new Map(OAUTH_PARAMS.map((row) => [row.name, row]));

/** The row of a wire name, matched exactly. */
export function paramNamed(name: string): OAuthParam | undefined {
  return BY_NAME.get(name);
}

/** The wire names whose row sets a flag. */
export function paramNamesWhere(flag: 'marksResponse' | 'pollutesRedirectUri'): ReadonlySet<string> {
  return new Set(OAUTH_PARAMS.filter((row: OAuthParam) => row[flag]).map((row) => row.name));
}
