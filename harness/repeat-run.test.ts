import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRepeatTable, takeRepeat } from './repeat-run';

test('--repeat N is taken out of the arguments; anything but a whole number >= 1 is an error', () => {
  const args = ['--tags', '@FT-01', '--repeat', '20', '--parallel', '2'];
  assert.equal(takeRepeat(args), 20);
  assert.deepEqual(args, ['--tags', '@FT-01', '--parallel', '2']);
  assert.equal(takeRepeat(['--tags', '@FT-01']), undefined);
  for (const bad of ['0', '-1', '2.5', 'x', undefined]) {
    assert.throws(() => takeRepeat(bad === undefined ? ['--repeat'] : ['--repeat', bad]), /--repeat needs a whole number/);
  }
});

test('the table names each scenario with its counts and the runs that did not pass, unstable ones marked', () => {
  const text = formatRepeatTable({
    exitCode: 1,
    runs: 3,
    tallies: [
      { key: 'features/a.feature:8', name: 'steady', counts: { passed: 3 }, runs: [], rejudged: [] },
      { key: 'features/a.feature:17', name: 'flaky', counts: { passed: 1, failed: 1, inconclusive: 1 }, runs: [{ run: 1, status: 'failed', check: 'time-shift: stream 2 sit 34.0 ms late' }, { run: 3, status: 'inconclusive' }], rejudged: [] },
      { key: 'features/a.feature:30', name: 'late harness', counts: { passed: 3 }, runs: [], rejudged: [{ run: 2, attempts: 1, check: 'time-shift — inconclusive: its event loop stalled' }] },
    ],
  });
  assert.equal(text, [
    'per scenario over 3 run(s): passed / failed / inconclusive / skipped / run again (inconclusive at first)',
    '✓ 3 / 0 / 0 / 0 / 0  steady (features/a.feature:8)',
    '✗ 1 / 1 / 1 / 0 / 0  flaky (features/a.feature:17)  (not passed in run 1: failed, 3: inconclusive)',
    '    run 1: time-shift: stream 2 sit 34.0 ms late',
    '~ 3 / 0 / 0 / 0 / 1  late harness (features/a.feature:30)',
    '    run 2: inconclusive at first (1 attempt(s) before the last): time-shift — inconclusive: its event loop stalled',
    '1 scenario run(s) were inconclusive at first and run again',
  ].join('\n'));
});
