import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harnessLateness, NEVER_LATE } from './harness-lateness';
import { judgeTiming } from './timing-judgement';

const stalledFor = (lateMs: number) => harnessLateness({ stalls: { during: () => [{ startMs: 1000, endMs: 1000 + lateMs, lateMs }] } });
const span = { fromMs: 900, toMs: 1100 };

test('an on-time harness leaves the check its own verdict', () => {
  const harness = { lateness: NEVER_LATE, share: 0.25 };
  assert.equal(judgeTiming({ measuredMs: 19, toleranceMs: 20, failed: false, span }, harness).verdict, 'pass');
  assert.equal(judgeTiming({ measuredMs: 21, toleranceMs: 20, failed: true, span }, harness).verdict, 'fail');
  assert.equal(judgeTiming({ measuredMs: undefined, toleranceMs: 20, failed: true, span }, harness).verdict, 'fail');
});

test('lateness within the share of the tolerance counts as exact', () => {
  const harness = { lateness: stalledFor(5), share: 0.25 };
  assert.equal(judgeTiming({ measuredMs: 19, toleranceMs: 20, failed: false, span }, harness).verdict, 'pass');
  assert.equal(judgeTiming({ measuredMs: 21, toleranceMs: 20, failed: true, span }, harness).verdict, 'fail');
});

test('beyond the share: clear of the limit by the lateness passes or fails, within it is inconclusive', () => {
  const harness = { lateness: stalledFor(30), share: 0.25 };
  assert.equal(judgeTiming({ measuredMs: 34.5, toleranceMs: 20, failed: true, span }, harness).verdict, 'inconclusive');
  assert.equal(judgeTiming({ measuredMs: 300, toleranceMs: 20, failed: true, span }, harness).verdict, 'fail', 'a deviation no lateness explains still fails');
  assert.equal(judgeTiming({ measuredMs: 0.5, toleranceMs: 20, failed: false, span }, harness).verdict, 'inconclusive', 'a 30 ms late instrument cannot vouch for 20 ms');
  assert.equal(judgeTiming({ measuredMs: 1, toleranceMs: 200, failed: false, span }, { ...harness, lateness: stalledFor(60) }).verdict, 'pass');
  assert.equal(judgeTiming({ measuredMs: undefined, toleranceMs: 20, failed: true, span }, harness).verdict, 'inconclusive');
  assert.equal(judgeTiming({ measuredMs: undefined, toleranceMs: 20, failed: false, span }, harness).verdict, 'pass');
  assert.equal(judgeTiming({ measuredMs: 43, toleranceMs: 20, failed: false, span }, harness).verdict, 'inconclusive', 'an excuse that rests on late send times');
  assert.equal(judgeTiming({ measuredMs: 43, toleranceMs: 20, failed: false, span }, { ...harness, lateness: stalledFor(4) }).verdict, 'pass', 'the same excuse from an exact harness stands');
});

test('the evidence names late frames of each sender and the worst stall', () => {
  const lateness = harnessLateness({
    stalls: { during: () => [{ startMs: 1040, endMs: 1068, lateMs: 28 }] },
    senders: [{ label: 'the agent', frames: [
      { index: 40, scheduledAtMs: 1000, sentAtMs: 1031 },
      { index: 41, scheduledAtMs: 1020, sentAtMs: 1031.2 },
      { index: 42, scheduledAtMs: 1040, sentAtMs: 1040.3 },
    ] }],
  });
  const report = lateness.during(990, 1100);
  assert.equal(report.lateMs, 31);
  assert.equal(report.evidence, "the harness sent the agent's frames 40..41 up to 31.0 ms late; its event loop stalled 1 time(s), up to 28.0 ms at 1040.0 ms");
  assert.equal(lateness.during(2000, 2100).lateMs, 28, 'the stall source decides which stalls fall in the span');
});
