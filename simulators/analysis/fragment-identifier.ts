/**
 * Names short unexplained audio once the time base is known: a piece of a frame with no whole
 * neighbour to continue (the frame being sent when the recording started, cut by a pause a few ms
 * later; a piece between two pauses; a piece leaked into a pause). Leak, crosstalk and foreign-stream
 * verdicts then see it like any other frame.
 *
 * First by position: up to two frames of audio are fitted to the frames each stream's grid puts
 * there (grid-fit.ts), which names pieces down to one sample and cuts them where the frame stops.
 * Then, for a piece of one frame that sits on no grid, by content: at least minFragmentSamples long,
 * tried at every alignment against the frames sent within fragmentSearchMs of its time
 * (correlation ≥ partialCorrelation, residual ≤ partialResidual).
 */
import * as layout from '../media/watermark/layout';
import { synthesizeFrame } from '../media/watermark/frame-synth';
import { correlate } from '../media/watermark/frame-decoder';
import { FrameGrids } from './frame-grid';
import { fitOnGrid, GridPiece } from './grid-fit';
import { measurePath, RebuiltFrames, RecordingPath, withinNoise } from './recording-path';
import { ChannelTimeline, FoundFrame, Segment, SentStream, TimeBase } from './recording-analysis';
import { ScanOptions } from './scan-options';
import { SendLogIndex } from './send-log-index';

const FRAME_SAMPLES = layout.FRAME_SAMPLES;
/** Longest unexplained stretch fitted to a grid: the tail of one frame and the head of the next. */
const MAX_GRID_FIT = 2 * FRAME_SAMPLES;
/** Whole frames near a stretch that measure the recorder's path (law, noise) there. */
const PATH_FRAMES = 4;
const candidate = new Int16Array(FRAME_SAMPLES);

export function identifyFragments(
  timelines: readonly ChannelTimeline[],
  channels: readonly Int16Array[],
  streams: readonly SentStream[],
  sendLog: SendLogIndex,
  timeBase: TimeBase,
  sampleRate: number,
  options: ScanOptions,
): void {
  // Where the audio sits (the frames' own offset) rather than where a given start puts it: a piece
  // is sought among the frames sent around its real time.
  const fileStartMs = timeBase.estimatedStartMs ?? timeBase.fileStartMs;
  if (fileStartMs === undefined) return;
  // Grids come from whole frames only, so every channel's pieces are judged against the same grids.
  const grids = new FrameGrids(timelines, streams, sendLog, timeBase, sampleRate, options);
  const rebuilt = new RebuiltFrames();
  timelines.forEach((timeline, c) => {
    const samples = channels[c];
    const segments: Segment[] = [];
    for (const segment of timeline.segments) {
      const { start, length } = segment;
      if (segment.kind !== 'unknown' || length > MAX_GRID_FIT) {
        segments.push(segment);
        continue;
      }
      const near = grids.wholeFramesNear(timeline.channel, start, PATH_FRAMES);
      const path = near && measurePath(channels[near.channel], near.frames, rebuilt);
      const fit = fitOnGrid(samples, start, start + length, grids.guesses(timeline.channel, start), path, rebuilt, options);
      if (fit) {
        pushQuiet(segments, samples, start, fit.from, options);
        for (const piece of fit.pieces) addPiece(timeline, segments, piece);
        pushQuiet(segments, samples, fit.to, start + length, options);
        continue;
      }
      const atMs = fileStartMs + (start * 1000) / sampleRate;
      const match =
        length <= FRAME_SAMPLES && length >= options.minFragmentSamples
          ? bestMatch(samples, start, length, streams, atMs, options.fragmentSearchMs)
          : undefined;
      if (
        match &&
        match.residual <= options.partialResidual &&
        match.correlation >= options.partialCorrelation &&
        (!path || samePath(samples, start, length, match, path, rebuilt, options))
      ) {
        addPiece(timeline, segments, { ...match, start, length });
      } else {
        segments.push(segment);
      }
    }
    timeline.segments = mergeNeighbours(segments);
  });
}

function addPiece(timeline: ChannelTimeline, segments: Segment[], piece: GridPiece): void {
  const { streamId, index, start, length, frameOffset, correlation } = piece;
  const frame: FoundFrame = { streamId, index, start, length, frameOffset, correlation, how: 'partial' };
  insertByStart(timeline.frames, frame);
  segments.push({ kind: 'audio', start, length, streamId, firstIndex: index, lastIndex: index, frameCount: 1 });
}

/** The quiet samples a fit left out (what cut the piece): silence, digital if every sample is. */
function pushQuiet(segments: Segment[], samples: Int16Array, start: number, end: number, options: ScanOptions): void {
  if (end <= start) return;
  let digital = true;
  for (let i = start; i < end && digital; i++) digital = Math.abs(samples[i]) <= options.silenceAmplitude;
  segments.push({ kind: 'silence', start, length: end - start, digital });
}

/**
 * Joins what identification split or placed next to its own kind: a piece that continues the
 * audio segment before it (same stream, next index, no gap), and silence next to silence of the
 * same kind (digital or not).
 */
function mergeNeighbours(segments: Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    const touching = last !== undefined && last.start + last.length === segment.start;
    const continuing =
      last?.kind === 'audio' && segment.kind === 'audio' && last.streamId === segment.streamId && last.lastIndex + 1 === segment.firstIndex;
    if (touching && continuing && last.kind === 'audio' && segment.kind === 'audio') {
      merged[merged.length - 1] = {
        ...last,
        length: last.length + segment.length,
        lastIndex: segment.lastIndex,
        frameCount: last.frameCount + segment.frameCount,
      };
    } else if (touching && last.kind === 'silence' && segment.kind === 'silence' && last.digital === segment.digital) {
      merged[merged.length - 1] = { ...last, length: last.length + segment.length };
    } else {
      merged.push(segment);
    }
  }
  return merged;
}

interface Match {
  streamId: number;
  index: number;
  frameOffset: number;
  correlation: number;
  /** Unexplained energy over the frame piece's energy. */
  residual: number;
}

/** The frame piece (stream, index, offset) sent near `atMs` that fits best, at any alignment. */
function bestMatch(
  samples: Int16Array,
  start: number,
  length: number,
  streams: readonly SentStream[],
  atMs: number,
  searchMs: number,
): Match | undefined {
  let best: Match | undefined;
  for (const stream of streams) {
    for (const sent of stream.frames) {
      if (Math.abs(sent.sentAtMs - atMs) > searchMs) continue;
      synthesizeFrame(stream.streamId, sent.index, candidate);
      for (let frameOffset = 0; frameOffset + length <= FRAME_SAMPLES; frameOffset++) {
        const correlation = correlate(samples, start, candidate, frameOffset, length);
        if (best && correlation <= best.correlation) continue;
        best = { streamId: stream.streamId, index: sent.index, frameOffset, correlation, residual: residualOf(samples, start, frameOffset, length) };
      }
    }
  }
  return best;
}

/** The match is its frame rebuilt through the path's law, to within the path's noise. */
function samePath(
  samples: Int16Array,
  start: number,
  length: number,
  match: Match,
  path: RecordingPath,
  rebuilt: RebuiltFrames,
  options: ScanOptions,
): boolean {
  const frame = rebuilt.get(match.streamId, match.index, path.law);
  let error = 0;
  for (let k = 0; k < length; k++) error += (samples[start + k] - frame[match.frameOffset + k]) ** 2;
  return withinNoise(error, length, path, options);
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
