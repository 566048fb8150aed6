/**
 * Fits a short stretch of unexplained audio to the frames a stream's grid predicts there: for every
 * guessed grid (FrameGrids) and every shift within its slack, the frames that cover the stretch are
 * rebuilt exactly as the recorder wrote them (synthesis, then the G.711 round trip of the file's
 * law) and compared sample by sample. A stretch may hold pieces of two neighbouring frames (the
 * tail of one, the head of the next) and may be cut anywhere at either end.
 *
 * The span explained is the one that maximises Σ x² − (x − q)² (least squares: "this frame" against
 * "nothing"), so the cut lands where the frame stops; what lies outside it must be quiet (what cut
 * the piece). Many shifts and streams are tried, so a few samples of noise would fit one of them by
 * chance if the test were loose. It is tight instead: the whole frames near the stretch say how far
 * this file's samples sit from their rebuilt frames (nothing on a clean G.711 path, the noise power
 * otherwise), the piece may differ from its rebuilt frames by a few times that per sample, and it
 * must be long enough that unrelated audio would pass about once in a thousand over the shifts
 * tried. A stream that belongs in the channel and fits wins; another stream is named only when it
 * alone fits, over at least minClaimSamples.
 */
import * as layout from '../media/watermark/layout';
import { G711Law } from '../media/g711';
import { correlate } from '../media/watermark/frame-decoder';
import { GridGuess } from './frame-grid';
import { LAWS, longestDecodableRun, RebuiltFrames, RecordingPath, ROUNDING_POWER, significant, withinNoise } from './recording-path';
import { ScanOptions, dbfsToAmplitude } from './scan-options';

const FRAME_SAMPLES = layout.FRAME_SAMPLES;
const NOTHING = new Int16Array(FRAME_SAMPLES);

/** A piece of one frame: frame samples [frameOffset, frameOffset + length) at file sample `start`. */
export interface GridPiece {
  streamId: number;
  index: number;
  start: number;
  length: number;
  frameOffset: number;
  correlation: number;
}

export interface GridFit {
  /** The explained span [from, to): the pieces tile it; outside it the stretch is quiet. */
  from: number;
  to: number;
  pieces: GridPiece[];
  /** Unexplained energy inside the span over the rebuilt pieces' energy. */
  residual: number;
  law: G711Law;
}

interface Candidate {
  guess: GridGuess;
  phase: number;
  shift: number;
  /** The law the frames were rebuilt in, and the noise allowed. */
  path: RecordingPath;
  from: number;
  to: number;
  score: number;
}

/**
 * The best fit of samples [start, end) to the guessed grids, or undefined when none convinces.
 * Without a measured path (no whole frame in the file: a piece, then a pause until the stop) the
 * path is taken to be clean in either law: only exact G.711 values fit, and noise stays unknown.
 */
export function fitOnGrid(
  samples: Int16Array,
  start: number,
  end: number,
  guesses: readonly GridGuess[],
  path: RecordingPath | undefined,
  rebuilt: RebuiltFrames,
  options: ScanOptions,
): GridFit | undefined {
  // (A law in which no two samples in a row could be clean G.711 cannot hold a piece: not tried.)
  const paths: readonly RecordingPath[] = path
    ? [path]
    : LAWS.filter((law) => longestDecodableRun(law, samples, start, end) >= 2).map((law) => ({ law, noisePower: 0 }));
  if (paths.length === 0) return undefined;
  let mine: { score: number; fit: GridFit } | undefined;
  let other: GridFit | undefined;
  let otherStreams = 0;
  for (const guess of guesses) {
    const found = fitStream(samples, start, end, guess, paths, rebuilt, options);
    if (!found) continue;
    if (guess.expected) {
      if (!mine || found.score > mine.score) mine = found;
    } else if (found.fit.to - found.fit.from >= options.minClaimSamples) {
      // Naming another stream claims a fault, and a few samples fit some stream by chance.
      other = found.fit;
      otherStreams++;
    }
  }
  // A stream that belongs here and fits is the answer: nothing then proves the audio wrong. Only
  // when none does is another stream named (crosstalk, another call), and only when exactly one
  // fits: two that both fit mean the stretch is too short to tell whose it is.
  if (mine) return mine.fit;
  return otherStreams === 1 ? other : undefined;
}

/**
 * One stream's fit, judged on its best alignment (not the best of those that pass: a worse one
 * that passes on a loud sample or two must not stand in for the one that explains most). The grid's
 * own prediction (shift 0) is tried first: one alignment is evidence from fewer samples (a sample
 * or two on a clean path) than the best of every shift within the slack.
 */
