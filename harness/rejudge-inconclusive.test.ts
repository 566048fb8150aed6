import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cucumberLocationOf, rejudgeInconclusive, takeRejudge } from './rejudge-inconclusive';
import { RunResults, ScenarioStatus } from './report/run-results';

const late = { step: 'Then the recording is padded', check: 'time-shift — inconclusive: its event loop stalled', message: 'm', inconclusive: true };
const wrong = { step: 'Then the recording is padded', check: 'padding 60 ms short', message: 'm', inconclusive: false };

function run(exitCode: number, scenarios: Record<string, ScenarioStatus>, crashed?: string): { exitCode: number; results: RunResults } {
  const results: RunResults = { statuses: new Map(), failures: new Map(), attempts: new Map(), ...(crashed ? { crashed } : {}) };
  for (const [key, status] of Object.entries(scenarios)) {
    results.statuses.set(key, status);
    results.attempts.set(key, `${key}#${exitCode}${status}`);
    if (status === 'inconclusive') results.failures.set(key, late);
    if (status === 'failed') results.failures.set(key, wrong);
  }
  return { exitCode, results };
}

test('only inconclusive scenarios run again; one judged on its next attempt keeps the earlier attempt; a failed one never runs again', async () => {
  const asked: [string[], number][] = [];
  const first = run(1, { 'a.feature:3': 'passed', 'a.feature:9': 'inconclusive', 'a.feature:20': 'failed' });
  const judged = await rejudgeInconclusive(first, 2, async (keys, pass) => {
    asked.push([keys, pass]);
    return run(0, { 'a.feature:9': 'passed' });
  });
  assert.deepEqual(asked, [[['a.feature:9'], 1]]);
  assert.deepEqual(Object.fromEntries(judged.results.statuses), { 'a.feature:3': 'passed', 'a.feature:9': 'passed', 'a.feature:20': 'failed' });
  assert.equal(judged.results.failures.has('a.feature:9'), false, 'the passing attempt leaves no failure behind');
  assert.equal(judged.results.failures.get('a.feature:20'), wrong);
  assert.equal(judged.results.attempts.get('a.feature:9'), 'a.feature:9#0passed', 'the evidence is the last attempt\'s');
  assert.deepEqual(judged.earlier.get('a.feature:9'), [{ status: 'inconclusive', failure: late, attempt: 'a.feature:9#1inconclusive' }]);
  assert.deepEqual(judged.unexplainedExits, [], 'cucumber exited 1 for a scenario that did not pass: explained');
  assert.equal(first.results.statuses.get('a.feature:9'), 'inconclusive', 'the first run\'s results are not changed');
});

test('a scenario still inconclusive after the limit stays so, with every attempt; a failure on a run again is a failure', async () => {
  let passes = 0;
  const judged = await rejudgeInconclusive(run(1, { 'b.feature:4': 'inconclusive', 'b.feature:8': 'inconclusive' }), 2, async (keys) => {
    passes++;
    return run(1, Object.fromEntries(keys.map((key) => [key, key === 'b.feature:8' ? 'failed' : 'inconclusive'])));
  });
  assert.equal(passes, 2, 'b.feature:8 failed on the first run again and is not run a third time; b.feature:4 is');
  assert.equal(judged.results.statuses.get('b.feature:4'), 'inconclusive');
  assert.equal(judged.earlier.get('b.feature:4')?.length, 2);
  assert.equal(judged.results.statuses.get('b.feature:8'), 'failed');
  assert.equal(judged.results.failures.get('b.feature:8'), wrong);
});

test('--rejudge 0 never runs again; a crash or an exit no scenario explains is reported', async () => {
  const none = await rejudgeInconclusive(run(1, { 'c.feature:2': 'inconclusive' }), 0, async () => assert.fail('not run again'));
  assert.equal(none.results.statuses.get('c.feature:2'), 'inconclusive');
  const crashed = await rejudgeInconclusive(run(1, { 'c.feature:2': 'inconclusive' }), 1, async () => run(1, {}, 'Error: worker died'));
  assert.deepEqual(crashed.unexplainedExits, ['run again (1): cucumber crashed: Error: worker died']);
  assert.equal(crashed.results.statuses.get('c.feature:2'), 'inconclusive', 'not run again: it stays inconclusive');
  const undefinedStep = await rejudgeInconclusive(run(1, { 'c.feature:2': 'skipped' }), 1, async () => assert.fail('nothing inconclusive'));
  assert.deepEqual(undefinedStep.unexplainedExits, ['cucumber exited 1 though no scenario failed']);
});

test('a scenario key becomes the location Cucumber filters on; --rejudge N is taken out of the arguments', () => {
  assert.equal(cucumberLocationOf('features/dynamic/start-stop.feature:12'), 'features/dynamic/start-stop.feature:12');
  assert.equal(cucumberLocationOf('features/selective/route.feature:30:41'), 'features/selective/route.feature:41', 'an example row by its own line');
  assert.throws(() => cucumberLocationOf('no line'), /not a scenario key/);
  const args = ['--tags', '@FT-01', '--rejudge', '0'];
  assert.equal(takeRejudge(args), 0);
  assert.deepEqual(args, ['--tags', '@FT-01']);
  assert.equal(takeRejudge([]), undefined);
  assert.throws(() => takeRejudge(['--rejudge', '-1']), /--rejudge needs a whole number/);
});
