import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:dgram';
import { parseRtpPacket, WatermarkSource } from '../media';
import { ManualClock } from '../time/manual-clock';
import { PacedStream, SKIP_LATE_MS, StreamPacer } from './stream-pacer';

/** A socket that records what is sent; connect() completes at once, or when `connectNow` is called if `deferConnect`. */
function capturingSocket(deferConnect = false): { socket: Socket; sent: Buffer[]; connectedTo?: string; connectNow: () => void } {
  const capture: { socket: Socket; sent: Buffer[]; connectedTo?: string; connectNow: () => void } = { socket: undefined as never, sent: [], connectNow: () => assert.fail('connect() was not called') };
  capture.socket = {
    send: (packet: Buffer, ...rest: unknown[]) => {
      assert.equal(rest.length, 0, 'a connected socket sends without an address');
      capture.sent.push(packet);
    },
    connect: (port: number, host: string, done: () => void) => {
      capture.connectedTo = `${host}:${port}`;
      capture.connectNow = done;
      if (!deferConnect) done();
    },
    close: () => undefined,
    on: () => undefined,
  } as unknown as Socket;
  return capture;
}

test('frames go out every 20 ms from the start, watermarked, timestamps and sequence running on', () => {
  const clock = new ManualClock();
  const pacer = new StreamPacer(clock);
  const capture = capturingSocket();
  const { socket, sent } = capture;
  const stream = new PacedStream(socket, 17, 1234, 65535, 0xffffff00);
  clock.advance(3);
  stream.start({ host: '127.0.0.1', port: 9 }, clock.now());
  assert.equal(capture.connectedTo, '127.0.0.1:9');
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

test('frames due before the socket is connected wait for it, their lateness logged', () => {
  const capture = capturingSocket(true);
  const stream = new PacedStream(capture.socket, 20, 1, 0, 0);
  stream.start({ host: '127.0.0.1', port: 9 }, 0);
  stream.tick(0);
  stream.tick(3);
  assert.equal(capture.sent.length, 0, 'nothing goes out before the connection');
  capture.connectNow();
  stream.tick(4);
  assert.equal(capture.sent.length, 1);
  assert.equal(stream.sendLog.sentAtMs[0], 4);
  assert.equal(stream.sendLog.latenessMs[0], 4);
});
