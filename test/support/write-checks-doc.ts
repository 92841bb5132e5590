// Writes docs/checks.md from the catalogue: `npm run checks-doc`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULE_FAMILIES } from '../../src/core/checks/catalogue';
import { CHECKS_DOC_PATH, renderChecksDoc } from './render-checks-doc';

const target = fileURLToPath(new URL(`../../${CHECKS_DOC_PATH}`, import.meta.url));
writeFileSync(target, renderChecksDoc(RULE_FAMILIES));
console.log(`Wrote ${CHECKS_DOC_PATH}.`);
