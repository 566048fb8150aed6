import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Envelope, TestStepResultStatus } from '@cucumber/messages';
import { loadFeatureScenarios } from './feature-scenarios';
import { readRunResults, runResultsOf, scenarioOutcomeOf } from './run-results';
import { firstCheckOf } from './step-failure';

const PROJECT = join(__dirname, '..', '..');

test('a real cucumber run: an InconclusiveError makes a scenario inconclusive, a real failure wins, the first check is kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gir-results-'));
  try {
    cpSync(join(__dirname, 'fixtures'), dir, { recursive: true });
    symlinkSync(join(PROJECT, 'node_modules'), join(dir, 'node_modules'));
    spawnSync(process.execPath, [join(PROJECT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js')], { cwd: dir, encoding: 'utf8' });
    const results = readRunResults(join(dir, 'messages.ndjson'));
    const keyOf = Object.fromEntries(loadFeatureScenarios(dir).map((s) => [s.name, s.key]));
    const failureOf = (name: string) => results.failures.get(keyOf[name]);

    assert.equal(results.statuses.get(keyOf['harness too late to judge']), 'inconclusive');
    assert.deepEqual(failureOf('harness too late to judge'), {
      step: 'Given a step the harness was too late to judge',
      check: 'inconclusive: the harness sent frames 40..52 up to 31 ms late; event-loop delay p99 28 ms',
      message: 'inconclusive: the harness sent frames 40..52 up to 31 ms late; event-loop delay p99 28 ms',
      inconclusive: true,
    });
    assert.equal(results.statuses.get(keyOf['harness too late, then a real failure']), 'failed');
    assert.match(failureOf('harness too late, then a real failure')!.step, /^After hook \(steps\/fixture-steps\.js:\d+\)$/);
    assert.equal(failureOf('harness too late, then a real failure')!.check, 'an instrument recorded an error no step looked at');
    assert.equal(failureOf('recording check failure')!.check, 'time-shift: stream 2 frames 0..99 sit 34.0 ms late');
    // A subclass is recorded under its own class name: its message prefix still says inconclusive.
    assert.equal(results.statuses.get(keyOf['cannot judge the evidence']), 'inconclusive');
    assert.equal(failureOf('cannot judge the evidence')!.check, 'inconclusive: cannot judge: a file that was there before the scenario');
    assert.equal(results.statuses.get(keyOf['recording check too late to judge']), 'inconclusive');
    assert.equal(failureOf('recording check too late to judge')!.check, 'padding: pause 1 ends 31 ms late, the harness stalled 28 ms');
    assert.equal(failureOf('undefined step')!.check, 'the step is undefined');
    assert.equal(failureOf('plain failing')!.inconclusive, false);
    assert.equal(failureOf('plain passing'), undefined);
    assert.ok(results.attempts.get(keyOf['plain passing']), 'the attempt id of a scenario that ran is kept');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const late = { step: 'Then x', check: 'inconclusive: late', message: 'inconclusive: late', inconclusive: true };
const wrong = { step: 'Then y', check: 'wrong', message: 'wrong', inconclusive: false };

test('scenario outcome: failed beats inconclusive, inconclusive beats passed steps', () => {
  const { PASSED, FAILED, SKIPPED } = TestStepResultStatus;
  assert.deepEqual(scenarioOutcomeOf([{ status: PASSED }, { status: FAILED, failure: late }, { status: SKIPPED }]), { status: 'inconclusive', failure: late });
  assert.deepEqual(scenarioOutcomeOf([{ status: FAILED, failure: late }, { status: FAILED, failure: wrong }]), { status: 'failed', failure: wrong });
  assert.deepEqual(scenarioOutcomeOf([{ status: PASSED }, { status: PASSED }]), { status: 'passed' });
  assert.deepEqual(scenarioOutcomeOf([{ status: SKIPPED }]), { status: 'skipped' });
  assert.equal(scenarioOutcomeOf([]).status, 'failed');
});

test('a synthetic message stream: a retry that passes clears the first attempt\'s inconclusive verdict', () => {
  const failedStep = (started: string): Envelope => ({
    testStepFinished: {
      testCaseStartedId: started, testStepId: 'step-1', timestamp: { seconds: 0, nanos: 0 },
      testStepResult: { status: TestStepResultStatus.FAILED, duration: { seconds: 0, nanos: 0 }, exception: { type: 'InconclusiveError', message: 'inconclusive: late' } },
    },
  });
  const envelopes: Envelope[] = [
    { pickle: { id: 'p', uri: 'features/a.feature', name: 'a', language: 'en', astNodeIds: [], tags: [], steps: [{ id: 'ps', text: 'the check', astNodeIds: [] }] } },
    { testCase: { id: 'tc', pickleId: 'p', testSteps: [{ id: 'step-1', pickleStepId: 'ps' }] } },
    { testCaseStarted: { id: 's1', testCaseId: 'tc', attempt: 0, timestamp: { seconds: 0, nanos: 0 } } },
    failedStep('s1'),
    { testCaseFinished: { testCaseStartedId: 's1', willBeRetried: true, timestamp: { seconds: 0, nanos: 0 } } },
  ];
  const first = runResultsOf(envelopes);
  assert.equal(first.statuses.get('features/a.feature:'), 'inconclusive');
  assert.equal(first.failures.get('features/a.feature:')?.step, '* the check');
  const retried = runResultsOf([
    ...envelopes,
    { testCaseStarted: { id: 's2', testCaseId: 'tc', attempt: 1, timestamp: { seconds: 0, nanos: 0 } } },
    { testStepFinished: { testCaseStartedId: 's2', testStepId: 'step-1', timestamp: { seconds: 0, nanos: 0 }, testStepResult: { status: TestStepResultStatus.PASSED, duration: { seconds: 0, nanos: 0 } } } },
    { testCaseFinished: { testCaseStartedId: 's2', willBeRetried: false, timestamp: { seconds: 0, nanos: 0 } } },
  ]);
  assert.equal(retried.statuses.get('features/a.feature:'), 'passed');
  assert.equal(retried.failures.has('features/a.feature:'), false);
  assert.equal(retried.attempts.get('features/a.feature:'), 's2');
});

test('firstCheckOf: the first listed check of a recording check (a failure before one not judged), else the first line', () => {
  assert.equal(firstCheckOf('recording: 2 channel(s)\n  ✗ time-shift: 34.0 ms late\n  ✗ duration: short'), 'time-shift: 34.0 ms late');
  assert.equal(firstCheckOf('recording: 2 channel(s)\n  ✗ duration: short\n  ? padding: edge not observed'), 'duration: short');
  assert.equal(firstCheckOf('inconclusive: recording: 2 channel(s)\n  ? padding: edge not observed'), 'padding: edge not observed');
  assert.equal(firstCheckOf('the recording stopped 1012.0 ms after the hang-up; tolerance.stopMs is 200\n\n+ actual - expected'), 'the recording stopped 1012.0 ms after the hang-up; tolerance.stopMs is 200');
  assert.equal(firstCheckOf(''), '(no message)');
});
