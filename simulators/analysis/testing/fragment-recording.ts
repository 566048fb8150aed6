/**
 * Recordings that open on a piece of a frame (the frame being sent when the recording started, cut
 * by the file's start and by a pause right after), and the checks the fragment tests share.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeRecording } from '../analyze-recording';
import { buildSyntheticRecording, SyntheticRecording, SyntheticRecordingOptions } from './synthetic-recording';
import { RecordingAnalysis, SentStream, TimeWindow, Verdict } from '../recording-analysis';
import { G711Law, g711RoundTrip } from '../../media/g711';
import { synthesizeFrame } from '../../media/watermark/frame-synth';
import { DEFAULT_SCAN_OPTIONS, dbfsToAmplitude } from '../scan-options';

export const AGENT = 17;
export const CALLER = 2049;
export const START = 1000;
export const DURATION = 1200;
/** Deeper local runs: GIR_PROPERTY_RUNS=1500 npx tsx harness/unit.ts fragments */
export const RUNS = Number(process.env.GIR_PROPERTY_RUNS) || 30;
export const SEED = Number(process.env.GIR_PROPERTY_SEED) || 20261126;
export const laws = fc.constantFrom<G711Law>('mulaw', 'alaw');

/**
 * A recording whose sample 0 falls `headCut` samples into frame 1 of both streams, paused `cut`
 * samples later (the pause runs to 600 ms): the file opens with samples headCut.. of frame 1.
 */
export function openingFragment(law: G711Law, headCut: number, cut: number, extra: Partial<SyntheticRecordingOptions> = {}) {
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

export function analyze(rec: SyntheticRecording, pauses: TimeWindow[], streams: SentStream[] = rec.streams, given = true): RecordingAnalysis {
  return analyzeRecording({
    channels: rec.channels,
    streams,
    expectedPauses: pauses,
    recording: given ? { startMs: START, stopMs: START + DURATION } : undefined,
  });
}

/** RMS at or below quietDbfs (-24 dBFS): such a stretch is silence (not digital), not audio to name. */
export function quiet(samples: Int16Array, start: number, end: number): boolean {
  let energy = 0;
  for (let i = start; i < end; i++) energy += samples[i] * samples[i];
  return energy <= dbfsToAmplitude(DEFAULT_SCAN_OPTIONS.quietDbfs) ** 2 * (end - start);
}

/**
 * A span found for audio that ends at `end` reaches it, or stops short only where the rest is quiet
 * (silence by definition: a stretch under quietDbfs).
 */
export function assertUpToQuietEnd(samples: Int16Array, found: number, end: number): void {
  assert.ok(found <= end && (found === end || quiet(samples, found, end)), `span ends at ${found}, audio at ${end}`);
}

export const failures = (analysis: RecordingAnalysis) => analysis.verdicts.filter((v) => v.severity === 'fail').map((v) => v.message);
export const ofType = <T extends Verdict['type']>(analysis: RecordingAnalysis, type: T) =>
  analysis.verdicts.filter((v) => v.type === type && v.severity === 'fail') as (Verdict & { type: T })[];

/** Frame `index` of `streamId` as a G.711 recorder writes it, samples [from, to). */
export function framePiece(law: G711Law, streamId: number, index: number, from: number, to: number): Int16Array {
  return g711RoundTrip(law, synthesizeFrame(streamId, index)).slice(from, to);
}

/** Every cut piece in the channel's first `end` samples sits where the recorder put that frame. */
export function assertPiecesRight(analysis: RecordingAnalysis, rec: SyntheticRecording, end: number): number {
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

