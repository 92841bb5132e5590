import type { Rule } from './rule';
import { STATE_RULES } from './rules/state-rules';

/**
 * Every check Consent Lens runs, in the order findings of one severity are listed. Each family
 * file holds a few small rules about one part of the flow.
 */
export const CATALOGUE: readonly Rule[] = [...STATE_RULES];
