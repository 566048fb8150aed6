import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRecording } from './analyze-recording';
import { buildSyntheticRecording, SyntheticRecordingOptions } from './testing/synthetic-recording';
import { FrameRunVerdict, PaddingVerdict, SilenceSegment, Verdict } from './recording-analysis';
import { g711RoundTrip } from '../media/g711';
import { synthesizeFrame } from '../media/watermark/frame-synth';
import { buildChannelTimeline } from './channel-timeline';
import { DEFAULT_SCAN_OPTIONS } from './scan-options';
import { SendLogIndex } from './send-log-index';

const AGENT = 17;
const CALLER = 2049;
const PAUSE = { startMs: 8013.4, endMs: 11013.9, label: 'pause 1' };

function recording(overrides: Partial<SyntheticRecordingOptions> = {}) {
  return buildSyntheticRecording({
    law: 'mulaw',
    durationMs: 15000,
    recordingStartMs: 1000,
    senderStartMs: 1000 + 37 / 8 - 60,
    channelCount: 2,
    streams: [
      { streamId: AGENT, channel: 0, label: 'agent' },
      { streamId: CALLER, channel: 1, label: 'caller' },
    ],
    pauses: [PAUSE],
    ...overrides,
  });
}

const failures = (verdicts: Verdict[]) => verdicts.filter((v) => v.severity === 'fail');
const ofType = <T extends Verdict['type']>(verdicts: Verdict[], type: T) =>
  verdicts.filter((v) => v.type === type) as (Verdict & { type: T })[];

for (const law of ['mulaw', 'alaw'] as const) {
  test(`analyzer (${law}): the timeline tiles each channel; silence matches the recorder's to the sample`, () => {
    const rec = recording({ law });
    const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: [PAUSE], recording: { startMs: 1000, stopMs: 16000 } });
    assert.deepEqual(failures(analysis.verdicts), []);
    for (const channel of analysis.channels) {
      let at = 0;
      for (const segment of channel.segments) {
        assert.equal(segment.start, at, `segments of channel ${channel.channel} are contiguous`);
        at += segment.length;
      }
      assert.equal(at, rec.channels[0].length);
      const silences = channel.segments.filter((s): s is SilenceSegment => s.kind === 'silence').map((s) => [s.start, s.start + s.length]);
      assert.deepEqual(silences, rec.silences[channel.channel]);
      const audio = channel.segments.filter((s) => s.kind === 'audio');
      assert.deepEqual(audio.map((s) => s.kind === 'audio' && s.streamId), [channel.channel === 0 ? AGENT : CALLER, channel.channel === 0 ? AGENT : CALLER]);
    }
    const padding = ofType(analysis.verdicts, 'padding');
    assert.equal(padding.length, 2);
    for (const verdict of padding) {
      assert.equal(verdict.severity, 'pass');
      assert.ok(Math.abs(verdict.startErrorMs ?? 99) <= 20 && Math.abs(verdict.endErrorMs ?? 99) <= 20, verdict.message);
      assert.equal(verdict.found?.digital, true);
    }
  });
}

test('analyzer: audio segments name stream and frame range; frames cut by the pause are identified', () => {
  const rec = recording();
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams });
  const [before, after] = analysis.channels[0].segments.filter((s) => s.kind === 'audio');
  assert.ok(before.kind === 'audio' && after.kind === 'audio');
  // Frame n is sent at 944.625 + 20 n ms; the pause cuts frame 353 (sent 8004.6) at 8013.4 ms.
  assert.equal(before.firstIndex, 2);
  assert.equal(before.lastIndex, 353);
  assert.equal(before.start, 0);
  assert.equal(before.start + before.length, Math.round((PAUSE.startMs - 1000) * 8));
  assert.equal(after.firstIndex, 504);
  const cut = analysis.channels[0].frames.find((f) => f.index === 353);
  assert.equal(cut?.how, 'partial');
  assert.equal(cut?.length, 56107 - Math.round(rec.gridOffsetSamples + 353 * 160));
  assert.equal(analysis.timeBase.source, 'estimated');
  assert.ok(Math.abs((analysis.timeBase.fileStartMs ?? 0) - 1000) < 0.01);
});

test('analyzer: a single frame leaked into a 3 s pause is reported with its index and position', () => {
  const rec = recording({ leaks: [[AGENT, 450]] });
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: [PAUSE], recording: { startMs: 1000 } });
  const leaks = ofType(analysis.verdicts, 'leak');
  assert.equal(leaks.length, 1);
  const [leak] = leaks as FrameRunVerdict[];
  assert.equal(leak.severity, 'fail');
  assert.equal(leak.streamId, AGENT);
  assert.equal(leak.channel, 0);
  assert.equal(leak.firstIndex, 450);
  assert.equal(leak.lastIndex, 450);
  const at = Math.round(rec.gridOffsetSamples + 450 * 160);
  assert.deepEqual(leak.spans, [{ channel: 0, start: at, end: at + 160 }]);
  // Padding still spans the pause, the leak inside it.
  const padding = ofType(analysis.verdicts, 'padding').find((v) => v.channel === 0) as PaddingVerdict;
  assert.ok(padding.found && padding.found.start < at && padding.found.end > at + 160);
});

