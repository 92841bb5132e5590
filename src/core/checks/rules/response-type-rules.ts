import type { Rule } from '../rule';

// Placeholder: rules of this family are being written.
export const RESPONSE_TYPE_RULES: Rule[] = [];
