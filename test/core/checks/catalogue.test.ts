import { describe, expect, it } from 'vitest';
import { CATALOGUE, RULE_FAMILIES } from '../../../src/core/checks/catalogue';
import { RuleIdSchema } from '../../../src/core/checks/rule-ids';

const ids = CATALOGUE.map((rule) => rule.id);

describe('catalogue', () => {
  it.each(RuleIdSchema.options)('%s is implemented by exactly one rule', (id) => {
    expect(ids.filter((known) => known === id)).toHaveLength(1);
  });

  it('has unique ids', () => {
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds exactly the rules of its families, in family order', () => {
    expect(CATALOGUE).toEqual(RULE_FAMILIES.flatMap((family) => family.rules));
    expect(RULE_FAMILIES.every((family) => family.name.trim() !== '')).toBe(true);
  });

  it.each(CATALOGUE.map((rule) => [rule.id, rule] as const))('%s is documented', (_, rule) => {
    expect(rule.title.trim()).not.toBe('');
    expect(rule.explanation.trim()).not.toBe('');
    expect(rule.fix.trim()).not.toBe('');
    expect(rule.reference.title.trim()).not.toBe('');
    expect(rule.reference.url).toMatch(/^https:\/\/\S+$/);
  });
});
