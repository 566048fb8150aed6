import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChannelTrack, TrackPacket, TrackStats } from './channel-track';

/** Earlier arrivals by less than this (1/8 ms) are noise, not a late anchor. */
const MIN_ANCHOR_CORRECTION = 1;

/**
 * The track as it was before its storage became blocks: one array, doubled and copied when full.
 * Kept here as the reference the block-based track must match sample for sample, packet for
 * packet, over any sequence of segments, jitter, loss, SSRC changes and anchor corrections.
 */
class ContiguousTrack {
  private buffer: Int16Array;
  private written = 0;
  private open = false;
  private segmentStart = 0;
  private anchor?: { ssrc: number; timestamp: number; position: number };
  readonly stats: TrackStats = { placed: 0, droppedOutsideSegment: 0, droppedLate: 0, reanchored: 0, anchorCorrections: 0 };

  /**
   * @param closeGaps a deviation (mutant ms-cuts-media-gaps): each packet goes right after the
   *   previous one, so a gap is closed instead of padded.
   */
  constructor(private readonly maxDriftSamples: number, initialSamples = 8000 * 16, private readonly closeGaps = false) {
    this.buffer = new Int16Array(initialSamples);
  }

  /** Opens a segment at `position` (start or resume): audio may be written from there on. */
  beginSegment(position: number): void {
    this.open = true;
    this.segmentStart = Math.max(0, Math.round(position));
    this.anchor = undefined;
  }

  /** Closes the segment at `position` (pause or stop): audio placed beyond it is removed. */
  endSegment(position: number): void {
    const end = Math.max(this.segmentStart, Math.round(position));
    if (this.written > end) {
      this.buffer.fill(0, end, this.written);
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
      if (!this.closeGaps && arrival <= position - MIN_ANCHOR_CORRECTION && position - arrival <= this.maxDriftSamples) {
        this.moveAnchorEarlier(position - arrival);
        position = arrival;
      } else if (Math.abs(position - arrival) > this.maxDriftSamples) {
        position = arrival;
        this.anchor = { ssrc: packet.ssrc, timestamp: packet.timestamp, position };
        this.stats.reanchored++;
      }
    }
    if (this.closeGaps && this.written > this.segmentStart) position = this.written;
    const skip = Math.max(0, this.segmentStart - position);
    if (skip >= packet.pcm.length) {
      this.stats.droppedOutsideSegment++;
      return undefined;
    }
    this.write(position + skip, packet.pcm.subarray(skip));
    this.stats.placed++;
    return position;
  }

  /** The channel as `totalSamples` samples: silence where nothing was written. */
  samples(totalSamples: number): Int16Array {
    const result = new Int16Array(totalSamples);
    result.set(this.buffer.subarray(0, Math.min(this.written, totalSamples)));
    return result;
  }

  get length(): number {
    return this.written;
  }

  /** Moves the anchor and everything written from it `delta` samples earlier, cut at the segment start. */
  private moveAnchorEarlier(delta: number): void {
    const anchor = this.anchor!;
    const from = Math.max(anchor.position, this.segmentStart);
    const cut = Math.max(0, this.segmentStart - (from - delta));
    const to = from - delta + cut;
    if (this.written > from + cut) this.buffer.copyWithin(to, from + cut, this.written);
    const end = Math.max(to, this.written - delta);
    if (end < this.written) this.buffer.fill(0, end, this.written);
    this.written = Math.min(this.written, end);
    anchor.position -= delta;
    this.stats.anchorCorrections++;
  }

  private write(position: number, pcm: Int16Array): void {
    const end = position + pcm.length;
    if (end > this.buffer.length) {
      const grown = new Int16Array(Math.max(end, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.written));
      this.buffer = grown;
    }
    this.buffer.set(pcm, position);
    this.written = Math.max(this.written, end);
  }
}

const MAX_DRIFT = 480;
const FRAME = 160;

/** begin/end `at` is relative to the track's length then: segment edges land where audio is. */
type Step =
  | { kind: 'begin'; at: number }
  | { kind: 'end'; at: number }
  | { kind: 'packet'; slot: number; jitter: number; ssrc: number; length: number };

test('block storage places every packet as the single-array track did', () => {
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('begin' as const), at: fc.integer({ min: -400, max: 1200 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('end' as const), at: fc.integer({ min: -400, max: 400 }) }) },
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('packet' as const),
        slot: fc.integer({ min: 0, max: 70 }),
        jitter: fc.integer({ min: -40, max: 700 }),
        ssrc: fc.integer({ min: 1, max: 2 }),
        length: fc.constantFrom(FRAME, FRAME, 80, 1),
      }),
    },
  );
  fc.assert(fc.property(fc.constantFrom(7, 160, 333, 32000), fc.boolean(), fc.array(step, { maxLength: 60 }), (blockSamples, closeGaps, steps) => {
    const blocks = new ChannelTrack(MAX_DRIFT, blockSamples, closeGaps);
    const contiguous = new ContiguousTrack(MAX_DRIFT, 16, closeGaps);
    steps.forEach((s, i) => {
      if (s.kind === 'begin') {
        blocks.beginSegment(contiguous.length + s.at);
        contiguous.beginSegment(contiguous.length + s.at);
      } else if (s.kind === 'end') {
        blocks.endSegment(contiguous.length + s.at);
        contiguous.endSegment(contiguous.length + s.at);
      } else {
        const packet = (): TrackPacket => ({
          arrivalSample: s.slot * FRAME + s.jitter,
          ssrc: s.ssrc,
          timestamp: (s.ssrc * 1000 + s.slot * FRAME) >>> 0,
          pcm: Int16Array.from({ length: s.length }, (_, k) => ((i + 1) * 37 + k * 3) % 30000 + 1),
        });
        assert.equal(blocks.accept(packet()), contiguous.accept(packet()), `step ${i}: placed at the same sample`);
      }
      assert.equal(blocks.length, contiguous.length, `step ${i}: length`);
    });
    const total = Math.max(blocks.length, 1) + 500;
    assert.deepEqual([...blocks.samples(total)], [...contiguous.samples(total)]);
    assert.deepEqual(blocks.stats, contiguous.stats);
  }), { numRuns: 1000 });
});
