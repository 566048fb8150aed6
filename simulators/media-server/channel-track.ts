/**
 * One channel of a recording as it is built: decoded samples placed on the session's time line.
 *
 * Placement: the first packet of a segment (after start or resume, or from a new SSRC) is placed at
 * its arrival time; later packets at the position their RTP timestamp gives relative to that anchor,
 * so arrival jitter never moves audio and a loss leaves a gap of exactly the lost frames. Delay only
 * ever adds to arrival times, so a packet that arrives earlier than its anchor predicts shows the
 * anchor itself came late (a stalled event loop, a queue): the anchor moves to it and the audio
 * already placed from it moves with it, so the least-delayed packet sets the time line. A gap is
 * digital silence (the buffer starts zeroed): that is the padding of PAD-06. When timestamp and
 * arrival drift apart by more than `maxDriftSamples` (a sender that stops its clock on hold), the
 * track re-anchors at arrival, so later audio stays at its true time.
 * Outside a segment (before start, while paused, after stop) nothing is written (PAD-02).
 *
 * Samples before `settled` (settle()) are final: the session has put them in the file. Nothing is
 * placed, moved or cleared there any more: a packet that would land there is cut (droppedLate), and
 * an anchor correction that would move settled audio is not made (the anchor counts as settled).
 */
import { SampleBlocks } from './sample-blocks';

export interface TrackPacket {
  /** Arrival time as a sample offset from the start of the recording. */
  arrivalSample: number;
  ssrc: number;
  timestamp: number;
  /** Copied in: the caller may reuse the array for the next packet (RecordingSession does). */
  pcm: Int16Array;
}

export interface TrackStats {
  placed: number;
  droppedOutsideSegment: number;
  /** Packets (or their heads) that would have landed in samples already settled into the file. */
  droppedLate: number;
  reanchored: number;
  anchorCorrections: number;
}

/** Earlier arrivals by less than this (1/8 ms) are noise, not a late anchor. */
const MIN_ANCHOR_CORRECTION = 1;
/** Storage grows by blocks of this many samples (4 s at 8 kHz, 64 KiB). */
export const TRACK_BLOCK_SAMPLES = 32_000;

/** A channel's samples as the file writer reads them, a span at a time. */
export interface SampleReader {
  /** Samples in all (the file's length). */
  readonly length: number;
  /** Copies samples [from, from + into.length) into `into`. */
  read(from: number, into: Int16Array): void;
}

export class ChannelTrack {
  private readonly store: SampleBlocks;
  private written = 0;
  private settled = 0;
  private open = false;
  private segmentStart = 0;
  private anchor?: { ssrc: number; timestamp: number; position: number };
  readonly stats: TrackStats = { placed: 0, droppedOutsideSegment: 0, droppedLate: 0, reanchored: 0, anchorCorrections: 0 };

  /**
   * @param closeGaps a deviation (mutant ms-cuts-media-gaps): each packet goes right after the
   *   previous one, so a gap is closed instead of padded.
   */
  constructor(private readonly maxDriftSamples: number, blockSamples = TRACK_BLOCK_SAMPLES, private readonly closeGaps = false) {
    this.store = new SampleBlocks(blockSamples);
  }

  /** Opens a segment at `position` (start or resume): audio may be written from there on. */
  beginSegment(position: number): void {
    this.open = true;
    this.segmentStart = Math.max(0, Math.round(position));
    this.anchor = undefined;
  }

  /** Closes the segment at `position` (pause or stop): audio placed beyond it is removed. */
  endSegment(position: number): void {
    const end = Math.max(this.segmentStart, Math.round(position), this.settled);
    if (this.written > end) {
      this.store.clear(end, this.written);
      this.written = end;
    }
    this.open = false;
    this.anchor = undefined;
  }

