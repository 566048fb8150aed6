import { stallIfAsked } from '../time/harness-stall-knob';
import type { Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { G711Law, payloadTypeOfLaw, RtpSender, WatermarkSource } from '../media';
import { HostPort } from '../net/host-port';
import { Clock } from '../time/clock';
import { RecordingSessionClient } from './recording-session-client';

/** A pause as the client made it: when the pause and the resume commands were sent. */
export interface ClientPause {
  startMs: number;
  /** Undefined while paused; a pause held to the stop ends at the stop. */
  endMs?: number;
  via: 'info' | 'reinvite';
}

/** A stretch in which a label's sender was silent without a pause (a media gap, PAD-06). */
export interface MediaGap {
  label: 0 | 1;
  startMs: number;
  endMs?: number;
}

/**
 * Commands go out just after a frame (pause) or just before one (resume), this far from it, so
 * the frame grid never adds up to 20 ms to an edge: a pause edge then measures the recorder, not
 * the phase of the 20 ms packet clock. It is a scheduling margin, not a tolerance.
 */
export const COMMAND_FRAME_MARGIN_MS = 3;

/**
 * One recording made by the recording client: the session, a watermarked sender per label, and
 * every command's send time — the reference the recorder's file is checked against.
 */
export class ClientRecording {
  readonly pauses: ClientPause[] = [];
  readonly gaps: MediaGap[] = [];
  readonly senders: [RtpSender, RtpSender];
  private sessionClient?: RecordingSessionClient;
  private readonly remotes: HostPort[] = [];
  /** When the command that started the recording was sent (dialogstart, or the INVITE). */
  startedAtMs = 0;
  stoppedAtMs?: number;

  constructor(
    readonly streamIds: [number, number],
    private readonly sockets: [Socket, Socket],
    private readonly clock: Clock,
    law: G711Law,
  ) {
    this.senders = sockets.map((socket, label) => {
      return new RtpSender({
        clock,
        ssrc: randomInt(1, 0xffffffff),
        payloadType: payloadTypeOfLaw(law),
        initialSequence: randomInt(0, 0x10000),
        initialTimestamp: randomInt(0, 0xffffffff),
        source: new WatermarkSource(streamIds[label]).frameSource(law),
        transmit: (packet) => socket.send(packet, this.remotes[label].port, this.remotes[label].host),
      });
    }) as [RtpSender, RtpSender];
  }

  /** Both parties start talking as soon as the recorder's media addresses are known. */
  startMedia(remoteMedia: [HostPort, HostPort]): void {
    this.remotes.push(...remoteMedia);
    for (const sender of this.senders) sender.start();
  }

  /** The session, once open; `startedAtMs` is when the command that started it was sent. */
  attach(session: RecordingSessionClient, startedAtMs: number): void {
    this.sessionClient = session;
    this.startedAtMs = startedAtMs;
  }

  get session(): RecordingSessionClient {
    if (!this.sessionClient) throw new Error('the recording session is not open');
    return this.sessionClient;
  }

  get paused(): boolean {
    const last = this.pauses[this.pauses.length - 1];
    return last !== undefined && last.endMs === undefined;
  }

  async pause(via: 'info' | 'reinvite' = 'info'): Promise<void> {
    await this.untilFrameEdge('after');
    stallIfAsked();
    const pause: ClientPause = { startMs: this.clock.now(), via };
    this.pauses.push(pause);
    await (via === 'info' ? this.session.pause() : this.session.pauseByReinvite());
  }

  async resume(): Promise<void> {
    const pause = this.pauses[this.pauses.length - 1];
    if (!pause || pause.endMs !== undefined) throw new Error('resume without a pause');
    await this.untilFrameEdge('before');
    pause.endMs = this.clock.now();
    await (pause.via === 'info' ? this.session.resume() : this.session.resumeByReinvite());
  }

  /** Silences one label's sender (no pause): the recorder must pad the gap (PAD-06). */
  startGap(label: 0 | 1): void {
    this.senders[label].hold();
    this.gaps.push({ label, startMs: this.clock.now() });
  }

  endGap(label: 0 | 1): void {
    const gap = [...this.gaps].reverse().find((g) => g.label === label && g.endMs === undefined);
    if (!gap) throw new Error(`label ${label + 1} has no media gap to end`);
    this.senders[label].resume();
    gap.endMs = this.clock.now();
  }

  /** Stops the recording (INFO app.stop, then BYE); the parties stop talking after it. */
  async stop(): Promise<void> {
    await this.untilFrameEdge('after');
    this.stoppedAtMs = this.clock.now();
    const open = this.pauses[this.pauses.length - 1];
    if (open && open.endMs === undefined) open.endMs = this.stoppedAtMs;
    try {
      await this.session.stop();
    } finally {
      this.closeMedia();
    }
  }

  closeMedia(): void {
    for (const sender of this.senders) sender.stop();
    for (const socket of this.sockets) {
      try {
        socket.close();
      } catch {
        // already closed
      }
    }
  }

  /** Waits for the margin after the last frame ('after') or before the next one ('before'). */
  private untilFrameEdge(edge: 'before' | 'after'): Promise<void> {
    const sender = this.senders[0];
    if (sender.state === 'idle' || sender.state === 'stopped') return Promise.resolve();
    const now = this.clock.now();
    const elapsed = now - sender.startedAtMs;
    const lastDue = sender.startedAtMs + Math.floor(elapsed / 20) * 20;
    let target = edge === 'after' ? lastDue + COMMAND_FRAME_MARGIN_MS : lastDue + 20 - COMMAND_FRAME_MARGIN_MS;
    if (target < now) target += 20;
    return new Promise((resolve) => this.clock.setTimer(target - now, resolve));
  }
}
