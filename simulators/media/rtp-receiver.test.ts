import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../time/manual-clock';
import { RtpReceiver } from './rtp-receiver';
import { RtpSender } from './rtp-sender';
import { buildRtpPacket } from './rtp-packet';
import { seededRandom } from './seeded-random';

const packet = (sequence: number, timestamp = sequence * 160, ssrc = 7) =>
  buildRtpPacket({ payloadType: 0, sequence, timestamp, ssrc, payload: new Uint8Array(160) });

test('rtp receiver: loss, duplicates and reordering across the sequence wrap', () => {
  const receiver = new RtpReceiver();
  for (const sequence of [65533, 65534, 0, 65535, 1, 1, 4]) receiver.receive(packet(sequence), 0);
  const [stats] = receiver.stats().streams;
  assert.equal(stats.received, 7);
  assert.equal(stats.duplicates, 1);
  assert.equal(stats.reordered, 1); // 65535 after 0
  assert.equal(stats.firstSequence, 65533);
  assert.equal(stats.highestSequence, 65536 + 4);
  assert.equal(stats.expected, 8);
  assert.equal(stats.lost, 2); // 2 and 3
});

test('rtp receiver: malformed datagrams are counted, not thrown; streams are kept per SSRC', () => {
  const receiver = new RtpReceiver();
  assert.equal(receiver.receive(Buffer.from('garbage'), 0), undefined);
  receiver.receive(packet(1, 160, 1), 0);
  receiver.receive(packet(9, 160, 2), 0);
  const stats = receiver.stats();
  assert.equal(stats.malformed, 1);
  assert.match(stats.lastError ?? '', /fixed header/);
  assert.deepEqual(stats.streams.map((s) => [s.ssrc, s.received, s.lost]), [[1, 1, 0], [2, 1, 0]]);
});

test('rtp receiver: jitter is 0 for perfect pacing and grows with jittered delivery', () => {
  const steady = new RtpReceiver();
  for (let i = 0; i < 50; i++) steady.receive(packet(i), i * 20);
  assert.equal(steady.stats().streams[0].jitterMs, 0);

  const clock = new ManualClock();
  const receiver = new RtpReceiver();
  const sender = new RtpSender({
    clock,
    ssrc: 5,
    payloadType: 0,
    source: { payload: () => new Uint8Array(160) },
    transmit: (datagram) => receiver.receive(datagram, clock.now()),
    // Delays up to 45 ms against 20 ms spacing: packets overtake each other.
    impairment: { jitterMs: 45, lossRate: 0.1, random: seededRandom(1) },
  });
  sender.start();
  clock.advance(20 * 499);
  sender.stop();
  clock.advance(100); // deliver what is still in flight
  const [stats] = receiver.stats().streams;
  const lost = sender.log.filter((f) => f.lost).length;
  assert.ok(stats.jitterMs > 2 && stats.jitterMs < 45, `jitter ${stats.jitterMs} ms`);
  assert.ok(stats.reordered > 0);
  // A loss after the last packet that arrived is invisible to the receiver.
  assert.ok(stats.lost <= lost && stats.lost >= lost - 1, `lost ${stats.lost} of ${lost}`);
  assert.equal(stats.received, sender.log.length - lost);
});
