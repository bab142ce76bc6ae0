// Rewrites the generated rule reference in docs/scan.md from the catalog data.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceRuleReference } from '../src/scan/format/ruleReference.js';

const doc = join(import.meta.dirname, '../../../docs/scan.md');
writeFileSync(doc, replaceRuleReference(readFileSync(doc, 'utf8')));
// Biome then pads the tables: `npx biome check --write docs/scan.md`.
