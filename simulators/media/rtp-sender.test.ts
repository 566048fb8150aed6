import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../time/manual-clock';
import { Clock } from '../time/clock';
import { RtpSender, RtpSenderStateError } from './rtp-sender';
import { parseRtpPacket, RtpPacket } from './rtp-packet';
import { seededRandom } from './seeded-random';
import { NetworkImpairment } from './impaired-link';

const source = { payload: (index: number) => Uint8Array.of(index & 0xff, index >> 8) };

function senderOn(clock: Clock, impairment?: NetworkImpairment) {
  const received: { packet: RtpPacket; at: number }[] = [];
  const sender = new RtpSender({
    clock,
    ssrc: 0x1234,
    payloadType: 0,
    source,
    transmit: (packet) => received.push({ packet: parseRtpPacket(packet), at: clock.now() }),
    initialSequence: 65534,
    initialTimestamp: 1000,
    impairment,
  });
  return { sender, received };
}

test('rtp sender: one frame every 20 ms from start, timestamps +160, sequence wrapping, marker first', () => {
  const clock = new ManualClock();
  clock.advance(5);
  const { sender, received } = senderOn(clock);
  sender.start();
  clock.advance(100);
  assert.deepEqual(received.map((r) => r.at), [5, 25, 45, 65, 85, 105]);
  assert.deepEqual(received.map((r) => r.packet.sequence), [65534, 65535, 0, 1, 2, 3]);
  assert.deepEqual(received.map((r) => r.packet.timestamp), [1000, 1160, 1320, 1480, 1640, 1800]);
  assert.deepEqual(received.map((r) => r.packet.marker), [true, false, false, false, false, false]);
  assert.deepEqual(Array.from(received[3].packet.payload), [3, 0]);
  assert.deepEqual(sender.log.map((f) => [f.index, f.sentAtMs, f.scheduledAtMs]), received.map((r, i) => [i, r.at, r.at]));
  sender.stop();
  clock.advance(100);
  assert.equal(received.length, 6);
  assert.equal(clock.pendingTimers(), 0);
});

test('rtp sender: late timers never accumulate drift; a late tick sends every frame that fell due', () => {
  const manual = new ManualClock();
  // Every timer fires 7 ms late, as an overloaded event loop would.
  const lateClock: Clock = { now: () => manual.now(), wallNow: () => manual.wallNow(), setTimer: (d, cb) => manual.setTimer(d + 7, cb) };
  const { sender } = senderOn(lateClock);
  sender.start();
  manual.advance(20_000);
  const log = sender.log;
  assert.ok(log.length >= 999, `${log.length} frames in 20 s`);
  for (const frame of log) {
    assert.equal(frame.scheduledAtMs, frame.index * 20);
    assert.ok(frame.sentAtMs - frame.scheduledAtMs <= 7 + 1e-9, `frame ${frame.index} sent ${frame.sentAtMs - frame.scheduledAtMs} ms late`);
  }
  // A stall of 100 ms: the next tick sends the five overdue frames at once, in order.
  const stalled = new ManualClock();
  let stall = true;
  const stallingClock: Clock = {
    now: () => stalled.now(),
    wallNow: () => stalled.wallNow(),
    setTimer: (d, cb) => stalled.setTimer(stall ? 100 : d, cb),
  };
  const burst = senderOn(stallingClock);
  burst.sender.start();
  stall = true;
  stalled.advance(100);
  stall = false;
  assert.deepEqual(burst.received.map((r) => [r.packet.timestamp, r.at]), [[1000, 0], [1160, 100], [1320, 100], [1480, 100], [1640, 100], [1800, 100]]);
});

test('rtp sender: hold keeps the slots and RTP timestamps running; resume marks the talkspurt', () => {
  const clock = new ManualClock();
  const { sender, received } = senderOn(clock);
  sender.start();
  clock.advance(40); // frames 0, 1, 2
  sender.hold();
  assert.equal(sender.state, 'held');
  clock.advance(100); // slots 3..7 pass silently
  sender.resume();
  clock.advance(20); // frame 8 at 160 ms
  assert.deepEqual(received.map((r) => r.packet.timestamp - 1000), [0, 160, 320, 1280]);
  assert.deepEqual(received.map((r) => r.packet.sequence), [65534, 65535, 0, 1]);
  assert.deepEqual(received.map((r) => r.packet.marker), [true, false, false, true]);
  assert.deepEqual(sender.log.map((f) => f.index), [0, 1, 2, 8]);
  assert.throws(() => sender.resume(), RtpSenderStateError);
});

test('rtp sender: injected loss drops packets but logs them as lost and still counts sequence numbers', () => {
  const clock = new ManualClock();
  const { sender, received } = senderOn(clock, { lossRate: 0.05, random: seededRandom(3) });
  sender.start();
  clock.advance(20 * 1999);
  const lost = sender.log.filter((f) => f.lost);
  assert.equal(sender.log.length, 2000);
  assert.equal(received.length, 2000 - lost.length);
  assert.ok(lost.length > 60 && lost.length < 140, `${lost.length} of 2000 lost at 5%`);
  const receivedSequences = new Set(received.map((r) => r.packet.sequence));
  for (const frame of lost) assert.equal(receivedSequences.has(frame.sequence), false);
});

test('rtp sender: jitter delays delivery on the clock and reordering swaps neighbours', () => {
  const clock = new ManualClock();
  const jittered = senderOn(clock, { jitterMs: 15, random: seededRandom(9) });
  jittered.sender.start();
  clock.advance(1000);
  const delays = jittered.received.map((r) => r.at - (r.packet.timestamp - 1000) / 8);
  assert.ok(delays.every((d) => d >= 0 && d < 15), 'delays within 0..15 ms');
  assert.ok(delays.some((d) => d > 1), 'some packets were delayed');

  const clock2 = new ManualClock();
  const reordered = senderOn(clock2, { reorderRate: 0.2, random: seededRandom(4) });
  reordered.sender.start();
  clock2.advance(2000);
  const sequences = reordered.received.map((r) => (r.packet.sequence + 2) & 0xffff);
  const swaps = sequences.filter((s, i) => i > 0 && s < sequences[i - 1]).length;
  assert.ok(swaps > 5, `${swaps} reordered packets`);
  assert.deepEqual([...sequences].sort((a, b) => a - b), sequences.map((_, i) => i).slice(0, sequences.length));
});
