import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRecording, assertRecordingPassed } from '../analysis';
import { buildRtpPacket, PayloadType, RtpSender, readWav, WatermarkSource } from '../media';
import { ManualClock } from '../time/manual-clock';
import { recordingPaths } from './recording-paths';
import { RecordingSession } from './recording-session';

function fakeSocket(): Socket & EventEmitter {
  const socket = new EventEmitter() as Socket & EventEmitter;
  (socket as unknown as { close: () => void }).close = () => undefined;
  return socket;
}

test('a paused recording is padded with silence exactly where the commands arrived, in both channels', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gir-session-'));
  try {
    const clock = new ManualClock();
    const sockets: [Socket & EventEmitter, Socket & EventEmitter] = [fakeSocket(), fakeSocket()];
    const session = new RecordingSession({
      id: 'rec-1', session: 's-1', dn: '7001',
      parameters: { connId: '00a1b2c3d4e5f607', side: 'destination', partitions: [] },
      paths: recordingPaths(root, 'rec-1'), clock, mediaSockets: sockets, maxDriftMs: 60,
    });
    const senders = [21, 22].map((streamId, label) => new RtpSender({
      clock, ssrc: 1000 + label, payloadType: PayloadType.PCMU,
      source: new WatermarkSource(streamId).frameSource('mulaw'),
      transmit: (packet) => sockets[label].emit('message', packet),
    }));
    clock.advance(7);
    senders.forEach((s) => s.start());
    clock.advance(333);
    session.command('start');
    const start = clock.now();
    clock.advance(1000);
    session.command('pause');
    const pause = clock.now();
    clock.advance(1500);
    session.command('resume');
    const resume = clock.now();
    clock.advance(700);
    session.command('stop');
    const stop = clock.now();
    senders.forEach((s) => s.stop());
    const metadata = await session.finish();
    assert.deepEqual(metadata?.events.map((e) => e.type), ['started', 'paused', 'resumed', 'stopped']);
    const wav = readWav(readFileSync(join(root, 'rec-1.wav')));
    assert.equal(wav.channels[0].length, (stop - start) * 8, 'file time = session wall time');
    const analysis = analyzeRecording({
      channels: wav.channels,
      streams: senders.map((s, channel) => ({ streamId: 21 + channel, channel, frames: s.log.map((f) => ({ index: f.index, sentAtMs: f.sentAtMs })) })),
      expectedPauses: [{ startMs: pause, endMs: resume }],
      recording: { startMs: start, stopMs: stop },
    });
    assertRecordingPassed(analysis);
    assert.equal(analysis.verdicts.filter((v) => v.type === 'padding' && v.severity === 'pass').length, 2);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a session stopped before it started leaves no file', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gir-session-'));
  try {
    const session = new RecordingSession({
      id: 'rec-2', session: 's-2', dn: '7001', parameters: { connId: 'c', side: 'source', partitions: [] },
      paths: recordingPaths(root, 'rec-2'), clock: new ManualClock(), mediaSockets: [fakeSocket(), fakeSocket()], maxDriftMs: 60,
    });
    assert.equal(await session.finish(), undefined);
    assert.equal(existsSync(join(root, 'rec-2.wav')), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('RTP fault knobs: dropped packets never reach the session, delayed ones are placed where they finally arrive', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gir-session-'));
  try {
    const clock = new ManualClock();
    const sockets: [Socket & EventEmitter, Socket & EventEmitter] = [fakeSocket(), fakeSocket()];
    const faults = { dropRtp: true, rtpDelayMs: 0 };
    const session = new RecordingSession({
      id: 'rec-3', session: 's-3', dn: '7001', parameters: { connId: 'c', side: 'source', partitions: [] },
      paths: recordingPaths(root, 'rec-3'), clock, mediaSockets: sockets, maxDriftMs: 60, mediaFaults: () => faults,
    });
    session.command('start');
    const source = new WatermarkSource(5).frameSource('mulaw');
    const packet = (index: number) => buildRtpPacket({ payloadType: PayloadType.PCMU, ssrc: 9, sequence: index, timestamp: index * 160, payload: source.payload(index) });
    sockets[0].emit('message', packet(0));
    assert.equal(session.media[0].received, 0);
    faults.dropRtp = false;
    faults.rtpDelayMs = 30;
    sockets[0].emit('message', packet(1));
    assert.equal(session.media[0].received, 0, 'held back by the delay knob');
    clock.advance(30);
    assert.equal(session.media[0].received, 1);
    assert.equal(session.tracks[0].length, 30 * 8 + 160, 'placed at its delayed arrival');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('finish() on a live recording stops it and writes its files once, also when a stop listener calls finish() again', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gir-session-'));
  try {
    const clock = new ManualClock();
    // like dgram: a second close() throws
    const closingSocket = (): Socket & EventEmitter => {
      const socket = fakeSocket();
      let open = true;
      (socket as unknown as { close: () => void }).close = () => {
        if (!open) throw new Error('Not running');
        open = false;
      };
      return socket;
    };
    const session = new RecordingSession({
      id: 'rec-4', session: 's-4', dn: '7001', parameters: { connId: 'c', side: 'source', partitions: [] },
      paths: recordingPaths(root, 'rec-4'), clock, mediaSockets: [closingSocket(), closingSocket()], maxDriftMs: 60,
    });
    // FakeMediaServer finishes a session when its stop event comes (finishedOf)
    const fromListener: Promise<unknown>[] = [];
    session.onCommand((event) => {
      if (event.type === 'stopped') fromListener.push(session.finish());
    });
    session.command('start');
    clock.advance(500);
    const metadata = await session.finish();
    assert.deepEqual(metadata?.events.map((e) => e.type), ['started', 'stopped']);
    assert.equal(fromListener.length, 1);
    assert.equal(await fromListener[0], metadata, 'the listener got the same result');
    assert.equal(readWav(readFileSync(join(root, 'rec-4.wav'))).channels[0].length, 500 * 8);
    assert.ok(existsSync(join(root, 'rec-4.json')));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
