/**
 * Synthesis of one watermark frame: the 18 tones of its payload, each on an exact bin with a fixed
 * pseudo-random phase, summed, then rotated and sign-flipped so the frame's edges are loud.
 *
 * Why the edges: a frame that starts and ends on a large sample cannot be mistaken for a run of
 * digital silence, so where padding meets audio the edge is exact to the sample. Rotating a sum of
 * exact-bin tones only shifts their phases, so the decoder sees the same spectrum. Odd frames are
 * inverted so tones shared by neighbouring frames anti-correlate, which keeps the matched filter from
 * accepting frame n where frame n+1 should be.
 */
import * as layout from './layout';
import { encodeSymbols, toneBin } from './layout';

// Imported bindings are property getters under CommonJS; hot loops read these local copies.
const FRAME_SAMPLES = layout.FRAME_SAMPLES;
const GROUPS = layout.GROUPS;
const TONES = layout.TONES;

/**
 * Every tone has the same amplitude, chosen so that the sum of all 18 amplitudes stays below
 * 31,000: no frame can clip, even after G.711 (whose largest codes decode to 32,124 and 32,256).
 * Total RMS is then about 5,170, i.e. -16 dBFS.
 */
export const TONE_AMPLITUDE = Math.floor(31000 / GROUPS);

/** COS_TABLE[m] = TONE_AMPLITUDE * cos(2 pi m / 160): every tone sample is one lookup. */
const COS_TABLE = new Float64Array(FRAME_SAMPLES);
for (let m = 0; m < FRAME_SAMPLES; m++) COS_TABLE[m] = TONE_AMPLITUDE * Math.cos((2 * Math.PI * m) / FRAME_SAMPLES);

/** Phase of each bin in table steps (0..159), from a fixed xorshift32 sequence: the same forever. */
const TONE_PHASE = new Uint8Array(TONES + toneBin(0, 0));
{
  let state = 0x2545f491;
  for (let bin = 0; bin < TONE_PHASE.length; bin++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    TONE_PHASE[bin] = (state >>> 0) % FRAME_SAMPLES;
  }
}

/** Scratch buffers reused across calls: synthesis allocates nothing unless `out` is omitted. */
const sum = new Float64Array(FRAME_SAMPLES);
const symbols = new Uint8Array(GROUPS);

/** The 160 PCM samples of frame `index` of stream `streamId` (before any G.711 coding). */
export function synthesizeFrame(streamId: number, index: number, out = new Int16Array(FRAME_SAMPLES)): Int16Array {
  encodeSymbols(streamId, index, symbols);
  sum.fill(0);
  for (let g = 0; g < GROUPS; g++) {
    const bin = toneBin(g, symbols[g]);
    let phase = TONE_PHASE[bin];
    for (let n = 0; n < FRAME_SAMPLES; n++) {
      sum[n] += COS_TABLE[phase];
      phase += bin;
      if (phase >= FRAME_SAMPLES) phase -= FRAME_SAMPLES;
    }
  }
  const rotation = loudestEdgeRotation(sum);
  const sign = index % 2 === 0 ? 1 : -1;
  for (let i = 0; i < FRAME_SAMPLES; i++) {
    const source = i + rotation < FRAME_SAMPLES ? i + rotation : i + rotation - FRAME_SAMPLES;
    out[i] = Math.round(sign * sum[source]);
  }
  return out;
}

/** The rotation whose first and last samples are both as large as possible. */
function loudestEdgeRotation(frame: Float64Array): number {
  let best = 0;
  let bestLevel = -1;
  for (let r = 0; r < FRAME_SAMPLES; r++) {
    const last = r === 0 ? FRAME_SAMPLES - 1 : r - 1;
    const level = Math.min(Math.abs(frame[r]), Math.abs(frame[last]));
    if (level > bestLevel) {
      bestLevel = level;
      best = r;
    }
  }
  return best;
}
