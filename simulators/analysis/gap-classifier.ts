/**
 * What lies between two whole frames: a cut piece of the neighbouring frame (a pause or the file's
 * start/end can cut a frame anywhere), digital silence (padding), quiet non-digital audio (noise on
 * a padded span), or unexplained audio.
 *
 * A cut frame is found by predicting it (the successor of the frame before, the predecessor of the
 * frame after) and choosing the cut point that best explains the samples: keep sample i in the
 * frame while 2·x·p − p² adds up (least squares against "frame" versus "nothing"). Frame edges are
 * loud, so the cut lands on the exact sample.
 */
import * as layout from '../media/watermark/layout';
import { synthesizeFrame } from '../media/watermark/frame-synth';
import { correlate } from '../media/watermark/frame-decoder';
import { ScanOptions, dbfsToAmplitude } from './scan-options';

const FRAME_SAMPLES = layout.FRAME_SAMPLES;
const INDEX_MODULUS = layout.INDEX_MODULUS;

/** A cut frame: frame samples [frameOffset, frameOffset + length) sit at channel offset `start`. */
export interface PartialFrame {
  streamId: number;
  index16: number;
  start: number;
  length: number;
  frameOffset: number;
  correlation: number;
}

export interface GapStretch {
  kind: 'silence' | 'unknown';
  start: number;
  length: number;
  /** Silence: every sample within ±silenceAmplitude (padding as PAD-01 asks for). */
  digital: boolean;
}

export interface GapContent {
  head?: PartialFrame;
  tail?: PartialFrame;
  stretches: GapStretch[];
}

interface Neighbour {
  streamId: number;
  index16: number;
}

const predicted = new Int16Array(FRAME_SAMPLES);

/** Classifies samples [start, end) that lie between `before` (ending at start) and `after` (starting at end). */
export function classifyGap(
  samples: Int16Array,
  start: number,
  end: number,
  before: Neighbour | undefined,
  after: Neighbour | undefined,
  options: ScanOptions,
): GapContent {
  const content: GapContent = { stretches: [] };
  let from = start;
  let to = end;
  if (before && to > from) {
    const index16 = (before.index16 + 1) % INDEX_MODULUS;
    content.head = cutFrame(samples, before.streamId, index16, from, Math.min(to - from, FRAME_SAMPLES), 'head', options);
    if (content.head) from += content.head.length;
  }
  if (after && to > from) {
    const index16 = (after.index16 + INDEX_MODULUS - 1) % INDEX_MODULUS;
    content.tail = cutFrame(samples, after.streamId, index16, to, Math.min(to - from, FRAME_SAMPLES), 'tail', options);
    if (content.tail) to -= content.tail.length;
  }
  content.stretches = splitStretches(samples, from, to, options);
  return content;
}

/**
 * 'head': the frame's first samples start at `edge`; 'tail': its last samples end at `edge`.
 * Returns the best cut of at most `room` samples, or undefined when it is too short or unconvincing.
 */
function cutFrame(
  samples: Int16Array,
  streamId: number,
  index16: number,
  edge: number,
  room: number,
  side: 'head' | 'tail',
  options: ScanOptions,
): PartialFrame | undefined {
  synthesizeFrame(streamId, index16, predicted);
  let score = 0;
  let bestScore = 0;
  let bestLength = 0;
  for (let k = 0; k < room; k++) {
    const x = side === 'head' ? samples[edge + k] : samples[edge - 1 - k];
    const p = side === 'head' ? predicted[k] : predicted[FRAME_SAMPLES - 1 - k];
    score += 2 * x * p - p * p;
    if (score > bestScore) {
      bestScore = score;
      bestLength = k + 1;
    }
  }
  if (bestLength < options.minPartialSamples) return undefined;
  const start = side === 'head' ? edge : edge - bestLength;
  const frameOffset = side === 'head' ? 0 : FRAME_SAMPLES - bestLength;
  const correlation = correlate(samples, start, predicted, frameOffset, bestLength);
  if (correlation < options.partialCorrelation) return undefined;
  return { streamId, index16, start, length: bestLength, frameOffset, correlation };
}

/** Digital-silence runs, and between them quiet (silence, not digital) or loud (unknown) stretches. */
export function splitStretches(samples: Int16Array, start: number, end: number, options: ScanOptions): GapStretch[] {
  const stretches: GapStretch[] = [];
  const silence = options.silenceAmplitude;
  let i = start;
  let otherStart = start;
  while (i < end) {
    if (samples[i] > silence || samples[i] < -silence) {
      i++;
      continue;
    }
    let runEnd = i + 1;
    while (runEnd < end && samples[runEnd] <= silence && samples[runEnd] >= -silence) runEnd++;
    if (runEnd - i >= options.minSilenceRun) {
      pushOther(samples, otherStart, i, options, stretches);
      stretches.push({ kind: 'silence', start: i, length: runEnd - i, digital: true });
      otherStart = runEnd;
    }
    i = runEnd;
  }
  pushOther(samples, otherStart, end, options, stretches);
  return stretches;
}

/** Block size (samples) for telling quiet from loud in non-digital audio. */
const LEVEL_BLOCK = 16;

/** Splits non-digital audio into quiet (silence) and loud (unknown) stretches, block by block. */
function pushOther(samples: Int16Array, start: number, end: number, options: ScanOptions, out: GapStretch[]): void {
  if (end <= start) return;
  const quietEnergy = dbfsToAmplitude(options.quietDbfs) ** 2;
  let runStart = start;
  let runQuiet: boolean | undefined;
  for (let block = start; block < end; block += LEVEL_BLOCK) {
    const blockEnd = Math.min(end, block + LEVEL_BLOCK);
    let energy = 0;
    for (let i = block; i < blockEnd; i++) energy += samples[i] * samples[i];
    const quiet = energy / (blockEnd - block) <= quietEnergy;
    if (runQuiet !== undefined && quiet !== runQuiet) {
      out.push({ kind: runQuiet ? 'silence' : 'unknown', start: runStart, length: block - runStart, digital: false });
      runStart = block;
    }
    runQuiet = quiet;
  }
  out.push({ kind: runQuiet ? 'silence' : 'unknown', start: runStart, length: end - runStart, digital: false });
}
