/**
 * Names short unexplained audio (a piece of a frame, e.g. 100 samples leaked into a pause) once the
 * time base is known: the frames sent around that file time, of every stream of the call, are tried,
 * and a piece that matches one becomes a cut frame of that stream, so leak and crosstalk verdicts
 * see it like any other frame. A piece of minFragmentSamples or more is tried at every alignment
 * (correlation ≥ partialCorrelation); a shorter one only as a frame's head or tail (the way a
 * recording's start, a pause or a loss cuts a frame), where the fit must leave at most
 * partialResidual of the frame's energy unexplained.
 */
import * as layout from '../media/watermark/layout';
import { synthesizeFrame } from '../media/watermark/frame-synth';
import { correlate } from '../media/watermark/frame-decoder';
import { ChannelTimeline, FoundFrame, Segment, SentStream, TimeBase } from './recording-analysis';
import { ScanOptions } from './scan-options';

const FRAME_SAMPLES = layout.FRAME_SAMPLES;
const candidate = new Int16Array(FRAME_SAMPLES);

export function identifyFragments(
  timeline: ChannelTimeline,
  samples: Int16Array,
  streams: readonly SentStream[],
  timeBase: TimeBase,
  sampleRate: number,
  options: ScanOptions,
): void {
  const fileStartMs = timeBase.fileStartMs;
  if (fileStartMs === undefined) return;
  const segments: Segment[] = [];
  for (const segment of timeline.segments) {
    const length = segment.length;
    if (segment.kind !== 'unknown' || length > FRAME_SAMPLES) {
      segments.push(segment);
      continue;
    }
    const atMs = fileStartMs + (segment.start * 1000) / sampleRate;
    const long = length >= options.minFragmentSamples;
    const offsets = long ? undefined : [0, FRAME_SAMPLES - length];
    const match = bestMatch(samples, segment.start, length, streams, atMs, options.fragmentSearchMs, offsets);
    const accepted =
      match &&
      match.residual <= options.partialResidual &&
      (!long || match.correlation >= options.partialCorrelation);
    if (!match || !accepted) {
      segments.push(segment);
      continue;
    }
    const frame: FoundFrame = {
      streamId: match.streamId,
      index: match.index,
      start: segment.start,
      length,
      frameOffset: match.frameOffset,
      correlation: match.correlation,
      how: 'partial',
    };
    insertByStart(timeline.frames, frame);
    segments.push({
      kind: 'audio',
      start: segment.start,
      length,
      streamId: match.streamId,
      firstIndex: match.index,
      lastIndex: match.index,
      frameCount: 1,
    });
  }
  timeline.segments = segments;
}

interface Match {
  streamId: number;
  index: number;
  frameOffset: number;
  correlation: number;
  /** Unexplained energy over the frame piece's energy. */
  residual: number;
}

/** The frame piece (stream, index, offset) that fits best; `offsets` limits the alignments tried. */
function bestMatch(
  samples: Int16Array,
  start: number,
  length: number,
  streams: readonly SentStream[],
  atMs: number,
  searchMs: number,
  offsets?: number[],
): Match | undefined {
  let best: Match | undefined;
  for (const stream of streams) {
    for (const sent of stream.frames) {
      if (Math.abs(sent.sentAtMs - atMs) > searchMs) continue;
      synthesizeFrame(stream.streamId, sent.index, candidate);
      const tried = offsets ?? Array.from({ length: FRAME_SAMPLES - length + 1 }, (_, i) => i);
      for (const frameOffset of tried) {
        const correlation = correlate(samples, start, candidate, frameOffset, length);
        if (best && correlation <= best.correlation) continue;
        best = { streamId: stream.streamId, index: sent.index, frameOffset, correlation, residual: residualOf(samples, start, frameOffset, length) };
      }
    }
  }
  return best;
}

function residualOf(samples: Int16Array, start: number, frameOffset: number, length: number): number {
  let residual = 0;
  let energy = 0;
  for (let k = 0; k < length; k++) {
    const p = candidate[frameOffset + k];
    const e = samples[start + k] - p;
    residual += e * e;
    energy += p * p;
  }
  return energy > 0 ? residual / energy : Infinity;
}

function insertByStart(frames: FoundFrame[], frame: FoundFrame): void {
  let i = frames.length;
  while (i > 0 && frames[i - 1].start > frame.start) i--;
  frames.splice(i, 0, frame);
}
