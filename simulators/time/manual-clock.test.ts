import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from './manual-clock';

test('timers fire in due order, including timers set by other timers', () => {
  const clock = new ManualClock();
  const fired: string[] = [];
  clock.setTimer(30, () => fired.push(`c@${clock.now()}`));
  clock.setTimer(10, () => {
    fired.push(`a@${clock.now()}`);
    clock.setTimer(5, () => fired.push(`b@${clock.now()}`));
  });
  clock.advance(25);
  assert.deepEqual(fired, ['a@10', 'b@15']);
  assert.equal(clock.now(), 25);
  clock.advance(5);
  assert.deepEqual(fired, ['a@10', 'b@15', 'c@30']);
});

test('a cancelled timer never fires', () => {
  const clock = new ManualClock();
  let fired = false;
  clock.setTimer(10, () => (fired = true)).cancel();
  clock.advance(100);
  assert.equal(fired, false);
  assert.equal(clock.pendingTimers(), 0);
});
