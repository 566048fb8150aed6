/**
 * The analyzer against the conditions the issue lists: both laws, 5% random loss, jitter (send-time
 * lateness and an arbitrary first-arrival delay), noise at -40 dBFS (over the whole file, or at the
 * phone), arbitrary start offsets and pause times. Silence must be found where the recorder left it,
 * within MAX_EDGE_ERROR_SAMPLES, and every padding edge within one frame.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeRecording } from './analyze-recording';
import { buildSyntheticRecording } from './testing/synthetic-recording';
import { ChannelTimeline } from './recording-analysis';
import { DEFAULT_SCAN_OPTIONS } from './scan-options';

/** "Within a few samples": how far a found silence edge may sit from the recorder's. */
const MAX_EDGE_ERROR_SAMPLES = 4;
const FRAME_MS = 20;
/** Deeper local runs: GIR_PROPERTY_RUNS=200 npx tsx scripts/unit.ts robustness */
const RUNS_PER_CONDITION = Number(process.env.GIR_PROPERTY_RUNS) || 4;

/** Silence windows of a channel, adjacent silence segments (digital next to quiet) merged. */
function silenceWindows(timeline: ChannelTimeline): [number, number][] {
  const windows: [number, number][] = [];
  for (const segment of timeline.segments) {
    if (segment.kind !== 'silence') continue;
    const last = windows[windows.length - 1];
    if (last && last[1] === segment.start) last[1] += segment.length;
    else windows.push([segment.start, segment.start + segment.length]);
  }
  return windows;
}

const conditions = [
  { law: 'mulaw', noiseAt: 'file' },
  { law: 'alaw', noiseAt: 'file' },
  { law: 'mulaw', noiseAt: 'phone' },
  { law: 'alaw', noiseAt: 'phone' },
] as const;

for (const { law, noiseAt } of conditions) {
  test(`robustness (${law}, noise -40 dBFS at the ${noiseAt}, 5% loss, jitter, any offset): pauses found to the sample`, () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 40, noNaN: true }), // sender start vs recording start (ms)
        fc.double({ min: 2000, max: 5000, noNaN: true }), // pause start
        fc.double({ min: 1000, max: 3000, noNaN: true }), // pause length
        fc.integer({ min: 1, max: 2 ** 31 - 1 }), // seed for loss, jitter, noise
        (senderOffsetMs, pauseStartMs, pauseLengthMs, seed) => {
          const recordingStartMs = 500;
          const pause = { startMs: recordingStartMs + pauseStartMs, endMs: recordingStartMs + pauseStartMs + pauseLengthMs };
          const rec = buildSyntheticRecording({
            law,
            durationMs: 9000,
            recordingStartMs,
            senderStartMs: recordingStartMs - 20 + senderOffsetMs,
            channelCount: 2,
            streams: [
              { streamId: 1001, channel: 0 },
              { streamId: 1002, channel: 1 },
            ],
            pauses: [pause],
            lossRate: 0.05,
            jitterMs: 10, // first arrival: the recorder's grid sits 0..10 ms late (a jitter buffer)
            sendJitterMs: 4,
            noiseDbfs: -40,
            noiseAt,
            seed,
          });
          const analysis = analyzeRecording({ channels: rec.channels, streams: rec.streams, expectedPauses: [pause], recording: { startMs: recordingStartMs } });
          for (const timeline of analysis.channels) {
            const found = silenceWindows(timeline);
            // Silence is a run of at least minSilenceRun samples: shorter gaps the recorder left
            // (a few samples before the first frame) are not silence by definition.
            const truth = rec.silences[timeline.channel].filter(([from, to]) => to - from >= DEFAULT_SCAN_OPTIONS.minSilenceRun);
            assert.equal(found.length, truth.length, `channel ${timeline.channel}: ${JSON.stringify(found)} vs ${JSON.stringify(truth)}`);
            found.forEach(([start, end], i) => {
              assert.ok(Math.abs(start - truth[i][0]) <= MAX_EDGE_ERROR_SAMPLES && Math.abs(end - truth[i][1]) <= MAX_EDGE_ERROR_SAMPLES, `channel ${timeline.channel}: silence ${start}..${end}, recorder ${truth[i]}`);
            });
            // Slivers shorter than a silence run next to a gap (noise, or a cut frame's near-zero
            // sample) are labelled unknown; anything longer would be a finding.
            const unexplained = timeline.segments.filter((s) => s.kind === 'unknown' && s.length >= DEFAULT_SCAN_OPTIONS.minSilenceRun);
            assert.deepEqual(unexplained, [], 'no unexplained audio');
          }
          for (const verdict of analysis.verdicts) {
            if (verdict.type !== 'padding') continue;
            assert.equal(verdict.severity, 'pass', verdict.message);
            const hidden = verdict.hiddenEdges ?? [];
            if (!hidden.includes('start')) assert.ok(Math.abs(verdict.startErrorMs ?? Infinity) <= FRAME_MS, verdict.message);
            if (!hidden.includes('end')) assert.ok(Math.abs(verdict.endErrorMs ?? Infinity) <= FRAME_MS, verdict.message);
          }
          assert.deepEqual(analysis.verdicts.filter((v) => v.severity === 'fail').map((v) => v.message), []);
        },
      ),
      { numRuns: RUNS_PER_CONDITION, seed: Number(process.env.GIR_PROPERTY_SEED) || 20261125 },
    );
  });
}
