/**
 * Reading a watermark frame out of PCM: tone decisions by Goertzel on the 72 tone bins of a
 * 160-sample window, and the matched filter (normalised correlation with a rebuilt frame) that pins
 * a frame's start to the sample and confirms it.
 */
import * as layout from './layout';
const { decodeSymbols, toneBin } = layout;

// Imported bindings are property getters under CommonJS; hot loops read these local copies.
const FRAME_SAMPLES = layout.FRAME_SAMPLES;
const GROUPS = layout.GROUPS;
const SYMBOLS_PER_GROUP = layout.SYMBOLS_PER_GROUP;

export interface ToneDecision {
  streamId: number;
  index16: number;
  crcOk: boolean;
  /** Energy of the chosen tones over the energy of the other tones (linear; 2 = 3 dB). */
  dominance: number;
}

/** 2 cos(2 pi k / 160) for every tone, in group-major order (group g, symbol s at g * 4 + s). */
const GOERTZEL_COEFF = new Float64Array(GROUPS * SYMBOLS_PER_GROUP);
for (let g = 0; g < GROUPS; g++) {
  for (let s = 0; s < SYMBOLS_PER_GROUP; s++) {
    GOERTZEL_COEFF[g * SYMBOLS_PER_GROUP + s] = 2 * Math.cos((2 * Math.PI * toneBin(g, s)) / FRAME_SAMPLES);
  }
}

const power = new Float64Array(GOERTZEL_COEFF.length);
const chosen = new Uint8Array(GROUPS);

/** Decides the 18 symbols of the 160-sample window at `offset` (which must fit in `samples`). */
export function decideTones(samples: Int16Array, offset: number): ToneDecision {
  // Two bins per pass: the loads are shared and the recurrences interleave.
  for (let t = 0; t < GOERTZEL_COEFF.length; t += 2) {
    const c0 = GOERTZEL_COEFF[t];
    const c1 = GOERTZEL_COEFF[t + 1];
    let a1 = 0, a2 = 0, b1 = 0, b2 = 0;
    for (let n = offset, end = offset + FRAME_SAMPLES; n < end; n++) {
      const x = samples[n];
      const a0 = x + c0 * a1 - a2;
      a2 = a1;
      a1 = a0;
      const b0 = x + c1 * b1 - b2;
      b2 = b1;
      b1 = b0;
    }
    power[t] = a1 * a1 + a2 * a2 - c0 * a1 * a2;
    power[t + 1] = b1 * b1 + b2 * b2 - c1 * b1 * b2;
  }
  let on = 0;
  let off = 0;
  for (let g = 0; g < GROUPS; g++) {
    const base = g * SYMBOLS_PER_GROUP;
    let best = 0;
    for (let s = 1; s < SYMBOLS_PER_GROUP; s++) if (power[base + s] > power[base + best]) best = s;
    chosen[g] = best;
    for (let s = 0; s < SYMBOLS_PER_GROUP; s++) {
      if (s === best) on += power[base + s];
      else off += power[base + s];
    }
  }
  const payload = decodeSymbols(chosen);
  return { ...payload, dominance: off > 0 ? on / off : Number.POSITIVE_INFINITY };
}

/**
 * Normalised correlation of `frame[frameStart .. frameStart+length)` with
 * `samples[offset .. offset+length)`: 1 for an exact copy at any level, about 0 for unrelated audio.
 * Returns 0 when either side is silent or the span falls outside `samples`.
 */
export function correlate(
  samples: Int16Array,
  offset: number,
  frame: Int16Array,
  frameStart = 0,
  length = FRAME_SAMPLES - frameStart,
): number {
  if (offset < 0 || offset + length > samples.length || length <= 0) return 0;
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = 0; i < length; i++) {
    const x = samples[offset + i];
    const y = frame[frameStart + i];
    xy += x * y;
    xx += x * x;
    yy += y * y;
  }
  return xx > 0 && yy > 0 ? xy / Math.sqrt(xx * yy) : 0;
}

export interface MatchedPosition {
  offset: number;
  correlation: number;
}

/** The start in [from, to] where `frame` correlates best with `samples` (ties: the earliest). */
export function bestFramePosition(samples: Int16Array, frame: Int16Array, from: number, to: number): MatchedPosition {
  let best: MatchedPosition = { offset: from, correlation: -1 };
  const last = Math.min(to, samples.length - FRAME_SAMPLES);
  for (let offset = Math.max(0, from); offset <= last; offset++) {
    const correlation = correlate(samples, offset, frame);
    if (correlation > best.correlation) best = { offset, correlation };
  }
  return best;
}

/**
 * True when all of `frame` is at `offset`, not just most of it: a frame cut by a pause still
 * correlates well (sqrt(123/160) = 0.88 with 37 samples missing), so correlation alone cannot tell.
 * With s_i = 2·x_i·p_i − p_i² (positive where the sample matches the frame, −p_i² where it is
 * missing), every prefix and every suffix of a whole frame sums to more than −margin·Σp². Frame edges
 * are loud, so even one missing edge sample fails this.
 */
export function isWholeFrame(samples: Int16Array, offset: number, frame: Int16Array, margin: number): boolean {
  if (offset < 0 || offset + FRAME_SAMPLES > samples.length) return false;
  let total = 0;
  let energy = 0;
  let minPrefix = 0;
  let maxPrefix = 0;
  for (let i = 0; i < FRAME_SAMPLES; i++) {
    const x = samples[offset + i];
    const p = frame[i];
    total += 2 * x * p - p * p;
    energy += p * p;
    if (i < FRAME_SAMPLES - 1) {
      if (total < minPrefix) minPrefix = total;
      if (total > maxPrefix) maxPrefix = total;
    }
  }
  const slack = margin * energy;
  // prefix sums >= -slack, and suffix sums (total - prefix) >= -slack
  return minPrefix >= -slack && total - maxPrefix >= -slack;
}
