import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFiles } from './find-files';
import { loaderRequireModule } from './loader';
import { runChild } from './run-child';
import { TestCounts } from './test-counts';

/** Folders that hold unit tests (`*.test.ts` next to the code they test). */
export const UNIT_TEST_ROOTS = ['simulators', 'sut', 'steps', 'harness', 'profiles', 'bench', 'features'];

/**
 * Runs every unit test with node:test: a readable spec report on stdout, TAP to reports/unit.tap,
 * whose summary gives the counts. A run whose TAP has no summary counts as one failure, so a
 * crashed runner can never pass unseen.
 */
export async function runUnitTests(cwd: string, nameFilter?: string): Promise<TestCounts> {
  const files = findFiles(cwd, UNIT_TEST_ROOTS, '.test.ts');
  if (files.length === 0) return { passed: 0, failed: 1, skipped: 0, inconclusive: 0 };
  mkdirSync(join(cwd, 'reports'), { recursive: true });
  const tapPath = join(cwd, 'reports', 'unit.tap');
  const args = [
    '--require', loaderRequireModule(),
    '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapPath}`,
    ...(nameFilter ? [`--test-name-pattern=${nameFilter}`] : []),
    ...files,
  ];
  const result = await runChild(process.execPath, args, { cwd });
  const counts = parseTapSummary(readFileSync(tapPath, 'utf8'));
  if (!counts) return { passed: 0, failed: 1, skipped: 0, inconclusive: 0 };
  if (result.code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

export function parseTapSummary(tap: string): TestCounts | undefined {
  const read = (key: string): number | undefined => {
    const match = new RegExp(`^# ${key} (\\d+)$`, 'm').exec(tap);
    return match ? Number(match[1]) : undefined;
  };
  const pass = read('pass');
  const fail = read('fail');
  if (pass === undefined || fail === undefined) return undefined;
  return {
    passed: pass,
    failed: fail + (read('cancelled') ?? 0),
    skipped: (read('skipped') ?? 0) + (read('todo') ?? 0),
    inconclusive: 0,
  };
}
