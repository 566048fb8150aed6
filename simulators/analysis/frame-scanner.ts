/**
 * Finds every whole watermark frame in one channel, each with its exact start sample.
 *
 * Along a run of audio the next frame is predicted (same stream, index + 1, 160 samples on) and
 * confirmed by correlation alone, which costs a rebuilt frame and one dot product; only where the
 * prediction fails (start, pause, loss, another stream) are the tones decoded. When alignment is
 * lost the search slides a window, skips digital silence and quiet stretches, decodes tones, and pins
 * the start with the matched filter. Cut (partial) frames are left to the gap classifier.
 */
import * as layout from '../media/watermark/layout';
import { synthesizeFrame } from '../media/watermark/frame-synth';
import { bestFramePosition, correlate, decideTones, isWholeFrame } from '../media/watermark/frame-decoder';
import { ScanOptions, dbfsToAmplitude } from './scan-options';

const FRAME_SAMPLES = layout.FRAME_SAMPLES;
const INDEX_MODULUS = layout.INDEX_MODULUS;

export interface ScannedFrame {
  streamId: number;
  index16: number;
  /** Sample offset of the frame's first sample in the channel. */
  start: number;
  correlation: number;
  /** 'tracked': confirmed as the predicted successor; 'decoded': found by its tones. */
  how: 'tracked' | 'decoded';
}

export function scanFrames(samples: Int16Array, options: ScanOptions): ScannedFrame[] {
  return new FrameScanner(samples, options).scan();
}

class FrameScanner {
  private readonly frames: ScannedFrame[] = [];
  private readonly predicted = new Int16Array(FRAME_SAMPLES);
  private readonly candidate = new Int16Array(FRAME_SAMPLES);
  private readonly quietEnergy: number;

  constructor(
    private readonly samples: Int16Array,
    private readonly options: ScanOptions,
  ) {
    this.quietEnergy = dbfsToAmplitude(options.quietDbfs) ** 2 * FRAME_SAMPLES;
  }

  scan(): ScannedFrame[] {
    const limit = this.samples.length - FRAME_SAMPLES;
    let position = 0;
    while (position <= limit) {
      const last = this.frames[this.frames.length - 1];
      if (last && position === last.start + FRAME_SAMPLES) {
        const next = this.onGrid(last, position);
        if (next) {
          this.frames.push(next);
          position += FRAME_SAMPLES;
          continue;
        }
      }
      const found = this.acquire(position);
      if (!found) break;
      this.frames.push(found);
      position = found.start + FRAME_SAMPLES;
    }
    return this.frames;
  }

  /** The frame right after `last`: the predicted successor, or whatever the tones say is there. */
  private onGrid(last: ScannedFrame, position: number): ScannedFrame | undefined {
    const index16 = (last.index16 + 1) % INDEX_MODULUS;
    synthesizeFrame(last.streamId, index16, this.predicted);
    const correlation = correlate(this.samples, position, this.predicted);
    if (correlation >= this.options.trackCorrelation && this.whole(position, this.predicted)) {
      return { streamId: last.streamId, index16, start: position, correlation, how: 'tracked' };
    }
    return this.decodeAt(position, 0);
  }

  /** Tone decode of the window at `position`, confirmed by the matched filter within ±radius. */
  private decodeAt(position: number, radius: number): ScannedFrame | undefined {
    const decision = decideTones(this.samples, position);
    if (!decision.crcOk || decision.dominance < this.options.minDominance) return undefined;
    synthesizeFrame(decision.streamId, decision.index16, this.candidate);
    const best = bestFramePosition(this.samples, this.candidate, position - radius, position + radius);
    if (best.correlation < this.options.acceptCorrelation) return undefined;
    if (!this.whole(best.offset, this.candidate)) return undefined;
    return {
      streamId: decision.streamId,
      index16: decision.index16,
      start: best.offset,
      correlation: best.correlation,
      how: 'decoded',
    };
  }

  /** The first whole frame starting at or after `from` (or up to refineRadius before it). */
  private acquire(from: number): ScannedFrame | undefined {
    const { samples, options } = this;
    const limit = samples.length - FRAME_SAMPLES;
    const silence = options.silenceAmplitude;
    let position = from;
    while (position <= limit) {
      // Frames start on a loud sample: after digital silence the next frame starts exactly at the
      // first loud sample, so jump there rather than stepping through the silence.
      if (samples[position] <= silence && samples[position] >= -silence) {
        let loud = position + 1;
        while (loud < samples.length && samples[loud] <= silence && samples[loud] >= -silence) loud++;
        if (loud > limit) return undefined;
        position = loud;
        const exact = this.decodeAt(position, 1);
        if (exact && exact.start >= from) return exact;
      }
      if (this.windowEnergy(position) > this.quietEnergy) {
        const found = this.decodeAt(position, options.refineRadius);
        if (found && found.start >= from) return found;
      }
      position += options.acquireStep;
    }
    // The last step may have jumped past the final possible start: try it once.
    if (position - options.acquireStep < limit && limit >= from) {
      const found = this.decodeAt(limit, options.refineRadius);
      if (found && found.start >= from) return found;
    }
    return undefined;
  }

  /** A frame cut by a pause is not whole: the gap classifier reports it as a cut frame. */
  private whole(position: number, frame: Int16Array): boolean {
    return isWholeFrame(this.samples, position, frame, this.options.wholeFrameMargin);
  }

  private windowEnergy(position: number): number {
    let energy = 0;
    for (let i = position, end = position + FRAME_SAMPLES; i < end; i++) energy += this.samples[i] * this.samples[i];
    return energy;
  }
}
