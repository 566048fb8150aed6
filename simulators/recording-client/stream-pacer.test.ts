import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:dgram';
import { parseRtpPacket, WatermarkSource } from '../media';
import { ManualClock } from '../time/manual-clock';
import { PacedStream, SKIP_LATE_MS, StreamPacer } from './stream-pacer';

function capturingSocket(): { socket: Socket; sent: Buffer[] } {
  const sent: Buffer[] = [];
  const socket = { send: (packet: Buffer) => void sent.push(packet), close: () => undefined } as unknown as Socket;
  return { socket, sent };
}

test('frames go out every 20 ms from the start, watermarked, timestamps and sequence running on', () => {
  const clock = new ManualClock();
  const pacer = new StreamPacer(clock);
  const { socket, sent } = capturingSocket();
  const stream = new PacedStream(socket, 17, 1234, 65535, 0xffffff00);
  clock.advance(3);
  stream.start({ host: '127.0.0.1', port: 9 }, clock.now());
  pacer.add(stream);
  clock.advance(100);
  assert.equal(sent.length, 6, 'frames 0..5 are due by 100 ms');
  const packets = sent.map((p) => parseRtpPacket(p));
  assert.deepEqual(packets.map((p) => p.sequence), [65535, 0, 1, 2, 3, 4]);
  assert.deepEqual(packets.map((p) => p.timestamp), [0, 1, 2, 3, 4, 5].map((i) => (0xffffff00 + i * 160) >>> 0), 'the timestamp wraps at 2^32');
  assert.equal(packets[0].marker, true);
  assert.equal(packets[1].marker, false);
  assert.deepEqual([...packets[2].payload], [...new WatermarkSource(17).payload(2, 'mulaw')]);
  const log = stream.sendLog;
  assert.equal(log.count, 6);
  assert.ok([...log.lost.subarray(0, 6)].every((l) => l === 0));
  assert.ok([...log.latenessMs.subarray(0, 6)].every((l) => l >= 0 && l <= 1), 'sent within the 1 ms tick');
  pacer.close();
});

test('a frame the pacer reaches too late is skipped and logged lost, the next ones go out on time', () => {
  const { socket, sent } = capturingSocket();
  const stream = new PacedStream(socket, 18, 1, 0, 0);
  stream.start({ host: '127.0.0.1', port: 9 }, 0);
  stream.tick(0);
  // the process was not scheduled for 45 ms: frames 1 (20 ms) and 2 (40 ms) are due
  stream.tick(45);
  assert.equal(stream.sendLog.count, 3);
  assert.equal(stream.sendLog.lost[1], 1, `frame 1 is ${45 - 20} ms late, over ${SKIP_LATE_MS}`);
  assert.equal(stream.sendLog.lost[2], 0, 'frame 2 is 5 ms late: sent');
  assert.equal(sent.length, 2);
  assert.deepEqual(sent.map((p) => parseRtpPacket(p).sequence), [0, 2], 'the skipped frame keeps its sequence number, as a lost packet does');
  stream.stop();
  stream.tick(200);
  assert.equal(stream.sendLog.count, 3, 'nothing after stop');
});

test('the log grows past its first capacity', () => {
  const { socket } = capturingSocket();
  const stream = new PacedStream(socket, 19, 1, 0, 0);
  stream.start({ host: '127.0.0.1', port: 9 }, 0);
  for (let t = 0; t <= 3000 * 20; t += 20) stream.tick(t);
  assert.equal(stream.sendLog.count, 3001);
  assert.equal(stream.sendLog.sentAtMs[3000], 60_000);
});
