/**
 * Pieces of frames with no whole neighbour to continue: the frame being sent when the recording
 * started, cut by the file's start and by a pause a few ms later; a piece between two pauses; a
 * piece at the file's end. They must be named by position (the stream's grid) as the right stream,
 * frame and offset, so they fail nothing when they belong, and still fail as crosstalk, another
 * call's audio or a leak when they do not; audio that is no frame stays unknown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeRecording } from './analyze-recording';
import { buildSyntheticRecording, SyntheticRecording, SyntheticRecordingOptions } from './testing/synthetic-recording';
import { FrameRunVerdict, RecordingAnalysis, SentStream, TimeWindow, Verdict } from './recording-analysis';
import { G711Law, g711RoundTrip } from '../media/g711';
import { synthesizeFrame } from '../media/watermark/frame-synth';
import { seededRandom } from '../media/seeded-random';
import { DEFAULT_SCAN_OPTIONS, dbfsToAmplitude } from './scan-options';

const AGENT = 17;
const CALLER = 2049;
const START = 1000;
const DURATION = 1200;
const RUNS = Number(process.env.GIR_PROPERTY_RUNS) || 30;
const SEED = Number(process.env.GIR_PROPERTY_SEED) || 20261126;
const laws = fc.constantFrom<G711Law>('mulaw', 'alaw');

/**
 * A recording whose sample 0 falls `headCut` samples into frame 1 of both streams, paused `cut`
 * samples later (the pause runs to 600 ms): the file opens with samples headCut.. of frame 1.
 */
function openingFragment(law: G711Law, headCut: number, cut: number, extra: Partial<SyntheticRecordingOptions> = {}) {
  const pause = { startMs: START + cut / 8, endMs: START + 600, label: 'pause right after start' };
  const rec = buildSyntheticRecording({
    law,
    durationMs: DURATION,
    recordingStartMs: START,
    senderStartMs: START - headCut / 8 - 20,
    channelCount: 2,
    streams: [
      { streamId: AGENT, channel: 0, label: 'agent' },
      { streamId: CALLER, channel: 1, label: 'caller' },
    ],
    pauses: [pause],
    ...extra,
  });
  return { rec, pauses: [pause] };
}

function analyze(rec: SyntheticRecording, pauses: TimeWindow[], streams: SentStream[] = rec.streams, given = true): RecordingAnalysis {
  return analyzeRecording({
    channels: rec.channels,
    streams,
    expectedPauses: pauses,
    recording: given ? { startMs: START, stopMs: START + DURATION } : undefined,
  });
}

/** RMS at or below quietDbfs (-24 dBFS): such a stretch is silence (not digital), not audio to name. */
function quiet(samples: Int16Array, start: number, end: number): boolean {
  let energy = 0;
  for (let i = start; i < end; i++) energy += samples[i] * samples[i];
  return energy <= dbfsToAmplitude(DEFAULT_SCAN_OPTIONS.quietDbfs) ** 2 * (end - start);
}

/**
 * A span found for audio that ends at `end` reaches it, or stops short only where the rest is quiet
 * (silence by definition: a stretch under quietDbfs).
 */
function assertUpToQuietEnd(samples: Int16Array, found: number, end: number): void {
  assert.ok(found <= end && (found === end || quiet(samples, found, end)), `span ends at ${found}, audio at ${end}`);
}

const failures = (analysis: RecordingAnalysis) => analysis.verdicts.filter((v) => v.severity === 'fail').map((v) => v.message);
const ofType = <T extends Verdict['type']>(analysis: RecordingAnalysis, type: T) =>
  analysis.verdicts.filter((v) => v.type === type && v.severity === 'fail') as (Verdict & { type: T })[];

/** Frame `index` of `streamId` as a G.711 recorder writes it, samples [from, to). */
function framePiece(law: G711Law, streamId: number, index: number, from: number, to: number): Int16Array {
  return g711RoundTrip(law, synthesizeFrame(streamId, index)).slice(from, to);
}

/** Every cut piece in the channel's first `end` samples sits where the recorder put that frame. */
function assertPiecesRight(analysis: RecordingAnalysis, rec: SyntheticRecording, end: number): number {
  let named = 0;
  for (const timeline of analysis.channels) {
    const streamId = timeline.channel === 0 ? AGENT : CALLER;
    for (const frame of timeline.frames.filter((f) => f.start < end)) {
      assert.equal(frame.streamId, streamId, `channel ${timeline.channel}: ${JSON.stringify(frame)}`);
      assert.equal(frame.start - frame.frameOffset, Math.round(rec.gridOffsetSamples + frame.index * 160), JSON.stringify(frame));
      named++;
    }
  }
  return named;
}

