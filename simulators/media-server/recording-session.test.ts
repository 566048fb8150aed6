import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRecording, assertRecordingPassed } from '../analysis';
import { buildRtpPacket, PayloadType, RtpSender, readWav, WatermarkSource } from '../media';
import { ManualClock } from '../time/manual-clock';
import { recordingPaths } from './recording-paths';
import { RecordingSession, RecordingSessionOptions } from './recording-session';

function fakeSocket(): Socket & EventEmitter {
  const socket = new EventEmitter() as Socket & EventEmitter;
  (socket as unknown as { close: () => void }).close = () => undefined;
  return socket;
}

type FakeSockets = [Socket & EventEmitter, Socket & EventEmitter];

/** Runs `body` with a fresh recordings root, removed afterwards. */
async function withRoot(body: (root: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'gir-session-'));
  try {
    await body(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** A session recording under `root` as `id`, fed through fake sockets; options override the defaults. */
function newSession(root: string, id: string, clock: ManualClock, options: Partial<RecordingSessionOptions> = {}): { session: RecordingSession; sockets: FakeSockets } {
  const sockets: FakeSockets = [fakeSocket(), fakeSocket()];
  const session = new RecordingSession({
    id, session: `s-${id}`, dn: '7001',
    parameters: { connId: '00a1b2c3d4e5f607', side: 'destination', partitions: [] },
    paths: recordingPaths(root, id), clock, mediaSockets: sockets, maxDriftMs: 60,
    ...options,
  });
  return { session, sockets };
}

/** One watermark sender per label, stream ids `streamIds`, into the session's sockets. */
function watermarkSenders(clock: ManualClock, sockets: FakeSockets, streamIds: [number, number], law: 'mulaw' | 'alaw'): RtpSender[] {
  return streamIds.map((streamId, label) => new RtpSender({
    clock, ssrc: 1000 * streamIds[0] + label, payloadType: law === 'mulaw' ? PayloadType.PCMU : PayloadType.PCMA,
    source: new WatermarkSource(streamId).frameSource(law),
    transmit: (packet) => sockets[label].emit('message', packet),
  }));
}

test('a paused recording is padded with silence exactly where the commands arrived, in both channels', async () => {
  await withRoot(async (root) => {
    const clock = new ManualClock();
    const { session, sockets } = newSession(root, 'rec-1', clock);
    const senders = watermarkSenders(clock, sockets, [21, 22], 'mulaw');
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
  });
});

test('a session stopped before it started leaves no file', async () => {
  await withRoot(async (root) => {
    const { session } = newSession(root, 'rec-2', new ManualClock());
    assert.equal(await session.finish(), undefined);
    assert.equal(existsSync(join(root, 'rec-2.wav')), false);
  });
});

test('RTP fault knobs: dropped packets never reach the session, delayed ones are placed where they finally arrive', async () => {
  await withRoot(async (root) => {
    const clock = new ManualClock();
    const faults = { dropRtp: true, rtpDelayMs: 0 };
    const { session, sockets } = newSession(root, 'rec-3', clock, { mediaFaults: () => faults });
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
  });
});

test('finish() on a live recording stops it and writes its files once, also when a stop listener calls finish() again', async () => {
  await withRoot(async (root) => {
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
    const { session } = newSession(root, 'rec-4', clock, { mediaSockets: [closingSocket(), closingSocket()] });
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
  });
});

test('a long recording goes to its hidden temporary while it runs: memory stays bounded, the file stays exact', async () => {
  await withRoot(async (root) => {
    const clock = new ManualClock();
    const { session, sockets } = newSession(root, 'long-1', clock);
    const senders = watermarkSenders(clock, sockets, [31, 32], 'alaw');
    senders.forEach((s) => s.start());
    clock.advance(13);
    session.command('start');
    const start = clock.now();
    const pauses: { startMs: number; endMs: number }[] = [];
    let heldMost = 0;
    let temporaryBytesMidway = 0;
    for (let second = 1; second <= 60; second++) {
      clock.advance(1000);
      if (second % 15 === 5) {
        session.command('pause');
        pauses.push({ startMs: clock.now(), endMs: Number.NaN });
      } else if (second % 15 === 8) {
        session.command('resume');
        pauses[pauses.length - 1].endMs = clock.now();
      }
      await session.settledWritten();
      heldMost = Math.max(heldMost, ...session.tracks.map((t) => t.heldSamples));
      if (second === 30) {
        const [temporary] = readdirSync(root).filter((f) => /^\.long-1\.wav\.[0-9a-f]{8}\.part$/.test(f));
        assert.ok(temporary, `no WAV temporary while recording: ${readdirSync(root).join(', ')}`);
        temporaryBytesMidway = statSync(join(root, temporary)).size;
      }
    }
    session.command('stop');
    const stop = clock.now();
    senders.forEach((s) => s.stop());
    await session.finish();
    // 30 s of stereo is 960 kB; settled audio up to 2 s behind the newest arrival is already in the file.
    assert.ok(temporaryBytesMidway >= 44 + 26 * 8000 * 4, `the temporary held ${temporaryBytesMidway} bytes after 30 s`);
    assert.ok(heldMost <= 12 * 8000, `a track held up to ${heldMost} samples (${heldMost / 8000} s) of a 60 s recording`);
    assert.deepEqual(readdirSync(root).sort(), ['long-1.json', 'long-1.wav'], 'only the final files remain');
    const wav = readWav(readFileSync(join(root, 'long-1.wav')));
    assert.equal(wav.channels[0].length, (stop - start) * 8, 'file time = session wall time');
    const analysis = analyzeRecording({
      channels: wav.channels,
      streams: senders.map((s, channel) => ({ streamId: 31 + channel, channel, frames: s.log.map((f) => ({ index: f.index, sentAtMs: f.sentAtMs })) })),
      expectedPauses: pauses,
      recording: { startMs: start, stopMs: stop },
    });
    assertRecordingPassed(analysis);
    assert.equal(analysis.verdicts.filter((v) => v.type === 'padding' && v.severity === 'pass').length, 2 * pauses.length);
  });
});

test('a failed write while recording fails the recording at its end and leaves no file behind', async () => {
  await withRoot(async (root) => {
    const clock = new ManualClock();
    writeFileSync(join(root, 'blocked'), 'a file where the recording directory should be');
    const directory = join(root, 'blocked', 'sub');
    const { session, sockets } = newSession(root, 'fail-1', clock, {
      paths: { directory, wav: join(directory, 'fail-1.wav'), metadata: join(directory, 'fail-1.json') },
    });
    const [sender] = watermarkSenders(clock, sockets, [41, 42], 'mulaw');
    sender.start();
    session.command('start');
    clock.advance(6000);
    await session.settledWritten();
    session.command('stop');
    sender.stop();
    await assert.rejects(session.finish(), /ENOTDIR|EEXIST/);
    assert.deepEqual(readdirSync(root), ['blocked']);
  });
});
