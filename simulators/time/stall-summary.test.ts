import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatStallSummary, summarizeStalls } from './stall-summary';

test('a scenario\'s stalls are summed within its span and the worst is placed from its start', () => {
  const stalls = [
    { startMs: 990, endMs: 1004, lateMs: 14 }, // began before the span: only 4 ms of it count
    { startMs: 2000, endMs: 2030, lateMs: 30 },
    { startMs: 3000, endMs: 3002, lateMs: 2 },
  ];
  const summary = summarizeStalls(stalls, 1000, 5000);
  assert.deepEqual(summary, { count: 3, worstMs: 30, worstAtMs: 1000, heldMs: 36 });
  assert.equal(formatStallSummary(summary, 4000), 'harness event loop: held 3 time(s) in 4.0 s, worst 30.0 ms at +1.00 s, 36.0 ms in all');
});

test('a span without stalls says so', () => {
  assert.equal(formatStallSummary(summarizeStalls([], 0, 2500), 2500), 'harness event loop: never held over 1 ms in 2.5 s');
});
