/**
 * A one-way packet link with injected loss, jitter and reordering, in front of a `transmit`
 * callback: what the network between an endpoint and a recorder would do, made repeatable by a
 * seeded `random`. With no impairment it transmits synchronously and allocates nothing.
 */
import { Clock } from '../time/clock';

export interface NetworkImpairment {
  /** Probability (0..1) that a packet is dropped. */
  lossRate?: number;
  /** Each packet is delayed by a uniform 0..jitterMs (so packets may overtake each other). */
  jitterMs?: number;
  /** Probability (0..1) that a packet is held back and sent right after the next one. */
  reorderRate?: number;
  /** Uniform [0,1) source; pass seededRandom(seed) for a repeatable run. Default Math.random. */
  random?: () => number;
}

export class ImpairedLink {
  private heldBack?: Buffer;
  private readonly random: () => number;

  constructor(
    private readonly clock: Clock,
    private readonly transmit: (packet: Buffer) => void,
    private readonly impairment: NetworkImpairment = {},
  ) {
    for (const key of ['lossRate', 'reorderRate'] as const) {
      const value = impairment[key] ?? 0;
      if (value < 0 || value > 1) throw new RangeError(`${key} ${value} is outside 0..1`);
    }
    if ((impairment.jitterMs ?? 0) < 0) throw new RangeError(`jitterMs ${impairment.jitterMs} is negative`);
    this.random = impairment.random ?? Math.random;
  }

  /** Sends `packet` through the impairments; false when it was dropped. */
  send(packet: Buffer): boolean {
    const { lossRate = 0, reorderRate = 0 } = this.impairment;
    if (lossRate > 0 && this.random() < lossRate) return false;
    if (reorderRate > 0 && !this.heldBack && this.random() < reorderRate) {
      this.heldBack = packet;
      return true;
    }
    this.deliver(packet);
    if (this.heldBack) {
      const late = this.heldBack;
      this.heldBack = undefined;
      this.deliver(late);
    }
    return true;
  }

  /** Sends a held-back packet now (before a pause in sending, or at stop). */
  flush(): void {
    if (!this.heldBack) return;
    const late = this.heldBack;
    this.heldBack = undefined;
    this.deliver(late);
  }

  private deliver(packet: Buffer): void {
    const jitterMs = this.impairment.jitterMs ?? 0;
    if (jitterMs > 0) this.clock.setTimer(this.random() * jitterMs, () => this.transmit(packet));
    else this.transmit(packet);
  }
}
