/**
 * Paced RTP sending: frame n goes out at t0 + n * ptime on the injected Clock. Every timer is set
 * for the next frame's absolute due time, so timer lateness never accumulates (a late tick sends all
 * frames that fell due, in order). The frame index and the RTP timestamp run with time, also while
 * sending is held, so a receiver can place audio after a gap and the watermark index tells how long
 * the gap was. The sender never touches a socket: the owner's `transmit` callback does.
 */
import { Clock, TimerHandle } from '../time/clock';
import { buildRtpPacket } from './rtp-packet';
import { NetworkImpairment, ImpairedLink } from './impaired-link';

export interface FrameSource {
  /** The encoded payload of frame `index` (e.g. 160 bytes of G.711 for 20 ms). */
  payload(index: number): Uint8Array;
}

export interface SentFrame {
  /** Frame slot since start: the watermark index of a watermark source. */
  index: number;
  sequence: number;
  timestamp: number;
  /** When the frame was due: t0 + index * ptimeMs (Clock.now() ms). */
  scheduledAtMs: number;
  /** When the sender handed it to the network (Clock.now() ms). */
  sentAtMs: number;
  /** Dropped by injected loss: it never reached `transmit`. */
  lost: boolean;
}

export type RtpSenderState = 'idle' | 'sending' | 'held' | 'stopped';

export interface RtpSenderOptions {
  clock: Clock;
  ssrc: number;
  payloadType: number;
  source: FrameSource;
  transmit: (packet: Buffer) => void;
  ptimeMs?: number;
  /** RTP clock ticks per frame (160 for 20 ms at 8 kHz). */
  timestampStep?: number;
  initialSequence?: number;
  initialTimestamp?: number;
  /** Loss, jitter and reordering between this sender and `transmit` (tests only). */
  impairment?: NetworkImpairment;
}

export class RtpSenderStateError extends Error {
  constructor(action: string, state: RtpSenderState, ssrc: number) {
    super(`cannot ${action} RTP sender (ssrc ${ssrc}) in state ${state}`);
    this.name = 'RtpSenderStateError';
  }
}

/** Slack for float rounding between a timer's due time and Clock.now(). */
const DUE_EPSILON_MS = 1e-6;

export class RtpSender {
  private currentState: RtpSenderState = 'idle';
  private startedAt = 0;
  private nextIndex = 0;
  private sequence: number;
  private markNext = true;
  private timer?: TimerHandle;
  private readonly sent: SentFrame[] = [];
  private readonly ptimeMs: number;
  private readonly timestampStep: number;
  private readonly link: ImpairedLink;

  constructor(private readonly options: RtpSenderOptions) {
    this.ptimeMs = options.ptimeMs ?? 20;
    this.timestampStep = options.timestampStep ?? Math.round(this.ptimeMs * 8);
    this.sequence = options.initialSequence ?? 0;
    this.link = new ImpairedLink(options.clock, options.transmit, options.impairment);
  }

  get state(): RtpSenderState {
    return this.currentState;
  }

  /** Every frame handed to the network so far (lost ones flagged), in send order. */
  get log(): readonly SentFrame[] {
    return this.sent;
  }

  /** Clock.now() at start: frame n is due at startedAtMs + n * ptimeMs. */
  get startedAtMs(): number {
    return this.startedAt;
  }

  start(): void {
    if (this.currentState !== 'idle') throw new RtpSenderStateError('start', this.currentState, this.options.ssrc);
    this.currentState = 'sending';
    this.startedAt = this.options.clock.now();
    this.tick();
  }

  /** Stops sending while the slots run on (hold, mute, a simulated outage). */
  hold(): void {
    if (this.currentState !== 'sending') throw new RtpSenderStateError('hold', this.currentState, this.options.ssrc);
    this.currentState = 'held';
    this.link.flush();
  }

  resume(): void {
    if (this.currentState !== 'held') throw new RtpSenderStateError('resume', this.currentState, this.options.ssrc);
    this.currentState = 'sending';
    this.markNext = true;
  }

  stop(): void {
    if (this.currentState === 'stopped') return;
    this.currentState = 'stopped';
    this.timer?.cancel();
    this.timer = undefined;
    this.link.flush();
  }

  private tick(): void {
    const clock = this.options.clock;
    const now = clock.now();
    while (this.startedAt + this.nextIndex * this.ptimeMs <= now + DUE_EPSILON_MS) {
      if (this.currentState === 'sending') this.sendFrame(this.nextIndex);
      this.nextIndex++;
    }
    const due = this.startedAt + this.nextIndex * this.ptimeMs;
    this.timer = clock.setTimer(due - now, () => this.tick());
  }

  private sendFrame(index: number): void {
    const { payloadType, ssrc, source } = this.options;
    const timestamp = (this.options.initialTimestamp ?? 0) + index * this.timestampStep;
    const packet = buildRtpPacket({
      payloadType,
      ssrc,
      sequence: this.sequence,
      timestamp,
      marker: this.markNext,
      payload: source.payload(index),
    });
    const lost = !this.link.send(packet);
    this.sent.push({
      index,
      sequence: this.sequence & 0xffff,
      timestamp: timestamp % 0x100000000,
      scheduledAtMs: this.startedAt + index * this.ptimeMs,
      // Stamped once the packet is handed to the socket, not when the tick began: building the
      // payload (and, in a catch-up burst, the frames before it) comes before the wire.
      sentAtMs: this.options.clock.now(),
      lost,
    });
    this.sequence++;
    this.markNext = false;
  }
}
