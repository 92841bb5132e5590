import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_FAMILIES, type RuleFamily } from '../../../src/core/checks/catalogue';
import { defineRule } from '../../../src/core/checks/rule';
import { CHECKS_DOC_PATH, renderChecksDoc } from '../../support/render-checks-doc';

describe('docs/checks.md', () => {
  it('is what `npm run checks-doc` generates from the catalogue', () => {
    const committed = readFileSync(fileURLToPath(new URL(`../../../${CHECKS_DOC_PATH}`, import.meta.url)), 'utf8');
    expect(committed, `${CHECKS_DOC_PATH} is stale: run npm run checks-doc`).toBe(renderChecksDoc(RULE_FAMILIES));
  });

  it('lists every rule of every family under its heading, escaping table syntax', () => {
    const rule = defineRule({
      id: 'state-missing',
      severity: 'error',
      title: 'A | B',
      explanation: 'Why.',
      reference: { title: 'RFC [x]', url: 'https://example.com/spec' },
      fix: 'Do this\nthen that.',
      check: () => [],
    });
    const families: RuleFamily[] = [
      { name: 'First', rules: [rule] },
      { name: 'Empty', rules: [] },
    ];
    const doc = renderChecksDoc(families);
    expect(doc).toContain(
      '## First\n\n| id | severity | title | source | fix |\n| --- | --- | --- | --- | --- |\n' +
        '| `state-missing` | error | A \\| B | [RFC [x\\]](https://example.com/spec) | Do this then that. |\n',
    );
    expect(doc).toContain('## Empty\n\nNo checks yet.\n');
    expect(doc).toContain('runs 1 check on every');
  });
});
