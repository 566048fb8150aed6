import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRecording } from './analyze-recording';
import { assertRecordingPassed, RecordingCheckError } from './recording-summary';
import { buildSyntheticRecording } from './testing/synthetic-recording';
import { harnessLateness } from '../verdict/harness-lateness';
import { InconclusiveError } from '../verdict/inconclusive-error';
import { synthesizeFrame } from '../media';

// A recording whose audio sits 34.5 ms late against the start the Media Server reported.
const rec = buildSyntheticRecording({
  law: 'mulaw', durationMs: 2000, recordingStartMs: 1000, senderStartMs: 1003.1, channelCount: 2,
  streams: [{ streamId: 10, channel: 0, label: 'agent' }, { streamId: 11, channel: 1, label: 'caller' }],
});
/** The harness's senders put every frame on the wire `lateMs` behind its schedule (a starved process). */
const latePacer = (lateMs: number) => ({
  lateness: harnessLateness({ senders: rec.streams.map((stream) => ({ label: stream.label ?? 'sender', frames: stream.frames.map((f) => ({ index: f.index, sentAtMs: f.sentAtMs, scheduledAtMs: f.sentAtMs - lateMs })) })) }),
  share: 0.25,
});
/** One stall of the event loop at `atMs`. */
const stalled = (lateMs: number, atMs: number) => ({
  lateness: harnessLateness({ stalls: { during: (from, to) => (atMs + lateMs >= from && atMs <= to ? [{ startMs: atMs, endMs: atMs + lateMs, lateMs }] : []) } }),
  share: 0.25,
});
const analyze = (startMs: number, harness?: ReturnType<typeof stalled>, pauses: { startMs: number; endMs: number; label: string }[] = []) =>
  analyzeRecording({ channels: rec.channels, streams: rec.streams, recording: { startMs, stopMs: startMs + 2000 }, expectedPauses: pauses, ...(harness ? { harness } : {}) });

test('a shift the harness was late enough to cause is inconclusive, with the evidence; the same shift with an on-time harness fails', () => {
  assert.throws(() => assertRecordingPassed(analyze(1000 - 34.5)), RecordingCheckError);
  const late = analyze(1000 - 34.5, latePacer(30));
  assert.ok(late.verdicts.some((v) => v.type === 'time-shift' && v.severity === 'inconclusive'));
  assert.deepEqual(late.verdicts.filter((v) => v.severity === 'fail').map((v) => v.message), []);
  assert.throws(() => assertRecordingPassed(late), (error: Error) =>
    error instanceof InconclusiveError && /^inconclusive: /.test(error.message) && /frames 0\.\.\d+ up to 30\.0 ms late/.test(error.message));
});

test('a deviation larger than any lateness of the harness still fails', () => {
  assert.throws(() => assertRecordingPassed(analyze(1000 - 300, latePacer(30))), RecordingCheckError);
});

test('a stall that touched a few frames leaves the median of a shift alone: the check stands', () => {
  assert.doesNotThrow(() => assertRecordingPassed(analyze(1000, stalled(60, 1900))));
  assert.throws(() => assertRecordingPassed(analyze(1000 - 34.5, stalled(60, 1900))), RecordingCheckError);
});

test("a recorder on the harness's own loop that took the start late: the shift, edges and length it caused are inconclusive; a recorder elsewhere still fails", () => {
  // The sender stamped the start 70 ms before the recorder took it; the loop was held over those 70 ms.
  const analyzeStart = (harness: ReturnType<typeof stalled>, sharesHarnessLoop: boolean) => analyzeRecording({
    channels: rec.channels, streams: rec.streams, expectedPauses: [],
    recording: { startMs: 930, stopMs: 930 + 2000, stampedBy: 'sender', sharesHarnessLoop }, harness,
  });
  const onLoop = analyzeStart(stalled(70, 930), true);
  assert.ok(onLoop.verdicts.some((v) => v.type === 'time-shift' && v.severity === 'inconclusive'));
  assert.deepEqual(onLoop.verdicts.filter((v) => v.severity === 'fail').map((v) => `${v.type}: ${v.message}`), []);
  assert.throws(() => assertRecordingPassed(onLoop), (error: Error) =>
    error instanceof InconclusiveError && /while the recorder, on the harness's own loop, took the start command: its event loop was held 7\d\.\d ms/.test(error.message));
  assert.throws(() => assertRecordingPassed(analyzeStart(stalled(70, 930), false)), RecordingCheckError, 'a recorder in its own process is not held by the harness');
  assert.throws(() => assertRecordingPassed(analyzeStart(stalled(70, 1500), true)), RecordingCheckError, 'a stall elsewhere in the call excuses no late start');
});

test('audio too short to name that a stall just before it could have pushed there is inconclusive; with no stall near, or a stall long before, it fails', () => {
  // The caller's last 300 samples: silence, then 28 samples of a frame the recorder placed off its
  // grid at arrival, after a stall of the harness held it up, cut by the stop at the file's end.
  const caller = rec.channels[1].slice();
  caller.fill(0, caller.length - 300);
  caller.set(synthesizeFrame(11, 99).subarray(0, 28), caller.length - 28);
  const pieceMs = 1000 + ((caller.length - 28) * 1000) / 8000;
  const judge = (harness?: ReturnType<typeof stalled>) => analyzeRecording({
    channels: [rec.channels[0], caller], streams: rec.streams, expectedPauses: [], recording: { startMs: 1000, stopMs: 3000 }, ...(harness ? { harness } : {}),
  }).verdicts.filter((v) => v.type === 'unknown-audio').map((v) => v.severity);
  assert.deepEqual(judge(), ['fail']);
  assert.deepEqual(judge(stalled(60, pieceMs - 66)), ['inconclusive'], 'a 60 ms stall ending 6 ms before the piece');
  assert.deepEqual(judge(stalled(60, pieceMs - 400)), ['fail'], 'a stall long before the piece excuses nothing');
});
