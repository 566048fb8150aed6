/**
 * The feeder's media: every label of every session as a watermarked PCMU stream, all paced by one
 * 1 ms timer instead of a timer per stream, with the send log kept in typed arrays instead of an
 * object per frame (a feeder holding 600 streams for a minute would otherwise carry ~2 million
 * log objects through its garbage collector).
 *
 * A frame the feeder could not send within SKIP_LATE_MS of its due time (the process was not
 * scheduled) is not sent late but skipped and logged as lost, like a frame lost in the network:
 * a late burst would reach the recorder on time by its RTP timestamps but late by its send times,
 * and the analyzer, which judges placement against send times, would blame the recorder. Skipped
 * frames are counted; a run with more than a few is not a measurement of the recorder.
 */
import type { Socket } from 'node:dgram';
import { buildRtpPacket, PayloadType, WatermarkSource } from '../media';
import type { HostPort } from '../net/host-port';
import { onConnectedSocketError } from '../net/udp-socket';
import { Clock, TimerHandle } from '../time/clock';

export const FRAME_MS = 20;
const TIMESTAMP_STEP = 160;
/** Later than this, a due frame is skipped (logged lost) instead of sent: well inside the analyzer's 20 ms. */
export const SKIP_LATE_MS = 10;
const TICK_MS = 1;

export interface StreamLog {
  /** Frames 0..count-1 were due; frame i was sent at sentAtMs[i], or skipped when lost[i] is 1. */
  count: number;
  sentAtMs: Float64Array;
  lost: Uint8Array;
  /** sentAtMs − due time of every sent frame. */
  latenessMs: Float64Array;
}

export class PacedStream {
  private startedAt = 0;
  private nextIndex = 0;
  private sequence: number;
  private running = false;
  /**
   * Frames go out on the socket connected to the recorder: a send to an address costs an address
   * lookup per packet (8.6-11.5 µs a send against 6.5-7.4 µs connected, measured here), and a
   * feeder sends tens of thousands a second. Until the connection is made (the next turn of the
   * event loop) due frames wait, and their lateness is logged as any other.
   */
  private connected = false;
  /**
   * Send errors of the harness's own making (not the recorder's closed port: the recording shows
   * that). Owners report them: frames that never left must not be blamed on the recorder.
   */
  readonly sendErrors: Error[] = [];
  private readonly scratch = new Uint8Array(TIMESTAMP_STEP);
  private readonly source: WatermarkSource;
  private log: StreamLog = { count: 0, sentAtMs: new Float64Array(1024), lost: new Uint8Array(1024), latenessMs: new Float64Array(1024) };

  constructor(readonly socket: Socket, streamId: number, private readonly ssrc: number, initialSequence: number, private readonly initialTimestamp: number) {
    this.source = new WatermarkSource(streamId);
    onConnectedSocketError(socket, (error) => this.sendErrors.push(error));
    this.sequence = initialSequence;
  }

  /** Frame n is due at `atMs` + 20 n. */
  start(remote: HostPort, atMs: number): void {
    this.socket.connect(remote.port, remote.host, () => (this.connected = true));
    this.startedAt = atMs;
    this.running = true;
  }

  stop(): void {
    this.running = false;
  }

  get startedAtMs(): number {
    return this.startedAt;
  }

  get sendLog(): StreamLog {
    return this.log;
  }

  /** Sends (or skips) every frame due by `now`. */
  tick(now: number): void {
    if (!this.running || !this.connected) return;
    for (let due = this.startedAt + this.nextIndex * FRAME_MS; due <= now; due = this.startedAt + this.nextIndex * FRAME_MS) {
      const index = this.nextIndex++;
      const late = now - due;
      if (late > SKIP_LATE_MS) this.record(index, due, late, true);
      else {
        const packet = buildRtpPacket({
          payloadType: PayloadType.PCMU, ssrc: this.ssrc, sequence: this.sequence, marker: index === 0,
          timestamp: this.initialTimestamp + index * TIMESTAMP_STEP, payload: this.source.payload(index, 'mulaw', this.scratch),
        });
        this.socket.send(packet);
        this.record(index, now, late, false);
      }
      this.sequence++;
    }
  }

  private record(index: number, atMs: number, lateMs: number, lost: boolean): void {
    if (index >= this.log.sentAtMs.length) this.log = grown(this.log);
    this.log.sentAtMs[index] = atMs;
    this.log.latenessMs[index] = lost ? 0 : lateMs;
    this.log.lost[index] = lost ? 1 : 0;
    this.log.count = index + 1;
  }
}

function grown(log: StreamLog): StreamLog {
  const size = log.sentAtMs.length * 2;
  const copy = <T extends Float64Array | Uint8Array>(from: T, to: T): T => {
    to.set(from);
    return to;
  };
  return { count: log.count, sentAtMs: copy(log.sentAtMs, new Float64Array(size)), lost: copy(log.lost, new Uint8Array(size)), latenessMs: copy(log.latenessMs, new Float64Array(size)) };
}

/** One timer for every stream of the process. */
export class StreamPacer {
  private readonly streams = new Set<PacedStream>();
  private timer?: TimerHandle;

  constructor(private readonly clock: Clock) {}

  add(stream: PacedStream): void {
    this.streams.add(stream);
    if (!this.timer) this.schedule();
  }

  remove(stream: PacedStream): void {
    this.streams.delete(stream);
  }

  close(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.streams.clear();
  }

  private schedule(): void {
    this.timer = this.clock.setTimer(TICK_MS, () => {
      // each stream reads the clock itself: sending hundreds of packets takes milliseconds
      for (const stream of this.streams) stream.tick(this.clock.now());
      this.schedule();
    });
  }
}