function fitStream(
  samples: Int16Array,
  start: number,
  end: number,
  guess: GridGuess,
  paths: readonly RecordingPath[],
  rebuilt: RebuiltFrames,
  options: ScanOptions,
): { score: number; fit: GridFit } | undefined {
  const candidates: Candidate[] = [];
  let top = 0;
  for (let shift = -guess.slack; shift <= guess.slack; shift++) {
    const phase = guess.phase + shift;
    const first = Math.floor((start - phase) / FRAME_SAMPLES);
    for (const path of paths) {
      const candidate = bestSpan(samples, start, end, guess, phase, first, path, rebuilt);
      candidate.shift = shift;
      if (candidate.score <= 0) continue;
      candidates.push(candidate);
      top = Math.max(top, candidate.score);
    }
  }
  const judge = (candidate: Candidate | undefined, trials: number): { score: number; fit: GridFit } | undefined => {
    const fit = candidate && accept(samples, start, end, candidate, rebuilt, options);
    return fit && significant(fit.to - fit.from, trials, candidate.path, options) ? { score: candidate.score, fit } : undefined;
  };
  let onGrid: Candidate | undefined;
  for (const c of candidates) if (c.shift === 0 && (!onGrid || c.score > onGrid.score)) onGrid = c;
  const exact = judge(onGrid, paths.length);
  if (exact) return exact;
  // Scores closer than what noise (or rounding) can move them are a tie: then the alignment
  // nearest the grid is the likelier one (a short piece fits several shifts about equally well).
  const tie = (end - start) * (options.fragmentNoiseFactor * paths[0].noisePower + ROUNDING_POWER);
  let best: Candidate | undefined;
  for (const c of candidates) if (c.score >= top - tie && (!best || nearer(c, best))) best = c;
  return judge(best, candidates.length);
}

/** Kadane over s_i = x² − (x − q)² = 2xq − q²: the span where the rebuilt frames explain most. */
function bestSpan(
  samples: Int16Array,
  start: number,
  end: number,
  guess: GridGuess,
  phase: number,
  first: number,
  path: RecordingPath,
  rebuilt: RebuiltFrames,
): Candidate {
  let score = 0;
  let runFrom = start;
  const result: Candidate = { guess, phase, shift: 0, path, from: start, to: start, score: 0 };
  let index = first;
  let frame = predicted(guess, index, path.law, rebuilt);
  let offset = start - phase - FRAME_SAMPLES * first;
  for (let i = start; i < end; i++, offset++) {
    if (offset === FRAME_SAMPLES) {
      frame = predicted(guess, ++index, path.law, rebuilt);
      offset = 0;
    }
    const x = samples[i];
    const q = frame[offset];
    if (score <= 0) {
      score = 0;
      runFrom = i;
    }
    score += 2 * x * q - q * q;
    if (score > result.score) {
      result.score = score;
      result.from = runFrom;
      result.to = i + 1;
    }
  }
  return result;
}

/**
 * What the grid predicts for frame `index`. A frame the stream never sent (before its first, a
 * hold) predicts nothing: the span cannot take it in (x² − (x − 0)² = 0), so a piece after a few
 * quiet samples still fits.
 */
function predicted(guess: GridGuess, index: number, law: G711Law, rebuilt: RebuiltFrames): Int16Array {
  return guess.mayHaveSent(index) ? rebuilt.get(guess.streamId, index, law) : NOTHING;
}

/** Within one stream's tie: the smaller shift, then the higher score. */
function nearer(a: Candidate, b: Candidate): boolean {
  if (Math.abs(a.shift) !== Math.abs(b.shift)) return Math.abs(a.shift) < Math.abs(b.shift);
  return a.score > b.score;
}

function accept(
  samples: Int16Array,
  start: number,
  end: number,
  fit: Candidate,
  rebuilt: RebuiltFrames,
  options: ScanOptions,
): GridFit | undefined {
  const quiet = dbfsToAmplitude(options.quietDbfs);
  let outside = 0;
  for (let i = start; i < fit.from; i++) outside += samples[i] * samples[i];
  for (let i = fit.to; i < end; i++) outside += samples[i] * samples[i];
  // What the fit leaves out must be what cut the piece (quiet), not more loud audio.
  if (outside > quiet * quiet * (end - start - (fit.to - fit.from))) return undefined;
  const { streamId } = fit.guess;
  const pieces: GridPiece[] = [];
  let inside = 0;
  let energy = 0;
  let loudness = 0;
  for (let at = fit.from; at < fit.to; ) {
    const index = Math.floor((at - fit.phase) / FRAME_SAMPLES);
    const frameOffset = at - fit.phase - FRAME_SAMPLES * index;
    const length = Math.min(fit.to - at, FRAME_SAMPLES - frameOffset);
    if (!fit.guess.mayHaveSent(index)) return undefined;
    const frame = rebuilt.get(streamId, index, fit.path.law);
    for (let k = 0; k < length; k++) {
      const q = frame[frameOffset + k];
      const x = samples[at + k];
      inside += (x - q) ** 2;
      energy += q * q;
      loudness += x * x;
    }
    const correlation = correlate(samples, at, frame, frameOffset, length);
    pieces.push({ streamId, index, start: at, length, frameOffset, correlation });
    at += length;
  }
  const span = fit.to - fit.from;
  // A piece is loud audio (that is why it was unexplained): a quiet stretch fits a quiet stretch of
  // some frame within the noise, which would name noise.
  if (loudness <= quiet * quiet * span) return undefined;
  if (inside > options.partialResidual * energy) return undefined;
  if (!withinNoise(inside, span, fit.path, options)) return undefined;
  return { from: fit.from, to: fit.to, pieces, residual: inside / energy, law: fit.path.law };
}
