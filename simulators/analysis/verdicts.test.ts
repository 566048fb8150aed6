import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRecording } from './analyze-recording';
import { buildSyntheticRecording, SyntheticRecordingOptions } from './testing/synthetic-recording';
import { ChannelTimeline, FoundFrame, FrameRunVerdict, TimeShiftVerdict, Verdict } from './recording-analysis';
import { duplicateVerdicts } from './frame-verdicts';
import { SendLogIndex } from './send-log-index';
import { synthesizeFrame } from '../media/watermark/frame-synth';
import { g711RoundTrip } from '../media/g711';

const base: SyntheticRecordingOptions = {
  law: 'mulaw',
  durationMs: 6000,
  recordingStartMs: 1000,
  senderStartMs: 1003.1,
  channelCount: 2,
  streams: [
    { streamId: 10, channel: 0, label: 'agent' },
    { streamId: 11, channel: 1, label: 'caller' },
  ],
};
const PAUSE = { startMs: 3000, endMs: 4500 };
const ofType = <T extends Verdict['type']>(verdicts: Verdict[], type: T) =>
  verdicts.filter((v) => v.type === type) as (Verdict & { type: T })[];
const slotStart = (gridOffsetSamples: number, slot: number) => Math.round(gridOffsetSamples + slot * 160);

test('verdicts: a replayed frame is a duplicate pointing at both copies', () => {
  const rec = buildSyntheticRecording({ ...base, foreignFrames: [{ channel: 0, slot: 120, streamId: 10, index: 100 }] });
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, recording: { startMs: 1000 } });
  const [duplicate] = ofType(analysis.verdicts, 'duplicate') as FrameRunVerdict[];
  assert.equal(duplicate.firstIndex, 100);
  assert.equal(duplicate.severity, 'fail');
  assert.deepEqual(duplicate.spans, [
    { channel: 0, start: slotStart(rec.gridOffsetSamples, 120), end: slotStart(rec.gridOffsetSamples, 120) + 160 },
    { channel: 0, start: slotStart(rec.gridOffsetSamples, 100), end: slotStart(rec.gridOffsetSamples, 100) + 160 },
  ]);
  // The slot it overwrote is a drop; the replay sits 400 ms late against its send time.
  assert.deepEqual((ofType(analysis.verdicts, 'drop') as FrameRunVerdict[]).map((d) => [d.firstIndex, d.lastIndex]), [[120, 120]]);
  // Runs that sit where they belong are passed shift verdicts; only the replay fails.
  const shifts = (ofType(analysis.verdicts, 'time-shift') as TimeShiftVerdict[]).filter((v) => v.severity === 'fail');
  assert.equal(shifts.length, 1);
  assert.ok(Math.abs(shifts[0].shiftMs - 400) < 0.5, `${shifts[0].shiftMs}`);
  assert.deepEqual(shifts[0].spans, [duplicate.spans[0]]);
});

test('verdicts: a recorder that does not pad a 500 ms hold shifts later audio: time shift, not padding', () => {
  const rec = buildSyntheticRecording({ ...base, recorderPadsGaps: false, holds: [{ startMs: 2500, endMs: 3000 }] });
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, recording: { startMs: 1000 } });
  const shifts = (ofType(analysis.verdicts, 'time-shift') as TimeShiftVerdict[]).filter((v) => v.severity === 'fail');
  // Both channels' audio after the hold, and (as it is most of the file) the recording as a whole.
  assert.deepEqual(shifts.map((s) => s.channel ?? 'recording').sort(), [0, 1, 'recording']);
  for (const shift of shifts) {
    assert.equal(shift.severity, 'fail');
    assert.ok(Math.abs(shift.shiftMs + 500) < 1, `audio after the hold sits ${shift.shiftMs} ms off`);
    assert.match(shift.message, /500\.0 ms early/);
  }
  const holdEnd = Math.round((2500 - 1000) * 8);
  for (const shift of shifts.filter((s) => s.channel !== undefined)) assert.ok(Math.abs(shift.spans[0].start - holdEnd) <= 160, shift.message);
  // Given the same hold, a padding recorder is right.
  const padded = buildSyntheticRecording({ ...base, holds: [{ startMs: 2500, endMs: 3000 }] });
  const ok = analyzeRecording({ channels: padded.channels, streams: padded.streams, recording: { startMs: 1000 } });
  assert.deepEqual(ok.verdicts.filter((v) => v.severity === 'fail'), []);
});

