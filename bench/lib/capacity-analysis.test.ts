import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PayloadType, readWav, RtpSender, WatermarkSource, writeWav } from '../../simulators/media';
import { recordingPaths } from '../../simulators/media-server/recording-paths';
import { RecordingSession } from '../../simulators/media-server/recording-session';
import { ManualClock } from '../../simulators/time/manual-clock';
import { checkRecording } from './capacity-analysis';
import { FedRecording } from './capacity-protocol';
import { planSessions } from './capacity-step';

const PAD_EDGE_MS = 20;

/** A recording made by the real RecordingSession on a manual clock, and its send logs as the feeder reports them. */
async function recorded(root: string): Promise<FedRecording> {
  const clock = new ManualClock();
  const sockets = [new EventEmitter(), new EventEmitter()].map((s) => Object.assign(s, { close: () => undefined })) as unknown as [Socket, Socket];
  const session = new RecordingSession({
    id: 'cap-1', session: 's', dn: '7001', parameters: { connId: 'c', side: 'source', partitions: [] },
    paths: recordingPaths(root, 'cap-1'), clock, mediaSockets: sockets, maxDriftMs: 60,
  });
  const senders = [31, 32].map((streamId, label) => new RtpSender({
    clock, ssrc: 7 + label, payloadType: PayloadType.PCMU, source: new WatermarkSource(streamId).frameSource('mulaw'),
    transmit: (packet) => (sockets[label] as unknown as EventEmitter).emit('message', packet),
  }));
  senders.forEach((s) => s.start());
  clock.advance(5);
  session.command('start');
  const startedAtMs = clock.now();
  clock.advance(1003);
  session.command('pause');
  const pause = clock.now();
  clock.advance(994);
  session.command('resume');
  const resume = clock.now();
  clock.advance(1003);
  session.command('stop');
  const stoppedAtMs = clock.now();
  senders.forEach((s) => s.stop());
  await session.finish();
  return {
    id: 'cap-1', streamIds: [31, 32], clockOriginWallMs: Date.now() - stoppedAtMs, startedAtMs, stoppedAtMs,
    pauses: [{ startMs: pause, endMs: resume }],
    logs: senders.map((s) => ({
      sentAtMs: Float64Array.from(s.log, (f) => f.sentAtMs), lost: new Uint8Array(s.log.length), latenessMs: new Float64Array(s.log.length),
    })) as FedRecording['logs'],
    errors: [],
  };
}

test('a correct recording passes, with its frames counted and its padding edges measured', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gir-cap-check-'));
  try {
    const check = checkRecording(root, await recorded(root), PAD_EDGE_MS);
    assert.deepEqual(check.failures, []);
    assert.ok(check.passed);
    assert.ok(check.framesFound >= 195 && check.framesSent > check.framesFound, `${check.framesFound} of ${check.framesSent}`); // 2 s recorded of 3 s sent, 2 channels
    assert.ok(check.maxPadEdgeErrorMs <= PAD_EDGE_MS);
    assert.equal(check.durationS, 3);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a frame missing from the file, a missing file and a failed command each fail the recording', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gir-cap-check-'));
  try {
    const fed = await recorded(root);
    const wavPath = join(root, 'cap-1.wav');
    const wav = readWav(readFileSync(wavPath));
    wav.channels[1].fill(0, 4000, 4000 + 320); // two frames of the other party gone, mid-segment
    writeFileSync(wavPath, writeWav(wav));
    const dropped = checkRecording(root, fed, PAD_EDGE_MS);
    assert.equal(dropped.passed, false);
    assert.ok(dropped.failureTypes.includes('drop'), dropped.failures.join('\n'));
    assert.deepEqual(checkRecording(root, { ...fed, id: 'cap-2' }, PAD_EDGE_MS).failureTypes, ['missing-file', 'missing-file']);
    assert.ok(checkRecording(root, { ...fed, errors: ['stop: timeout'] }, PAD_EDGE_MS).failureTypes.includes('command'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('every session pauses once inside the hold, with stream ids of its own', () => {
  const plan = planSessions(300, 60_000);
  assert.equal(new Set(plan.flatMap((p) => p.streamIds)).size, 600);
  assert.equal(new Set(plan.map((p) => p.id)).size, 300);
  for (const p of plan) assert.ok(p.pauseAtMs > 0 && p.pauseAtMs + p.pauseForMs < 60_000 && p.pauseForMs > 0, JSON.stringify(p));
});
