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

/** The gap's content in file order: cut frames and stretches, tiling the gap. */
export type GapItem = { piece: PartialFrame } | { stretch: GapStretch };

interface Neighbour {
  streamId: number;
  index16: number;
  start: number;
}

const predicted = new Int16Array(FRAME_SAMPLES);
/** Samples either side of a cut piece that must be quiet (frames hold at most 3 quiet samples in a row). */
const BOUND_SAMPLES = 4;

/**
 * Classifies samples [start, end) that lie between `before` (ending at start) and `after` (starting
 * at end). `verify` has the last word on a cut piece (sample-exact against the recorder's path). Cut frames can only sit on a neighbour's frame grid (the recorder places frames by their
 * timestamps): a piece that begins where a slot of `before`'s grid begins (the head of a frame whose
 * rest was cut or padded over), or ends where a slot of `after`'s grid ends. Those slots are tried,
 * skipping any whose edge sample is quiet (a frame's first and last samples are loud).
 */
export function classifyGap(
  samples: Int16Array,
  start: number,
  end: number,
  before: Neighbour | undefined,
  after: Neighbour | undefined,
  options: ScanOptions,
  verify: (piece: PartialFrame) => boolean = () => true,
): GapItem[] {
  const quiet = dbfsToAmplitude(options.quietDbfs);
  const pieces: PartialFrame[] = [];
  // A cut piece is bounded on both sides by what cut it: a whole frame (the gap's ends), the file's
  // ends, or silence. A few samples amid other loud audio can fit some frame by chance: not a piece.
  const bounded = (piece: PartialFrame): boolean => {
    const from = piece.start;
    const to = piece.start + piece.length;
    // Quiet over a few samples (one noise sample can be loud): RMS within the gap at or below `quiet`.
    const quietOver = (a: number, b: number): boolean => {
      let energy = 0;
      for (let i = a; i < b; i++) energy += samples[i] * samples[i];
      return energy <= quiet * quiet * (b - a);
    };
    return (
      (from === start || quietOver(Math.max(start, from - BOUND_SAMPLES), from)) &&
      (to === end || quietOver(to, Math.min(end, to + BOUND_SAMPLES)))
    );
  };
  if (before) {
    for (let k = 1, slot = before.start + FRAME_SAMPLES; slot < end; k++, slot += FRAME_SAMPLES) {
      if (slot < start || Math.abs(samples[slot]) <= quiet) continue;
      const index16 = (before.index16 + k) % INDEX_MODULUS;
      const piece = cutFrame(samples, before.streamId, index16, slot, Math.min(end - slot, FRAME_SAMPLES), 'head', options);
      if (piece && bounded(piece) && verify(piece)) pieces.push(piece);
    }
  }
  if (after) {
    for (let k = 1, slotEnd = after.start; slotEnd > start; k++, slotEnd -= FRAME_SAMPLES) {
      if (slotEnd > end || Math.abs(samples[slotEnd - 1]) <= quiet) continue;
      const index16 = (after.index16 + k * (INDEX_MODULUS - 1)) % INDEX_MODULUS;
      const piece = cutFrame(samples, after.streamId, index16, slotEnd, Math.min(slotEnd - start, FRAME_SAMPLES), 'tail', options);
      if (piece && bounded(piece) && verify(piece)) pieces.push(piece);
    }
  }
  pieces.sort((a, b) => a.start - b.start);
  const items: GapItem[] = [];
  let at = start;
  for (const piece of pieces) {
    if (piece.start < at) continue; // overlaps a piece already placed (both grids saw it)
    for (const stretch of splitStretches(samples, at, piece.start, options)) items.push({ stretch });
    items.push({ piece });
    at = piece.start + piece.length;
  }
  for (const stretch of splitStretches(samples, at, end, options)) items.push({ stretch });
  return items;
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
  // The piece must be the predicted frame, not merely lean its way: what it leaves unexplained
  // (noise, quantisation) must be small against the frame's own energy. This holds for a piece of
  // one sample as for 159, where a correlation over a few samples would mean little.
  let residual = 0;
  let energy = 0;
  for (let k = 0; k < bestLength; k++) {
    const p = predicted[frameOffset + k];
    const e = samples[start + k] - p;
    residual += e * e;
    energy += p * p;
  }
  if (residual > options.partialResidual * energy) return undefined;
  const correlation = correlate(samples, start, predicted, frameOffset, bestLength);
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
      pushRun(runQuiet, runStart, block, options, out);
      runStart = block;
    }
    runQuiet = quiet;
  }
  pushRun(runQuiet === true, runStart, end, options, out);
}

/** Quiet shorter than a silence run (e.g. one near-zero sample of a cut frame) is not silence. */
function pushRun(quiet: boolean, start: number, end: number, options: ScanOptions, out: GapStretch[]): void {
  const silence = quiet && end - start >= options.minSilenceRun;
  const last = out[out.length - 1];
  if (!silence && last?.kind === 'unknown' && last.start + last.length === start) {
    last.length += end - start;
    return;
  }
  out.push({ kind: silence ? 'silence' : 'unknown', start, length: end - start, digital: false });
}