test('verdicts: audio that is no frame is unknown audio, with its exact span', () => {
  const burst = Int16Array.from({ length: 300 }, (_, i) => Math.round(8000 * Math.sin(1 + i / 3)));
  const rec = buildSyntheticRecording({ ...base, pauses: [PAUSE], injectedAudio: [{ channel: 1, start: 20000, samples: burst }] });
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: [PAUSE], recording: { startMs: 1000 } });
  const unknown = ofType(analysis.verdicts, 'unknown-audio');
  assert.equal(unknown.length, 1);
  assert.deepEqual(unknown[0].spans, [{ channel: 1, start: 20000, end: 20300 }]);
  assert.match(unknown[0].message, /300 samples .* at samples 20000\.\.20300/);
});

test('verdicts: a 100-sample piece of a frame leaked into a pause is named and reported as a leak', () => {
  const piece = g711RoundTrip('mulaw', synthesizeFrame(10, 140)).subarray(30, 130);
  const rec0 = buildSyntheticRecording({ ...base, pauses: [PAUSE] });
  const at = slotStart(rec0.gridOffsetSamples, 140) + 30;
  const rec = buildSyntheticRecording({ ...base, pauses: [PAUSE], injectedAudio: [{ channel: 0, start: at, samples: piece }] });
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: [PAUSE], recording: { startMs: 1000 } });
  const [leak] = ofType(analysis.verdicts, 'leak') as FrameRunVerdict[];
  assert.ok(leak, 'leak reported');
  assert.equal(leak.streamId, 10);
  assert.equal(leak.firstIndex, 140);
  assert.deepEqual(leak.spans, [{ channel: 0, start: at, end: at + 100 }]);
  const frame = analysis.channels[0].frames.find((f) => f.index === 140);
  assert.equal(frame?.frameOffset, 30);
  assert.deepEqual(ofType(analysis.verdicts, 'unknown-audio'), []);
});

test('verdicts: without a recording start the offset is estimated from the frames (external recorder)', () => {
  const rec = buildSyntheticRecording({ ...base, recordingStartMs: 1234.5, pauses: [PAUSE], lossRate: 0.05, seed: 5 });
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: [PAUSE] });
  assert.equal(analysis.timeBase.source, 'estimated');
  assert.ok(Math.abs((analysis.timeBase.fileStartMs ?? 0) - 1234.5) < 0.2, `${analysis.timeBase.fileStartMs}`);
  const padding = ofType(analysis.verdicts, 'padding');
  assert.equal(padding.length, 2);
  assert.ok(padding.every((p) => p.severity === 'pass'), padding.map((p) => p.message).join('\n'));
  // Told a start 100 ms off, the analyzer reports the shift it sees.
  const told = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: [PAUSE], recording: { startMs: 1134.5 } });
  assert.ok(Math.abs((told.timeBase.shiftMs ?? 0) - 100) < 0.2);
  const whole = ofType(told.verdicts, 'time-shift').find((v) => v.channel === undefined);
  assert.equal(whole?.severity, 'fail');
  assert.ok(whole && Math.abs(whole.shiftMs + 100) < 0.2, 'the audio sits 100 ms early against the start given');
  assert.deepEqual(whole?.spans.map((s) => s.channel), [0, 1]);
});

