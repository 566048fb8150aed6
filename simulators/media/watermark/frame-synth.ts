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

// Imported bindings (functions too) are property getters under CommonJS; hot code uses local copies.
const FRAME_SAMPLES = layout.FRAME_SAMPLES;
const GROUPS = layout.GROUPS;
const TONES = layout.TONES;
const encodeSymbols = layout.encodeSymbols;
const toneBin = layout.toneBin;

/**
 * Every tone has the same amplitude, chosen so that the sum of all 18 amplitudes stays below
 * 31,000: no frame can clip, even after G.711 (whose largest codes decode to 32,124 and 32,256).
 * Total RMS is then about 5,170, i.e. -16 dBFS.
 */
export const TONE_AMPLITUDE = Math.floor(31000 / GROUPS);

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

/**
 * TONE_WAVE[bin * 160 + n] = TONE_AMPLITUDE * cos(2 pi (bin n + phase) / 160): each tone's whole
 * frame, precomputed (78 tones x 160 samples), so synthesis is 18 contiguous vector adds.
 */
const TONE_WAVE = new Float64Array(TONE_PHASE.length * FRAME_SAMPLES);
for (let bin = 0; bin < TONE_PHASE.length; bin++) {
  for (let n = 0; n < FRAME_SAMPLES; n++) {
    const step = (bin * n + TONE_PHASE[bin]) % FRAME_SAMPLES;
    TONE_WAVE[bin * FRAME_SAMPLES + n] = TONE_AMPLITUDE * Math.cos((2 * Math.PI * step) / FRAME_SAMPLES);
  }
}

/** Scratch buffers reused across calls: synthesis allocates nothing unless `out` is omitted. */
const sum = new Float64Array(FRAME_SAMPLES);
const symbols = new Uint8Array(GROUPS);
const bases = new Int32Array(GROUPS);

/**
 * The first groups (stream id, then the index's high byte) change once every 256 frames of a
 * stream, so each stream keeps the partial sum of its current high byte and only the last 8 groups
 * are added per frame. One slot per stream, not a few shared ones: a feeder sends frame n of
 * hundreds of streams in turn, and a shared cache would miss on every one. The additions happen in
 * the same order as a sum from scratch, so every sample is bit-identical to it (watermark.test.ts
 * compares the two).
 */
const PREFIX_GROUPS = (layout.STREAM_ID_BITS + layout.INDEX_BITS / 2) / layout.BITS_PER_GROUP;
const TAIL_GROUPS = 8;
if (PREFIX_GROUPS + TAIL_GROUPS !== GROUPS || PREFIX_GROUPS % 2 !== 0) throw new Error('frame-synth: the watermark layout changed; revise the prefix split');
/** prefixHighOf[stream]: the index high byte whose partial sum prefixSumOf[stream] holds (-1: none yet). */
const prefixHighOf = new Int16Array(layout.MAX_STREAM_ID + 1).fill(-1);
/** Allocated on a stream's first frame: 1.3 KB each, 5 MB if every stream id were used. */
const prefixSumOf: (Float64Array | undefined)[] = new Array(layout.MAX_STREAM_ID + 1).fill(undefined);

/** The 160 PCM samples of frame `index` of stream `streamId` (before any G.711 coding). */
export function synthesizeFrame(streamId: number, index: number, out = new Int16Array(FRAME_SAMPLES)): Int16Array {
  encodeSymbols(streamId, index, symbols);
  for (let g = 0; g < GROUPS; g++) bases[g] = toneBin(g, symbols[g]) * FRAME_SAMPLES;
  const prefix = prefixSum(streamId, (index % layout.INDEX_MODULUS) >> (layout.INDEX_BITS / 2));
  const t0 = bases[PREFIX_GROUPS];
  const t1 = bases[PREFIX_GROUPS + 1];
  const t2 = bases[PREFIX_GROUPS + 2];
  const t3 = bases[PREFIX_GROUPS + 3];
  const t4 = bases[PREFIX_GROUPS + 4];
  const t5 = bases[PREFIX_GROUPS + 5];
  const t6 = bases[PREFIX_GROUPS + 6];
  const t7 = bases[PREFIX_GROUPS + 7];
  // Tones added pairwise, as in prefixSum: the same order of additions as one pass per pair.
  for (let n = 0; n < FRAME_SAMPLES; n++) {
    let s = prefix[n];
    s += TONE_WAVE[t0 + n] + TONE_WAVE[t1 + n];
    s += TONE_WAVE[t2 + n] + TONE_WAVE[t3 + n];
    s += TONE_WAVE[t4 + n] + TONE_WAVE[t5 + n];
    s += TONE_WAVE[t6 + n] + TONE_WAVE[t7 + n];
    sum[n] = s;
  }
  const rotation = loudestEdgeRotation(sum);
  const sign = index % 2 === 0 ? 1 : -1;
  const head = FRAME_SAMPLES - rotation;
  for (let i = 0; i < head; i++) out[i] = Math.round(sign * sum[i + rotation]);
  for (let i = head; i < FRAME_SAMPLES; i++) out[i] = Math.round(sign * sum[i - head]);
  return out;
}

/** Sum of the first PREFIX_GROUPS tones (bases already set), from the stream's slot when it holds it. */
function prefixSum(streamId: number, indexHigh: number): Float64Array {
  const cached = prefixSumOf[streamId];
  if (cached !== undefined && prefixHighOf[streamId] === indexHigh) return cached;
  const prefix = cached ?? (prefixSumOf[streamId] = new Float64Array(FRAME_SAMPLES));
  prefixHighOf[streamId] = indexHigh;
  const b0 = bases[0];
  const b1 = bases[1];
  for (let n = 0; n < FRAME_SAMPLES; n++) prefix[n] = TONE_WAVE[b0 + n] + TONE_WAVE[b1 + n];
  for (let g = 2; g < PREFIX_GROUPS; g += 2) {
    const a = bases[g];
    const b = bases[g + 1];
    for (let n = 0; n < FRAME_SAMPLES; n++) prefix[n] += TONE_WAVE[a + n] + TONE_WAVE[b + n];
  }
  return prefix;
}

/** The rotation whose first and last samples are both as large as possible. */
function loudestEdgeRotation(frame: Float64Array): number {
  let best = 0;
  let bestLevel = -1;
  let previous = Math.abs(frame[FRAME_SAMPLES - 1]);
  for (let r = 0; r < FRAME_SAMPLES; r++) {
    const current = Math.abs(frame[r]);
    const level = current < previous ? current : previous;
    if (level > bestLevel) {
      bestLevel = level;
      best = r;
    }
    previous = current;
  }
  return best;
}
