import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { loadCatalogue } from './catalogue';
import { parseRequirementsMarkdown } from './requirements-markdown';
import { SHARED_REQUIREMENTS_PATH } from './sync-catalogue';

test('features/requirements.yaml is identical to ../shared/REQUIREMENTS.md', {
  skip: existsSync(SHARED_REQUIREMENTS_PATH) ? false : `${SHARED_REQUIREMENTS_PATH} is not present`,
}, () => {
  const shared = parseRequirementsMarkdown(readFileSync(SHARED_REQUIREMENTS_PATH, 'utf8'));
  assert.ok(shared.length > 0, 'no requirement rows found in REQUIREMENTS.md');
  assert.deepEqual(loadCatalogue(), shared,
    'the catalogue differs from REQUIREMENTS.md: run `npx tsx harness/requirements/sync-catalogue.ts`');
});

test('the catalogue holds every group of the plan, each ID once', () => {
  const catalogue = loadCatalogue();
  const groups = new Set(catalogue.map((r) => r.group));
  assert.deepEqual([...groups].sort(), ['DYN', 'FT', 'MS', 'PAD', 'ROB', 'SCR', 'SEL']);
  assert.equal(new Set(catalogue.map((r) => r.id)).size, catalogue.length);
});

test('parseRequirementsMarkdown reads owners lists and rejects unknown owners', () => {
  const rows = parseRequirementsMarkdown('| X-01 | does a `a|b` thing | seed | SUT, MS |\n| Y-02 | t | profile | MS |');
  assert.deepEqual(rows.map((r) => [r.id, r.owners, r.text]), [['X-01', ['SUT', 'MS'], 'does a `a|b` thing'], ['Y-02', ['MS'], 't']]);
  assert.throws(() => parseRequirementsMarkdown('| X-01 | t | seed | PBX |'), /X-01 has unknown owner "PBX"/);
});
