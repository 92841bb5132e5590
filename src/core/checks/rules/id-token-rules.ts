import type { Rule } from '../rule';

// Placeholder: rules of this family are being written.
export const ID_TOKEN_RULES: Rule[] = [];
