import type { Rule } from './rule';
import { CODE_RULES } from './rules/code-rules';
import { ERROR_RULES } from './rules/error-rules';
import { EVENT_RULES } from './rules/event-rules';
import { FLOW_RULES } from './rules/flow-rules';
import { ID_TOKEN_RULES } from './rules/id-token-rules';
import { ISSUER_RULES } from './rules/issuer-rules';
import { PKCE_RULES } from './rules/pkce-rules';
import { REDIRECT_RULES } from './rules/redirect-rules';
import { REQUEST_RULES } from './rules/request-rules';
import { RESPONSE_TYPE_RULES } from './rules/response-type-rules';
import { STATE_RULES } from './rules/state-rules';

/**
 * Every check Consent Lens runs, in the order findings of one severity are listed: the flow's
 * shape first, then the request, then the response. Each family file holds a few small rules
 * about one part of the flow.
 */
export const CATALOGUE: readonly Rule[] = [
  ...FLOW_RULES,
  ...REQUEST_RULES,
  ...RESPONSE_TYPE_RULES,
  ...REDIRECT_RULES,
  ...STATE_RULES,
  ...PKCE_RULES,
  ...CODE_RULES,
  ...ERROR_RULES,
  ...ISSUER_RULES,
  ...EVENT_RULES,
  ...ID_TOKEN_RULES,
];
