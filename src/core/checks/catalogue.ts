import type { Rule } from './rule';
import { CODE_RULES } from './rules/code-rules';
import { COOKIE_RULES } from './rules/cookie-rules';
import { ERROR_RULES } from './rules/error-rules';
import { EVENT_RULES } from './rules/event-rules';
import { EXCHANGE_RULES } from './rules/exchange-rules';
import { FLOW_RULES } from './rules/flow-rules';
import { ID_TOKEN_RULES } from './rules/id-token-rules';
import { ISSUER_RULES } from './rules/issuer-rules';
import { JARM_RULES } from './rules/jarm-rules';
import { PKCE_RULES } from './rules/pkce-rules';
import { REDIRECT_RULES } from './rules/redirect-rules';
import { REQUEST_RULES } from './rules/request-rules';
import { RESPONSE_TYPE_RULES } from './rules/response-type-rules';
import { STATE_RULES } from './rules/state-rules';

/** A few small rules about one part of the flow, kept in one file. */
export interface RuleFamily {
  /** A heading for the family, e.g. in docs/checks.md. */
  name: string;
  rules: readonly Rule[];
}

/**
 * Every check Consent Lens runs, by family, in the order findings of one severity are listed:
 * the flow's shape first, then the request, then the response.
 */
export const RULE_FAMILIES: readonly RuleFamily[] = [
  { name: 'Flow', rules: FLOW_RULES },
  { name: 'Authorization request', rules: REQUEST_RULES },
  { name: 'Response type', rules: RESPONSE_TYPE_RULES },
  { name: 'Redirect URI', rules: REDIRECT_RULES },
  { name: 'State', rules: STATE_RULES },
  { name: 'PKCE and nonce', rules: PKCE_RULES },
  { name: 'Authorization code and tokens', rules: CODE_RULES },
  { name: 'Error responses', rules: ERROR_RULES },
  { name: 'Issuer (RFC 9207)', rules: ISSUER_RULES },
  { name: 'Callback events (Akahu)', rules: EVENT_RULES },
  { name: 'ID Token', rules: ID_TOKEN_RULES },
  { name: 'JARM (signed authorization responses)', rules: JARM_RULES },
  { name: 'Code exchange (from the browser)', rules: EXCHANGE_RULES },
  { name: "Cookies (the flow's state)", rules: COOKIE_RULES },
];

/** Every check, flattened in family order. */
export const CATALOGUE: readonly Rule[] = RULE_FAMILIES.flatMap((family) => family.rules);
