/**
 * Pieces of frames that do not belong where they are, and audio that is no frame: a piece of the
 * other party's stream or of another call's must still fail as crosstalk or another call's audio, a
 * piece of a frame sent during a pause as a leak, and noise or a click must stay unknown audio.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FrameRunVerdict, SentStream } from './recording-analysis';
import { g711RoundTrip } from '../media/g711';
import { seededRandom } from '../media/seeded-random';
import {
  AGENT, CALLER, RUNS, SEED, analyze, assertUpToQuietEnd, failures, framePiece, laws, ofType, openingFragment, quiet,
} from './testing/fragment-recording';

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
      // The pause edge falls at the end of the unreadable span: rule 29 makes both inconclusive, never passed.
      const unread = analysis.verdicts.filter((v) => v.type === 'unknown-audio');
      assert.deepEqual(unread.map((v) => v.severity), ['inconclusive']);
      assert.ok(analysis.verdicts.some((v) => v.type === 'padding' && v.channel === 0 && v.severity === 'inconclusive'));
      const spans = unread.map((v) => v.spans[0]);
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
  assert.deepEqual(analysis.verdicts.filter((v) => v.type === 'unknown-audio').map((v) => [v.spans[0], v.severity]), [[{ channel: 0, start: 0, end: 40 }, 'inconclusive']]);
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