  /** Places a packet; returns the sample offset it was written at, or undefined if dropped. */
  accept(packet: TrackPacket): number | undefined {
    if (!this.open) {
      this.stats.droppedOutsideSegment++;
      return undefined;
    }
    const arrival = Math.round(packet.arrivalSample);
    let position: number;
    if (!this.anchor || this.anchor.ssrc !== packet.ssrc) {
      position = arrival;
      this.anchor = { ssrc: packet.ssrc, timestamp: packet.timestamp, position };
    } else {
      position = this.anchor.position + ((packet.timestamp - this.anchor.timestamp) | 0);
      if (!this.closeGaps && arrival <= position - MIN_ANCHOR_CORRECTION && position - arrival <= this.maxDriftSamples && this.canMoveAnchorEarlier(position - arrival)) {
        this.moveAnchorEarlier(position - arrival);
        position = arrival;
      } else if (Math.abs(position - arrival) > this.maxDriftSamples) {
        position = arrival;
        this.anchor = { ssrc: packet.ssrc, timestamp: packet.timestamp, position };
        this.stats.reanchored++;
      }
    }
    if (this.closeGaps && this.written > this.segmentStart) position = this.written;
    // Cut at the segment start, or at the settled point when that is later (a late packet).
    const late = this.settled > this.segmentStart && position < this.settled;
    const skip = Math.max(0, (late ? this.settled : this.segmentStart) - position);
    if (late) this.stats.droppedLate++;
    if (skip >= packet.pcm.length) {
      if (!late) this.stats.droppedOutsideSegment++;
      return undefined;
    }
    this.write(position + skip, skip === 0 ? packet.pcm : packet.pcm.subarray(skip));
    this.stats.placed++;
    return position;
  }

  /**
   * Samples before `upTo` are final (the session is putting them in the file); their storage may be
   * released once they are read (releaseSettled).
   */
  settle(upTo: number): void {
    this.settled = Math.max(this.settled, upTo);
  }

  /** Gives back the storage of settled samples; reading them afterwards throws. */
  releaseSettled(): void {
    this.store.releaseBefore(this.settled);
  }

  get settledLength(): number {
    return this.settled;
  }

  /** Samples this track holds in memory (whole blocks): bounded by what is not yet settled. */
  get heldSamples(): number {
    return this.store.heldSamples;
  }

  /** The channel as `totalSamples` samples: silence where nothing was written. */
  samples(totalSamples: number): Int16Array {
    const result = new Int16Array(totalSamples);
    this.store.read(0, result.subarray(0, Math.min(this.written, totalSamples)));
    return result;
  }

  /**
   * The channel as `totalSamples` samples, read from the track itself (no copy of the whole): what
   * samples() would return, for as long as the track is not written again.
   */
  reader(totalSamples: number): SampleReader {
    const written = Math.min(this.written, totalSamples);
    return {
      length: totalSamples,
      read: (from, into) => {
        const available = Math.max(0, Math.min(into.length, written - from));
        this.store.read(from, into.subarray(0, available));
        into.fill(0, available);
      },
    };
  }

  /** Gives the storage back (BlockPool) once the track is no longer needed; any later use throws. */
  release(): void {
    this.store.release();
  }

  get length(): number {
    return this.written;
  }

  /**
   * Whether the audio placed from the anchor can move `delta` samples earlier without touching settled
   * samples. The move is cut at the segment start (moveAnchorEarlier), so the lowest sample it writes
   * is the later of the two: a first packet that came late at the very start of the recording (a
   * segment at 0, nothing settled yet) is corrected too, its head cut at the start.
   */
  private canMoveAnchorEarlier(delta: number): boolean {
    return Math.max(Math.max(this.anchor!.position, this.segmentStart) - delta, this.segmentStart) >= this.settled;
  }

  /** Moves the anchor and everything written from it `delta` samples earlier, cut at the segment start. */
  private moveAnchorEarlier(delta: number): void {
    const anchor = this.anchor!;
    const from = Math.max(anchor.position, this.segmentStart);
    const cut = Math.max(0, this.segmentStart - (from - delta));
    const to = from - delta + cut;
    if (this.written > from + cut) this.store.moveEarlier(to, from + cut, this.written);
    const end = Math.max(to, this.written - delta);
    if (end < this.written) this.store.clear(end, this.written);
    this.written = Math.min(this.written, end);
    anchor.position -= delta;
    this.stats.anchorCorrections++;
  }

  private write(position: number, pcm: Int16Array): void {
    this.store.set(pcm, position);
    this.written = Math.max(this.written, position + pcm.length);
  }
}
