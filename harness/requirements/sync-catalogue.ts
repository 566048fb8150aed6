/**
 * `npx tsx harness/requirements/sync-catalogue.ts [REQUIREMENTS.md]`: rewrites
 * features/requirements.yaml from the shared catalogue, so the copy is regenerated, never hand-edited.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { CATALOGUE_PATH } from './catalogue';
import { parseRequirementsMarkdown } from './requirements-markdown';

export const SHARED_REQUIREMENTS_PATH = join(__dirname, '..', '..', '..', 'shared', 'REQUIREMENTS.md');

function main(): void {
  const source = process.argv[2] ?? SHARED_REQUIREMENTS_PATH;
  const requirements = parseRequirementsMarkdown(readFileSync(source, 'utf8'));
  const header = '# Generated from REQUIREMENTS.md by harness/requirements/sync-catalogue.ts; do not edit by hand.\n';
  writeFileSync(CATALOGUE_PATH, header + stringify({ requirements }, { lineWidth: 0 }));
  console.log(`wrote ${requirements.length} requirements to ${CATALOGUE_PATH}`);
}

if (require.main === module) main();
