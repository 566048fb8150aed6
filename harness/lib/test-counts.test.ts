import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCounts, formatCounts, formatInconclusive } from './test-counts';
import { parseTapSummary } from './unit-runner';

test('formatCounts shows skipped only when there are some', () => {
  assert.equal(formatCounts({ passed: 3, failed: 1, skipped: 0, inconclusive: 0 }), '3 passed, 1 failed');
  assert.equal(formatCounts({ passed: 3, failed: 0, skipped: 2, inconclusive: 0 }), '3 passed, 0 failed, 2 skipped');
});

test('inconclusive tests count among the failed; the line above the closing one says how many and why', () => {
  const counts = { passed: 20, failed: 3, skipped: 0, inconclusive: 2 };
  assert.equal(formatCounts(counts), '20 passed, 3 failed');
  assert.match(formatInconclusive(counts)!, /^of the 3 failed, 2 were inconclusive: the harness itself was too late to judge .*the SUT is not blamed/);
  assert.equal(formatInconclusive({ ...counts, inconclusive: 0 }), undefined);
});

test('addCounts sums every field', () => {
  assert.deepEqual(
    addCounts({ passed: 1, failed: 2, skipped: 3, inconclusive: 1 }, { passed: 10, failed: 20, skipped: 30, inconclusive: 2 }),
    { passed: 11, failed: 22, skipped: 33, inconclusive: 3 },
  );
});

test('parseTapSummary counts cancelled as failed and todo as skipped', () => {
  const tap = '1..4\n# tests 6\n# pass 2\n# fail 1\n# cancelled 1\n# skipped 1\n# todo 1\n';
  assert.deepEqual(parseTapSummary(tap), { passed: 2, failed: 2, skipped: 2, inconclusive: 0 });
});

test('parseTapSummary refuses a TAP stream without a summary', () => {
  assert.equal(parseTapSummary('TAP version 13\nok 1 - x\n'), undefined);
});
