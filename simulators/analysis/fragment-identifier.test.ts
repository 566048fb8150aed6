/**
 * Pieces of frames with no whole neighbour to continue: the frame being sent when the recording
 * started, cut by the file's start and by a pause a few ms later; a piece between two pauses; a
 * piece at the file's end; a file that holds nothing else. They must be named by position (the
 * stream's grid) as the right stream, frame and offset, so that they fail nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeRecording } from './analyze-recording';
import { buildSyntheticRecording } from './testing/synthetic-recording';
import {
  AGENT, CALLER, DURATION, RUNS, SEED, START,
  analyze, assertPiecesRight, assertUpToQuietEnd, failures, framePiece, laws, ofType, openingFragment, quiet,
} from './testing/fragment-recording';

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