test('fragments: a file that opens mid-frame and pauses 0.1..20 ms later fails nothing; the piece is its frame (both laws, any cut)', () => {
  let named = 0;
  fc.assert(
    fc.property(laws, fc.integer({ min: 1, max: 159 }), fc.integer({ min: 1, max: 160 }), fc.boolean(), (law, headCut, cut, given) => {
      const { rec, pauses } = openingFragment(law, headCut, cut);
      const analysis = analyze(rec, pauses, rec.streams, given);
      assert.deepEqual(failures(analysis), []);
      named += assertPiecesRight(analysis, rec, cut);
      // From 1 ms on, nothing of the piece is left unexplained: it is named, or quiet enough to be
      // silence (a stretch of a frame below quietDbfs), never unknown.
      if (cut >= 8) {
        for (const timeline of analysis.channels) {
          assert.deepEqual(timeline.segments.filter((s) => s.kind === 'unknown' && s.start < cut), [], `channel ${timeline.channel}`);
        }
      }
      if (!given) assert.ok(Math.abs((analysis.timeBase.fileStartMs ?? 0) - START) < 0.2, `time base ${analysis.timeBase.fileStartMs}`);
    }),
    { numRuns: RUNS * 2, seed: SEED },
  );
  assert.ok(named > RUNS * 2, `pieces named: ${named}`);
});

test('fragments: a piece spanning the tail of frame 1 and the head of frame 2 is named as both', () => {
  const { rec, pauses } = openingFragment('alaw', 120, 100);
  const analysis = analyze(rec, pauses);
  assert.deepEqual(failures(analysis), []);
  const pieces = analysis.channels[0].frames.filter((f) => f.start < 100);
  assert.deepEqual(
    pieces.map((f) => [f.index, f.start, f.length, f.frameOffset, f.how]),
    [[1, 0, 40, 120, 'partial'], [2, 40, 60, 0, 'partial']],
  );
  assert.deepEqual(analysis.channels[0].segments[0], { kind: 'audio', start: 0, length: 100, streamId: AGENT, firstIndex: 1, lastIndex: 2, frameCount: 2 });
});

