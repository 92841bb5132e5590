import type { RuleFamily } from '../../src/core/checks/catalogue';

/** Where the rendered catalogue lives, relative to the repository root. */
export const CHECKS_DOC_PATH = 'docs/checks.md';

/** Text for one Markdown table cell: one line, with pipes escaped. */
function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replaceAll('|', '\\|')
    .trim();
}

/**
 * docs/checks.md: every check in catalogue order, grouped by family. Pure, so that the test
 * comparing the committed file with it and the script writing it produce the same text.
 */
export function renderChecksDoc(families: readonly RuleFamily[]): string {
  const count = families.reduce((sum, family) => sum + family.rules.length, 0);
  const lines = [
    '# Checks',
    '',
    '<!-- Generated from src/core/checks/catalogue.ts by `npm run checks-doc`; do not edit by hand. -->',
    '',
    `Consent Lens runs ${count} ${count === 1 ? 'check' : 'checks'} on every consent flow it records, grouped below in ${families.length} families in the order`,
    'the catalogue runs them. Each check has a stable id, used by the popup, exports and the CLI.',
    '',
    "Severity is the check's usual one: **error** for a flaw an attacker can use or a response the client must",
    'reject, **warning** for something that weakens the flow or is likely a bug, **info** for a note. Some checks',
    'raise or lower it for a particular flow (for example, `error-response` is only a warning for `access_denied`);',
    "each finding's message and explanation say why. The source is the specification or provider guide the check",
    'follows.',
  ];
  for (const family of families) {
    lines.push('', `## ${family.name}`, '');
    if (family.rules.length === 0) {
      lines.push('No checks yet.');
      continue;
    }
    lines.push('| id | severity | title | source | fix |', '| --- | --- | --- | --- | --- |');
    for (const rule of family.rules) {
      const source = `[${cell(rule.reference.title).replaceAll(']', '\\]')}](${rule.reference.url})`;
      lines.push(`| \`${rule.id}\` | ${rule.severity} | ${cell(rule.title)} | ${source} | ${cell(rule.fix)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
