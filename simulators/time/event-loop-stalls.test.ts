import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventLoopStallMonitor } from './event-loop-stalls';
import { ManualClock } from './manual-clock';

test('a tick that runs late records a stall over the time the loop was held; on-time ticks record none', () => {
  const clock = new ManualClock();
  const monitor = new EventLoopStallMonitor({ clock, intervalMs: 2, minStallMs: 1 });
  monitor.start();
  clock.advance(100);
  assert.equal(monitor.stalls.length, 0, 'a manual clock runs every timer on time');
  // Hold the loop from 100 to 158: the tick due at 102 runs at 158, when the loop is free.
  clock.hold(58);
  clock.advance(2);
  assert.equal(monitor.stalls.length, 1);
  const [stall] = monitor.stalls;
  assert.deepEqual([stall.startMs, stall.endMs, stall.lateMs], [102, 158, 56]);
  assert.deepEqual(monitor.during(150, 170), [stall]);
  assert.deepEqual(monitor.during(159, 200), []);
  monitor.stop();
});

test('a real event loop blocked for 30 ms shows as a stall of about that length', async () => {
  const monitor = new EventLoopStallMonitor();
  monitor.start();
  await new Promise((resolve) => setTimeout(resolve, 10));
  const blockedAt = performance.now();
  while (performance.now() - blockedAt < 30) { /* hold the loop */ }
  await new Promise((resolve) => setTimeout(resolve, 10));
  monitor.stop();
  const worst = Math.max(...monitor.during(blockedAt, blockedAt + 30).map((s) => s.lateMs));
  assert.ok(worst >= 27 && worst < 60, `worst stall ${worst} ms for a 30 ms block`);
});

test('during() finds exactly the stalls that overlap a span, however many there are', () => {
  const clock = new ManualClock();
  const monitor = new EventLoopStallMonitor({ clock, intervalMs: 2, minStallMs: 1 });
  monitor.start();
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 300; i++) {
    clock.advance(1 + Math.floor(random() * 20));
    clock.hold(Math.floor(random() * 30));
  }
  monitor.stop();
  assert.ok(monitor.stalls.length > 100, `${monitor.stalls.length} stalls recorded`);
  for (let k = 0; k < 200; k++) {
    const from = random() * clock.now();
    const to = from + random() * 100;
    const expected = monitor.stalls.filter((s) => s.endMs >= from && s.startMs <= to);
    assert.deepEqual(monitor.during(from, to), expected);
  }
});