test('fragments: a piece a recorder placed up to 4 ms off the later frames\' grid (re-anchored on arrival) is still its frame', () => {
  fc.assert(
    fc.property(laws, fc.integer({ min: 40, max: 80 }), fc.integer({ min: 8, max: 40 }), fc.integer({ min: -32, max: 32 }), (law, headCut, cut, offGrid) => {
      const { rec, pauses } = openingFragment(law, headCut, cut);
      rec.channels[0].set(framePiece(law, AGENT, 1, headCut + offGrid, headCut + offGrid + cut), 0);
      const analysis = analyze(rec, pauses);
      assert.deepEqual(failures(analysis), []);
      if (quiet(rec.channels[0], 0, cut)) return; // silence by definition, nothing to name
      const [piece] = analysis.channels[0].frames;
      // Where the piece opens on near-zero samples (at most 3), they are silence.
      assert.deepEqual([piece.streamId, piece.index], [AGENT, 1]);
      assert.ok(piece.start <= 3 && piece.start - piece.frameOffset === -(headCut + offGrid), JSON.stringify(piece));
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test("fragments: the stream's first frame, placed a few samples into the file and paused right after, is named", () => {
  fc.assert(
    fc.property(laws, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 8, max: 120 }), (law, lead, late, length) => {
      // Frame 0 is sent `lead` samples after the start; the pause comes `length` samples later. A
      // recorder that places a segment's first packet at its arrival puts it `late` samples later.
      const pause = { startMs: START + (lead + length) / 8, endMs: START + 600 };
      const rec = buildSyntheticRecording({
        law,
        durationMs: DURATION,
        recordingStartMs: START,
        senderStartMs: START + lead / 8,
        channelCount: 2,
        streams: [
          { streamId: AGENT, channel: 0 },
          { streamId: CALLER, channel: 1 },
        ],
        pauses: [pause],
      });
      rec.channels[0].fill(0, 0, lead + length + late);
      rec.channels[0].set(framePiece(law, AGENT, 0, 0, length), lead + late);
      const analysis = analyze(rec, [pause]);
      assert.deepEqual(failures(analysis), []);
      const [piece] = analysis.channels[0].frames;
      assert.deepEqual([piece.streamId, piece.index, piece.start, piece.frameOffset], [AGENT, 0, lead + late, 0]);
      assertUpToQuietEnd(rec.channels[0], piece.start + piece.length, lead + late + length);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('fragments: a file that is only a piece and a pause until the stop (no whole frame) names the piece from the send log', () => {
  let named = 0;
  fc.assert(
    fc.property(laws, fc.integer({ min: 1, max: 159 }), fc.integer({ min: 2, max: 160 }), fc.double({ min: 0, max: 4, noNaN: true }), (law, headCut, cut, lateMs) => {
      const pause = { startMs: START + cut / 8, endMs: START + DURATION, label: 'until the stop' };
      const { rec } = openingFragment(law, headCut, cut, { pauses: [pause] });
      // The start given is when the command was sent; the recorder started lateMs later.
      const analysis = analyzeRecording({
        channels: rec.channels,
        streams: rec.streams,
        expectedPauses: [pause],
        recording: { startMs: START - lateMs, stopMs: START - lateMs + DURATION },
      });
      assert.equal(analysis.timeBase.framesUsed, 0);
      assert.deepEqual(ofType(analysis, 'unknown-audio'), []);
      assert.deepEqual(ofType(analysis, 'crosstalk'), []);
      named += assertPiecesRight(analysis, rec, cut);
    }),
    { numRuns: RUNS, seed: SEED },
  );
  assert.ok(named >= RUNS, `pieces named: ${named}`);
});

test("fragments: the other party's piece at the file's start is crosstalk; another call's is crosstalk or foreign", () => {
  const OTHER_CALL = 12;
  const FOREIGN = 3999;
  fc.assert(
    fc.property(laws, fc.integer({ min: 1, max: 150 }), fc.integer({ min: 8, max: 159 }), fc.constantFrom(CALLER, OTHER_CALL, FOREIGN), (law, headCut, length, streamId) => {
      const cut = Math.min(length, 160 - headCut);
      // Another call's party sends on its own, listed as 'none'; a foreign stream shows up whole later
      // in the file too (its only grid), overwriting an agent frame.
      const foreign = streamId === FOREIGN ? { foreignFrames: [{ channel: 0, slot: 40, streamId: FOREIGN }] } : {};
      const { rec, pauses } = openingFragment(law, headCut, cut, foreign);
      rec.channels[0].set(framePiece(law, streamId, 1, headCut, headCut + cut), 0);
      if (quiet(rec.channels[0], 0, cut)) return; // silence by definition
      const otherCall: SentStream = { streamId: OTHER_CALL, channel: 'none', label: 'other call', frames: rec.streams[0].frames.map(({ index, sentAtMs }) => ({ index, sentAtMs })) };
      const analysis = analyze(rec, pauses, [...rec.streams, otherCall]);
      const type = streamId === FOREIGN ? 'foreign-stream' : 'crosstalk';
      const found = (ofType(analysis, type) as FrameRunVerdict[]).find((v) => v.spans[0].start <= 3);
      assert.ok(found, `${type} at the start: ${failures(analysis).join('; ')}`);
      assert.deepEqual([found.channel, found.streamId, found.firstIndex], [0, streamId, 1]);
      assertUpToQuietEnd(rec.channels[0], found.spans[0].end, cut);
      if (streamId !== FOREIGN) assert.equal(found.expectedChannel, streamId === CALLER ? 1 : 'none');
      assert.deepEqual(ofType(analysis, 'unknown-audio'), []);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('fragments: noise or a click where the piece would be stays unknown audio', () => {
  fc.assert(
    fc.property(laws, fc.integer({ min: 1, max: 159 }), fc.integer({ min: 8, max: 159 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (law, headCut, cut, seed) => {
      const { rec, pauses } = openingFragment(law, headCut, cut);
      const random = seededRandom(seed);
      // Loud everywhere (2,500..20,000 either way), so that all of it is audio by definition.
      const noise = Int16Array.from({ length: cut }, () => (random() < 0.5 ? -1 : 1) * Math.round(2500 + 17500 * random()));
      rec.channels[0].set(g711RoundTrip(law, noise), 0);
      const analysis = analyze(rec, pauses);
      const spans = ofType(analysis, 'unknown-audio').map((v) => v.spans[0]);
      assert.equal(spans.length, 1);
      assert.ok(spans[0].channel === 0 && spans[0].start === 0, JSON.stringify(spans));
      assertUpToQuietEnd(rec.channels[0], spans[0].end, cut);
      assert.deepEqual(analysis.channels[0].frames.filter((f) => f.start < cut), []);
    }),
    { numRuns: RUNS, seed: SEED },
  );
  // A click of another codec: a decaying 3 kHz burst.
  const { rec, pauses } = openingFragment('mulaw', 70, 40);
  rec.channels[0].set(Int16Array.from({ length: 40 }, (_, i) => Math.round(12000 * Math.exp(-i / 60) * Math.sin((2 * Math.PI * 3000 * i) / 8000 + 0.3))), 0);
  const analysis = analyze(rec, pauses);
  assert.deepEqual(ofType(analysis, 'unknown-audio').map((v) => v.spans[0]), [{ channel: 0, start: 0, end: 40 }]);
});

test('fragments: a piece of a frame sent during the pause, cut on both sides, is a leak', () => {
  fc.assert(
    fc.property(laws, fc.integer({ min: 0, max: 150 }), fc.integer({ min: 8, max: 160 }), (law, from, length) => {
      const to = Math.min(160, from + length);
      const { rec: clean, pauses } = openingFragment(law, 40, 80);
      const at = Math.round(clean.gridOffsetSamples + 20 * 160) + from; // frame 20, sent mid-pause
      const { rec } = openingFragment(law, 40, 80, { injectedAudio: [{ channel: 0, start: at, samples: framePiece(law, AGENT, 20, from, to) }] });
      const analysis = analyze(rec, pauses);
      assert.deepEqual(ofType(analysis, 'unknown-audio'), []);
      if (quiet(rec.channels[0], at, at + to - from)) return; // silence by definition
      const leaks = ofType(analysis, 'leak') as FrameRunVerdict[];
      assert.deepEqual(leaks.map((v) => [v.streamId, v.firstIndex]), [[AGENT, 20]]);
      // The whole piece, but for near-zero samples (at most 3) at its start and a quiet end.
      const [{ start, end }] = leaks[0].spans;
      assert.ok(start >= at && start <= at + 3, `${start}..${end} vs ${at}..${at + to - from}`);
      assertUpToQuietEnd(rec.channels[0], end, at + to - from);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test("fragments: the head of a frame between two pauses and a piece at the file's end are named, in both channels", () => {
  const SENDER = START + 3.3; // frame n sent at SENDER + 20 n
  fc.assert(
    fc.property(laws, fc.double({ min: 0, max: 19.9, noNaN: true }), fc.double({ min: 0.2, max: 19.9, noNaN: true }), fc.double({ min: 0.5, max: 20, noNaN: true }), (law, resumeMs, openMs, tailMs) => {
      // Resumed at 700 + resumeMs ms; the next frame sent is paused again openMs after it was sent.
      const resumeAt = START + 700 + resumeMs;
      const nextSent = SENDER + 20 * Math.ceil((resumeAt - SENDER) / 20);
      const pauses = [
        { startMs: START + 300, endMs: resumeAt, label: 'pause 1' },
        { startMs: nextSent + openMs, endMs: START + DURATION - tailMs, label: 'pause 2' },
      ];
      const rec = buildSyntheticRecording({
        law,
        durationMs: DURATION,
        recordingStartMs: START,
        senderStartMs: SENDER,
        channelCount: 2,
        streams: [
          { streamId: AGENT, channel: 0 },
          { streamId: CALLER, channel: 1 },
        ],
        pauses,
      });
      const analysis = analyze(rec, pauses);
      assert.deepEqual(failures(analysis), []);
      assertPiecesRight(analysis, rec, rec.channels[0].length);
      for (const timeline of analysis.channels) assert.deepEqual(timeline.segments.filter((s) => s.kind === 'unknown' && s.length >= 6), []);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('fragments: under noise at -40 dBFS (over the file or at the phone) the opening piece fails nothing from 1 ms on', () => {
  fc.assert(
    fc.property(laws, fc.constantFrom<'file' | 'phone'>('file', 'phone'), fc.integer({ min: 1, max: 159 }), fc.integer({ min: 8, max: 160 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (law, noiseAt, headCut, cut, seed) => {
      const { rec, pauses } = openingFragment(law, headCut, cut, { noiseDbfs: -40, noiseAt, seed });
      const analysis = analyze(rec, pauses);
      assert.deepEqual(failures(analysis), []);
      assertPiecesRight(analysis, rec, cut);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});
