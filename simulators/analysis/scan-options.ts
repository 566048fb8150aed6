/**
 * Settings of the watermark scan (how frames are found), apart from the verdict tolerances (how far
 * a recording may deviate). Defaults follow the measured behaviour of the watermark (WATERMARK.md).
 */
export interface ScanOptions {
  /** Samples between trial windows while searching for frame alignment. */
  acquireStep: number;
  /** A predicted next frame at least this correlated with the audio is taken without a tone decode. */
  trackCorrelation: number;
  /** A tone-decoded frame (CRC good) must correlate at least this well with its rebuilt frame. */
  acceptCorrelation: number;
  /** Chosen-tone energy over other-tone energy a decoded window needs (2 = 3 dB). */
  minDominance: number;
  /** |sample| at or below this counts as digital silence (8 covers A-law's idle code). */
  silenceAmplitude: number;
  /** Digital silence is a run of at least this many near-zero samples (frames hold at most 3). */
  minSilenceRun: number;
  /** A gap stretch whose RMS is at or below this level (dBFS) is silence even if not digital. */
  quietDbfs: number;
  /** How far (samples) either side of a tone-decoded window the matched filter looks for the start. */
  refineRadius: number;
  /** A fragment of unexplained audio must correlate at least this well with a frame to be named. */
  partialCorrelation: number;
  /**
   * A cut frame next to a found one is accepted when the energy it leaves unexplained is at most
   * this fraction of the predicted piece's energy (G.711 alone leaves ~0.0002, noise at -40 dBFS
   * ~0.004, at -30 dBFS ~0.04; a piece of another frame leaves ~2).
   */
  partialResidual: number;
  /**
   * A frame counts as whole when no prefix or suffix of it fits worse than "nothing there" by more
   * than this fraction of its energy (isWholeFrame); 0.005 is about half of one edge sample.
   */
  wholeFrameMargin: number;
  /** Unexplained audio up to one frame long is tried against frames sent this close (ms) to its time. */
  fragmentSearchMs: number;
  /** Cut frames next to a found frame shorter than this are not identified. */
  minPartialSamples: number;
  /**
   * Unexplained audio at least this long is also tried at any alignment against the frames sent
   * around its time (a piece off every grid); shorter pieces only where a stream's grid puts them.
   */
  minFragmentSamples: number;
  /**
   * How far (samples) a piece of a frame may sit from the grid of the nearest whole frame of its
   * stream in the same channel: a recorder that places the first packet after a start or resume at
   * its arrival puts a lone piece its extra delay late (up to 12 samples seen at the reference one).
   */
  fragmentSlackSamples: number;
  /** The same where the grid comes from another channel or from the send log and the time base. */
  fragmentFarSlackSamples: number;
  /**
   * A cut piece may differ from its rebuilt frame (G.711 round trip) by this many times, per sample,
   * the power by which the whole frames near it differ from theirs (the path's noise; 0 when clean).
   */
  fragmentNoiseFactor: number;
  /**
   * A piece is named as a stream that does not belong in its channel (crosstalk, another call)
   * only when at least this long: a sample or two fit some frame of some stream by chance.
   */
  minClaimSamples: number;
}

export const DEFAULT_SCAN_OPTIONS: ScanOptions = {
  acquireStep: 8,
  trackCorrelation: 0.97,
  acceptCorrelation: 0.5,
  minDominance: 2,
  silenceAmplitude: 8,
  minSilenceRun: 6,
  quietDbfs: -24,
  refineRadius: 8,
  partialCorrelation: 0.9,
  partialResidual: 0.25,
  minPartialSamples: 1,
  minFragmentSamples: 32,
  wholeFrameMargin: 0.005,
  fragmentSearchMs: 200,
  fragmentSlackSamples: 40,
  fragmentFarSlackSamples: 80,
  fragmentNoiseFactor: 4,
  minClaimSamples: 8,
};

/** RMS amplitude of a dBFS level (0 dBFS = full-scale 16-bit sine-free reference 32768). */
export function dbfsToAmplitude(dbfs: number): number {
  return 32768 * 10 ** (dbfs / 20);
}