test('analyzer: swapped channels are crosstalk in both channels', () => {
  const rec = recording({
    streams: [
      { streamId: AGENT, channel: 1, expectedChannel: 0, label: 'agent' },
      { streamId: CALLER, channel: 0, expectedChannel: 1, label: 'caller' },
    ],
  });
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: [PAUSE] });
  const crosstalk = ofType(analysis.verdicts, 'crosstalk') as FrameRunVerdict[];
  assert.deepEqual(
    crosstalk.map((v) => [v.channel, v.streamId, v.expectedChannel]).sort(),
    [[0, CALLER, 1], [0, CALLER, 1], [1, AGENT, 0], [1, AGENT, 0]].sort(),
  );
  assert.ok(crosstalk.every((v) => v.severity === 'fail' && v.spans[0].end > v.spans[0].start));
});

test("analyzer: a frame of another call's stream is reported as foreign, with its position", () => {
  const rec = recording({ foreignFrames: [{ channel: 1, slot: 200, streamId: 3999 }] });
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: [PAUSE] });
  const foreign = ofType(analysis.verdicts, 'foreign-stream') as FrameRunVerdict[];
  assert.equal(foreign.length, 1);
  assert.equal(foreign[0].streamId, 3999);
  assert.equal(foreign[0].channel, 1);
  assert.equal(foreign[0].firstIndex, 200);
  const at = Math.round(rec.gridOffsetSamples + 200 * 160);
  assert.deepEqual(foreign[0].spans, [{ channel: 1, start: at, end: at + 160 }]);
  // The overwritten caller frame is missing: a drop at the same place.
  const drops = ofType(analysis.verdicts, 'drop') as FrameRunVerdict[];
  assert.deepEqual(drops.map((d) => [d.streamId, d.firstIndex, d.lastIndex, d.severity]), [[CALLER, 200, 200, 'fail']]);
});

test('analyzer: frames the recorder lost are drops; frames lost by injected loss are only information', () => {
  const rec = recording({ lossRate: 0.05, seed: 11 });
  const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: [PAUSE], recording: { startMs: 1000 } });
  const drops = ofType(analysis.verdicts, 'drop') as FrameRunVerdict[];
  assert.ok(drops.length > 10);
  assert.ok(drops.every((d) => d.injectedLoss && d.severity === 'info'));
  const lostAgent = rec.streams[0].frames.filter((f) => f.lost && f.sentAtMs > 1020 && f.sentAtMs < 15980 && (f.sentAtMs < PAUSE.startMs - 20 || f.sentAtMs > PAUSE.endMs + 20));
  const reported = drops.filter((d) => d.streamId === AGENT).reduce((n, d) => n + d.frameCount, 0);
  assert.equal(reported, lostAgent.length);
  // The same file judged without the loss flags: the recorder is blamed.
  const unflagged = rec.streams.map((s) => ({ ...s, frames: s.frames.map(({ index, sentAtMs }) => ({ index, sentAtMs })) }));
  const blamed = ofType(analyzeRecording({ channels: rec.channels, streams: unflagged, expectedPauses: [PAUSE] }).verdicts, 'drop');
  assert.ok(blamed.length === drops.length && blamed.every((d) => d.severity === 'fail'));
});

test("channel timeline: a cut piece must be its frame to the sample: another stream's piece where the agent's frame ends is not the agent's", () => {
  for (const law of ['mulaw', 'alaw'] as const) {
    // The file opens on the last 10 samples of frame 1 (sent before the start), paused right after:
    // the gap before the first whole frame ends where a slot of its grid ends.
    const pause = { startMs: 1000 + 10 / 8, endMs: 1500 };
    const rec = recording({ law, durationMs: 1200, recordingStartMs: 1000, senderStartMs: 1000 - 150 / 8 - 20, pauses: [pause] });
    const sendLog = new SendLogIndex(rec.streams);
    const [own] = buildChannelTimeline(0, rec.channels[0], DEFAULT_SCAN_OPTIONS, sendLog).frames;
    assert.deepEqual([own.streamId, own.index, own.start, own.length, own.frameOffset, own.how], [AGENT, 1, 0, 10, 150, 'partial']);
    // The same spot holding the tail of another stream's frame 1 (its edge as loud as any frame's).
    rec.channels[0].set(g711RoundTrip(law, synthesizeFrame(3999, 1)).subarray(150), 0);
    const other = buildChannelTimeline(0, rec.channels[0], DEFAULT_SCAN_OPTIONS, sendLog);
    assert.deepEqual(other.frames.filter((f) => f.start < 10), []);
  }
});
