/**
 * Receive-side RTP accounting (RFC 3550 appendix A.1 and A.8): per SSRC, the extended highest
 * sequence number, packets expected vs received (loss), duplicates, packets that arrived after a
 * later one (reorder), and interarrival jitter. Malformed datagrams are counted, never thrown.
 */
import { parseRtpPacket, RtpPacket, RtpParseError } from './rtp-packet';

export interface RtpStreamStats {
  ssrc: number;
  payloadType: number;
  received: number;
  /** Highest extended sequence − first + 1 (RFC 3550 A.3). */
  expected: number;
  /** expected − distinct packets received; never negative. */
  lost: number;
  duplicates: number;
  /** Packets that arrived after one with a higher sequence number. */
  reordered: number;
  /** Interarrival jitter in ms (RFC 3550 A.8), from arrival times and RTP timestamps. */
  jitterMs: number;
  firstSequence: number;
  highestSequence: number;
}

export interface RtpReceiverStats {
  streams: RtpStreamStats[];
  malformed: number;
  lastError?: string;
}

interface StreamState {
  stats: RtpStreamStats;
  seen: Set<number>;
  lastTransit?: number;
  jitterTicks: number;
}

const SEQUENCE_MODULUS = 0x10000;

export class RtpReceiver {
  private readonly streams = new Map<number, StreamState>();
  private malformed = 0;
  private lastError?: string;

  /** @param clockRate RTP timestamp ticks per second (8000 for G.711). */
  constructor(private readonly clockRate = 8000) {}

  /** Accounts one datagram that arrived at `arrivalMs`; returns the packet, or undefined if malformed. */
  receive(datagram: Uint8Array, arrivalMs: number): RtpPacket | undefined {
    let packet: RtpPacket;
    try {
      packet = parseRtpPacket(datagram);
    } catch (error) {
      if (!(error instanceof RtpParseError)) throw error;
      this.malformed++;
      this.lastError = error.message;
      return undefined;
    }
    this.account(packet, arrivalMs);
    return packet;
  }

  stats(): RtpReceiverStats {
    return {
      streams: [...this.streams.values()].map(({ stats }) => ({ ...stats, jitterMs: round3(stats.jitterMs) })),
      malformed: this.malformed,
      lastError: this.lastError,
    };
  }

  private account(packet: RtpPacket, arrivalMs: number): void {
    let state = this.streams.get(packet.ssrc);
    if (!state) {
      state = {
        stats: {
          ssrc: packet.ssrc,
          payloadType: packet.payloadType,
          received: 0,
          expected: 0,
          lost: 0,
          duplicates: 0,
          reordered: 0,
          jitterMs: 0,
          firstSequence: packet.sequence,
          highestSequence: packet.sequence,
        },
        seen: new Set(),
        jitterTicks: 0,
      };
      this.streams.set(packet.ssrc, state);
    }
    const { stats } = state;
    // Extend the 16-bit sequence to the cycle nearest the highest seen so far.
    let delta = (packet.sequence - (stats.highestSequence % SEQUENCE_MODULUS) + SEQUENCE_MODULUS) % SEQUENCE_MODULUS;
    if (delta >= SEQUENCE_MODULUS / 2) delta -= SEQUENCE_MODULUS;
    const extended = stats.highestSequence + delta;
    stats.received++;
    if (state.seen.has(extended)) {
      stats.duplicates++;
      return;
    }
    state.seen.add(extended);
    if (delta < 0) stats.reordered++;
    if (extended > stats.highestSequence) stats.highestSequence = extended;
    if (extended < stats.firstSequence) stats.firstSequence = extended;
    stats.expected = stats.highestSequence - stats.firstSequence + 1;
    stats.lost = Math.max(0, stats.expected - state.seen.size);
    // Jitter: J += (|D| - J) / 16, D = difference of transit times (arrival − timestamp), in ticks.
    const transit = (arrivalMs * this.clockRate) / 1000 - packet.timestamp;
    if (state.lastTransit !== undefined) {
      const d = Math.abs(transit - state.lastTransit);
      state.jitterTicks += (d - state.jitterTicks) / 16;
      stats.jitterMs = (state.jitterTicks * 1000) / this.clockRate;
    }
    state.lastTransit = transit;
  }
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
