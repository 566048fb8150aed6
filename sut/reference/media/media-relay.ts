import type { Socket } from 'node:dgram';
import { HostPort } from '../../../simulators/net/host-port';

export type LegName = 'caller' | 'callee';

/**
 * RTP anchoring for one call: one socket faces each leg; what arrives from one leg goes out to the
 * other unchanged. Taps see every packet from a leg (the recording fork), also while the other
 * leg has no address yet.
 */
export class MediaRelay {
  private readonly remotes: Partial<Record<LegName, HostPort>> = {};
  private readonly taps: ((from: LegName, packet: Buffer) => void)[] = [];
  private closed = false;
  readonly packetsFrom: Record<LegName, number> = { caller: 0, callee: 0 };

  constructor(private readonly sockets: Record<LegName, Socket>) {
    sockets.caller.on('message', (packet) => this.relay('caller', packet));
    sockets.callee.on('message', (packet) => this.relay('callee', packet));
  }

  /** Where this leg's socket is bound: goes into the SDP we give that leg. */
  local(leg: LegName): HostPort {
    const address = this.sockets[leg].address();
    return { host: address.address, port: address.port };
  }

  setRemote(leg: LegName, remote: HostPort): void {
    this.remotes[leg] = remote;
  }

  onPacket(tap: (from: LegName, packet: Buffer) => void): () => void {
    this.taps.push(tap);
    return () => {
      const index = this.taps.indexOf(tap);
      if (index >= 0) this.taps.splice(index, 1);
    };
  }

  close(): void {
    if (this.closed) return; // a call the SUT's close ended is discarded again when its set-up gives up
    this.closed = true;
    this.taps.length = 0;
    this.sockets.caller.close();
    this.sockets.callee.close();
  }

  private relay(from: LegName, packet: Buffer): void {
    this.packetsFrom[from]++;
    const to: LegName = from === 'caller' ? 'callee' : 'caller';
    const remote = this.remotes[to];
    if (remote) this.sockets[to].send(packet, remote.port, remote.host);
    for (const tap of this.taps) tap(from, packet);
  }
}
