/**
 * What the recorder's path does to frames, measured on whole frames near the audio in question:
 * which G.711 law it used (the file holds that law's decoded values) and how much noise it added.
 * A piece of a frame is then compared with its frame rebuilt the same way, sample for sample.
 */
import * as layout from '../media/watermark/layout';
import { G711Law, g711Decode, g711Encode } from '../media/g711';
import { synthesizeFrame, TONE_AMPLITUDE } from '../media/watermark/frame-synth';
import { ScanOptions } from './scan-options';

const FRAME_SAMPLES = layout.FRAME_SAMPLES;
export const LAWS: readonly G711Law[] = ['mulaw', 'alaw'];
/** Per-sample error power a clean path may still show (a decoder rounding differently: ±4). */
export const ROUNDING_POWER = 16;
/** Noise allowance added to every piece, in samples' worth (one sample alone may be 3σ off). */
const NOISE_SLACK_SAMPLES = 2;
/** RMS of a frame (18 tones): the spread of the values a frame sample takes. */
const FRAME_RMS = TONE_AMPLITUDE * Math.sqrt(layout.GROUPS / 2);
/** A piece is believed when audio unrelated to it would pass as rarely as this over the alignments tried. */
const FALSE_FIT_RATE = 1e-3;

/** A frame found whole: its samples measure the path. */
export interface PathFrame {
  streamId: number;
  index: number;
  start: number;
}

/** Per law, whether a 16-bit value (as an unsigned index) is within rounding of a value it decodes to. */
const DECODABLE: Record<G711Law, Uint8Array> = { mulaw: decodable('mulaw'), alaw: decodable('alaw') };

function decodable(law: G711Law): Uint8Array {
  const table = new Uint8Array(65536);
  const values = g711Decode(law, Uint8Array.from({ length: 256 }, (_, code) => code));
  const reach = Math.sqrt(ROUNDING_POWER);
  for (const value of values) {
    for (let v = Math.max(-32768, value - reach); v <= Math.min(32767, value + reach); v++) table[v & 0xffff] = 1;
  }
  return table;
}

/**
 * The longest run of samples in [start, end) that a clean path in `law` could have written (each a
 * value the law decodes to, within rounding): a piece of a frame through that path is such a run.
 */
export function longestDecodableRun(law: G711Law, samples: Int16Array, start: number, end: number): number {
  const table = DECODABLE[law];
  let longest = 0;
  let run = 0;
  for (let i = start; i < end; i++) {
    run = table[samples[i] & 0xffff] ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** How the recorder's path treats frames: its G.711 law and the power it adds per sample. */
export interface RecordingPath {
  law: G711Law;
  /** Mean (x − q)² per sample over whole frames: 0 on a clean path, the noise power otherwise. */
  noisePower: number;
}

/** Rebuilt frames (synthesis + G.711 round trip), kept for one analysis: fragments are few. */
export class RebuiltFrames {
  private readonly frames = new Map<number, Int16Array>();
  private readonly pcm = new Int16Array(FRAME_SAMPLES);
  private readonly codes = new Uint8Array(FRAME_SAMPLES);

  get(streamId: number, index: number, law: G711Law): Int16Array {
    // One number per (law, stream, index): ids have 12 bits, indexes stay far below 2^40.
    const key = (index * (layout.MAX_STREAM_ID + 1) + streamId) * 2 + (law === 'mulaw' ? 0 : 1);
    let frame = this.frames.get(key);
    if (!frame) {
      synthesizeFrame(streamId, index, this.pcm);
      frame = g711Decode(law, g711Encode(law, this.pcm, this.codes));
      this.frames.set(key, frame);
    }
    return frame;
  }
}

/** The law whose rebuilt frames sit closest to these whole frames, and how close (per sample). */
export function measurePath(samples: Int16Array, frames: readonly PathFrame[], rebuilt: RebuiltFrames): RecordingPath | undefined {
  if (frames.length === 0) return undefined;
  let best: RecordingPath | undefined;
  for (const law of LAWS) {
    let error = 0;
    for (const { streamId, index, start } of frames) {
      const frame = rebuilt.get(streamId, index, law);
      for (let k = 0; k < FRAME_SAMPLES; k++) error += (samples[start + k] - frame[k]) ** 2;
    }
    const noisePower = error / (frames.length * FRAME_SAMPLES);
    if (!best || noisePower < best.noisePower) best = { law, noisePower };
  }
  return best;
}


/**
 * Whether `error` (Σ (x − q)² over a piece of `span` samples against its rebuilt frame) is what the
 * path's noise explains: a few times its power per sample (with a little more for a piece of a
 * sample or two, whose error is one draw of the noise), plus a few steps of rounding. A clean path
 * leaves only exact G.711 values, so a piece of another frame does not pass by resemblance.
 */
export function withinNoise(error: number, span: number, path: RecordingPath, options: ScanOptions): boolean {
  return error <= (span + NOISE_SLACK_SAMPLES) * options.fragmentNoiseFactor * path.noisePower + span * ROUNDING_POWER;
}

/**
 * Whether a piece of `span` samples that passed withinNoise is evidence, given `trials` alignments
 * tried: a sample of unrelated audio lands within the allowed error of a frame sample with
 * probability about 2a/(√(2π)·frame RMS), so a piece of a sample or two passes some shift by chance
 * on a clean path, and a few more in noise.
 */
export function significant(span: number, trials: number, path: RecordingPath, options: ScanOptions): boolean {
  const allowed = Math.sqrt(options.fragmentNoiseFactor * path.noisePower + ROUNDING_POWER);
  const perSample = Math.min(1, (2 * allowed) / (Math.sqrt(2 * Math.PI) * FRAME_RMS));
  return Math.log(trials) + span * Math.log(perSample) <= Math.log(FALSE_FIT_RATE);
}
