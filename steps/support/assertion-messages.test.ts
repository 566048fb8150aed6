import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findFiles } from '../../harness/lib/find-files';

/**
 * Cucumber's error formatter (assertion-error-formatter) cuts an assertion message that begins with
 * "expected" down to "AssertionError [ERR_ASSERTION]" and shows only the bare diff, so the reader
 * loses which DN, message or time was wrong. Step messages must begin with something else.
 */
test('no step assertion message begins with "expected" (the report would drop it)', () => {
  const projectRoot = join(__dirname, '..', '..');
  const offenders: string[] = [];
  for (const file of findFiles(projectRoot, ['steps'], '.ts')) {
    if (file.endsWith('.test.ts')) continue;
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (/assert\.\w+\(.*,\s*[`'"]expected\b/.test(line)) offenders.push(`${relative(projectRoot, file)}:${i + 1}`);
    });
  }
  assert.deepEqual(offenders, [], `rephrase these messages: ${offenders.join(', ')}`);
});
