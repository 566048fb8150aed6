import type { Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { G711Law, parseRtpPacket, payloadTypeOfLaw, RtpSender, SentFrame, WatermarkSource } from '../media';
import { HostPort } from '../net/host-port';
import { Clock } from '../time/clock';

export interface ReceivedMedia {
  packets: number;
  malformed: number;
  /** SSRCs heard, so a test can tell whose audio reached this phone. */
  ssrcs: Set<number>;
  /** Every packet heard, in arrival order: which frames of whose stream got through, and when. */
  arrivals: { atMs: number; ssrc: number; sequence: number }[];
  firstAtMs?: number;
  /** RTP sequence number of the first packet: with firstAtMs, places a sender that keeps no send log (SIPp). */
  firstSequence?: number;
  lastAtMs?: number;
}

/**
 * The audio of one call at a phone: one RTP socket, a paced sender of watermarked frames (the
 * stream id names this party), and what came back. Sending pauses on hold, the index and RTP
 * timestamp running on, as a real phone's clock does.
 */
export class CallMedia {
  private sender?: RtpSender;
  private remote?: HostPort;
  private streamIdInUse?: number;
  readonly received: ReceivedMedia = { packets: 0, malformed: 0, ssrcs: new Set(), arrivals: [] };
  private ssrcInUse?: number;

  constructor(private readonly socket: Socket, private readonly clock: Clock) {
    socket.on('message', (bytes) => this.receive(bytes));
  }

  get local(): HostPort {
    const address = this.socket.address();
    return { host: address.address, port: address.port };
  }

  get streamId(): number | undefined {
    return this.streamIdInUse;
  }

  /** The SSRC this phone sends with (once sending). */
  get ssrc(): number | undefined {
    return this.ssrcInUse;
  }

  setRemote(remote: HostPort): void {
    this.remote = remote;
  }

  /** Starts sending frames of watermark stream `streamId` to the remote address. */
  startSending(streamId: number, law: G711Law): void {
    if (this.sender) throw new Error(`call media on port ${this.local.port} is already sending stream ${this.streamIdInUse}`);
    if (!this.remote) throw new Error(`call media on port ${this.local.port} has no remote address to send to`);
    this.streamIdInUse = streamId;
    this.ssrcInUse = randomInt(1, 0xffffffff);
    this.sender = new RtpSender({
      clock: this.clock,
      ssrc: this.ssrcInUse,
      payloadType: payloadTypeOfLaw(law),
      initialSequence: randomInt(0, 0x10000),
      initialTimestamp: randomInt(0, 0xffffffff),
      source: new WatermarkSource(streamId).frameSource(law),
      // the remote may move (a re-INVITE after a transfer): send where it is now
      transmit: (packet) => this.socket.send(packet, this.remote!.port, this.remote!.host),
    });
    this.sender.start();
  }

  hold(): void {
    this.sender?.hold();
  }

  resume(): void {
    this.sender?.resume();
  }

  /** Every frame sent so far, with its send time: what the analyzer compares the recording with. */
  get sendLog(): readonly SentFrame[] {
    return this.sender?.log ?? [];
  }

  stop(): void {
    if (this.sender && this.sender.state !== 'stopped') this.sender.stop();
  }

  close(): void {
    this.stop();
    this.socket.close();
  }

  private receive(bytes: Buffer): void {
    const now = this.clock.now();
    try {
      const packet = parseRtpPacket(bytes);
      this.received.ssrcs.add(packet.ssrc);
      this.received.firstSequence ??= packet.sequence;
      this.received.arrivals.push({ atMs: now, ssrc: packet.ssrc, sequence: packet.sequence });
    } catch {
      this.received.malformed++;
      return;
    }
    this.received.packets++;
    this.received.firstAtMs ??= now;
    this.received.lastAtMs = now;
  }
}