test("verdicts: a stream marked 'none' (another call's party) found in the file is crosstalk", () => {
  const rec = buildSyntheticRecording({
    ...base,
    streams: [...base.streams, { streamId: 12, channel: 1, expectedChannel: 'none', label: 'other call' }],
  });
  // Channel 1 holds both 11 and 12 written over each other; keep only the 'none' stream there.
  const only12 = buildSyntheticRecording({ ...base, streams: [base.streams[0], { streamId: 12, channel: 1, expectedChannel: 'none', label: 'other call' }] });
  const analysis = analyzeRecording({ channels: only12.channels, streams: rec.streams, recording: { startMs: 1000 } });
  const crosstalk = ofType(analysis.verdicts, 'crosstalk') as FrameRunVerdict[];
  assert.equal(crosstalk.length, 1);
  assert.equal(crosstalk[0].streamId, 12);
  assert.equal(crosstalk[0].expectedChannel, 'none');
  assert.match(crosstalk[0].message, /stream 12 \(other call\) belongs in no channel of this recording/);
  // The caller's stream is missing from its channel: drops over the whole call.
  assert.ok((ofType(analysis.verdicts, 'drop') as FrameRunVerdict[]).some((d) => d.streamId === 11 && d.frameCount > 200));
});

test('verdicts: file duration against the session wall time', () => {
  const rec = buildSyntheticRecording(base);
  const short = analyzeRecording({ channels: rec.channels, streams: rec.streams, recording: { startMs: 1000, stopMs: 7100 } });
  const [duration] = ofType(short.verdicts, 'duration');
  assert.equal(duration.severity, 'fail');
  assert.equal(duration.errorMs, -100);
  assert.deepEqual(duration.spans, [{ channel: 0, start: 48000, end: 48800 }]);
  const ok = analyzeRecording({ channels: rec.channels, streams: rec.streams, recording: { startMs: 1000, stopMs: 7010 }, tolerances: { durationMs: 20 } });
  assert.equal(ofType(ok.verdicts, 'duration')[0].severity, 'pass');
});

test('verdicts: with no recording start and no frame of a known stream, padding cannot be placed and fails', () => {
  const rec = buildSyntheticRecording({ ...base, pauses: [PAUSE] });
  const analysis = analyzeRecording({ channels: rec.channels, streams: [], expectedPauses: [PAUSE] });
  assert.equal(analysis.timeBase.source, 'none');
  const padding = ofType(analysis.verdicts, 'padding');
  assert.deepEqual(padding.map((p) => [p.channel, p.severity]), [[0, 'fail'], [1, 'fail']]);
  assert.match(padding[0].message, /no time base/);
  // Every stream found is foreign to an empty send log.
  assert.deepEqual([...new Set(ofType(analysis.verdicts, 'foreign-stream').map((v) => (v as FrameRunVerdict).streamId))].sort(), [10, 11]);
});

test('verdicts: two pieces holding different parts of one frame are not a repeat; the same part twice is', () => {
  const sendLog = new SendLogIndex(base.streams.map((s) => ({ streamId: s.streamId, channel: s.channel, frames: [{ index: 7, sentAtMs: 1140 }] })));
  const piece = (start: number, frameOffset: number, length: number): FoundFrame => ({ streamId: 10, index: 7, start, length, frameOffset, correlation: 1, how: 'partial' });
  const timeline = (frames: FoundFrame[]): ChannelTimeline => ({ channel: 0, segments: [], frames });
  // Head and tail of frame 7 either side of a quiet stretch labelled silence: one frame.
  assert.deepEqual(duplicateVerdicts([timeline([piece(1000, 0, 40), piece(1048, 48, 112)])], sendLog), []);
  // Its samples 30..50 twice: a repeat, pointing at both copies.
  const [repeat] = duplicateVerdicts([timeline([piece(1000, 0, 50), piece(3000, 30, 20)])], sendLog);
  assert.equal(repeat.firstIndex, 7);
  assert.deepEqual(repeat.spans, [{ channel: 0, start: 3000, end: 3020 }, { channel: 0, start: 1000, end: 1050 }]);
});
