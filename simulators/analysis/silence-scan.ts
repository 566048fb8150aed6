/**
 * The silence-window pass on its own: every run of near-zero samples at least `minSamples` long,
 * exact to the sample. It is what `ffmpeg -af silencedetect` does, and `silencedetectOptions` gives
 * the same definition (a sample is silent when |x| < trunc(10^(dB/20) · 32767), as ffmpeg compares
 * 16-bit samples), so the two can be checked against each other.
 */

export interface SilenceWindow {
  start: number;
  length: number;
}

export interface SilenceScanOptions {
  /** |sample| at or below this is silent. */
  maxAmplitude: number;
  /** Shorter runs are not windows. */
  minSamples: number;
}

/** ffmpeg silencedetect's definition for 16-bit input: noise n dB, minimum duration d seconds. */
export function silencedetectOptions(noiseDb: number, minDurationSec: number, sampleRate: number): SilenceScanOptions {
  const threshold = Math.trunc(10 ** (noiseDb / 20) * 32767);
  return { maxAmplitude: threshold - 1, minSamples: Math.round(minDurationSec * sampleRate) };
}

/** Where one channel's samples sit in an array: every `stride`-th sample from `offset` (interleaved WAV data). */
export interface ChannelLayout {
  stride: number;
  offset: number;
}

const MONO: ChannelLayout = { stride: 1, offset: 0 };

/**
 * Probes every `minSamples`-th sample: any window of minSamples or more contains a probe, so loud
 * audio (almost every probe loud) costs 1/minSamples of a full pass. A silent probe is grown both
 * ways to its exact run. Works on one channel of interleaved data in place (`layout`), so a
 * file's samples need no de-interleaving; windows are in samples of that channel.
 */
export function scanSilence(samples: Int16Array, options: SilenceScanOptions, layout: ChannelLayout = MONO): SilenceWindow[] {
  const windows: SilenceWindow[] = [];
  const limit = options.maxAmplitude;
  const span = 2 * limit;
  const minSamples = Math.max(1, options.minSamples);
  const { stride, offset } = layout;
  const length = Math.floor((samples.length - offset + stride - 1) / stride);
  const at = (i: number): number => samples[offset + i * stride];
  let previousEnd = 0;
  let probe = minSamples - 1;
  // |x| <= limit  <=>  (x + limit) as unsigned <= 2·limit: one compare per sample.
  while (probe < length) {
    if ((at(probe) + limit) >>> 0 > span) {
      probe += minSamples;
      continue;
    }
    let start = probe;
    while (start > previousEnd && (at(start - 1) + limit) >>> 0 <= span) start--;
    let end = probe + 1;
    while (end < length && (at(end) + limit) >>> 0 <= span) end++;
    if (end - start >= minSamples) windows.push({ start, length: end - start });
    previousEnd = end;
    probe = end + minSamples;
  }
  return windows;
}
