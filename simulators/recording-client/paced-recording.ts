/**
 * One recording with its media on a shared StreamPacer (the ms-capacity feeder's and the ROB-03
 * recorder-role load's): the same RecordingSessionClient the recording
 * client uses (INVITE with two labelled m-lines, MSML dialogstart/pause/resume/stop, BYE), with both
 * labels streamed by the shared StreamPacer. Pause, resume and stop go out at the same distance
 * from the frame grid as ClientRecording's (COMMAND_FRAME_MARGIN_MS), so padding edges measure the
 * recorder, not the phase of the 20 ms packet clock.
 */
import { randomInt } from 'node:crypto';
import { HostPort } from '../net/host-port';
import { PortBlock } from '../net/port-block';
import { bindUdpSocketPair } from '../net/udp-socket';
import { COMMAND_FRAME_MARGIN_MS } from './client-recording';
import { RecordingSessionClient } from './recording-session-client';
import { SipUserAgent } from '../sip';
import { Clock } from '../time/clock';
import { FRAME_MS, PacedStream, StreamPacer } from './stream-pacer';

export interface PlannedSession {
  id: string;
  dn: string;
  connId: string;
  /** Watermark stream per label: [party side, other party]. */
  streamIds: [number, number];
  /** Pause after this many ms of the hold ... */
  pauseAtMs: number;
  /** ... for this long (ms). */
  pauseForMs: number;
}

export interface PacedRecordingContext {
  ua: SipUserAgent;
  clock: Clock;
  pacer: StreamPacer;
  portBlock: PortBlock;
  recorder: HostPort;
  timeoutMs: number;
}

export class PacedRecording {
  readonly pauses: { startMs: number; endMs?: number }[] = [];
  startedAtMs = 0;
  stoppedAtMs?: number;
  private session?: RecordingSessionClient;

  private constructor(readonly planned: PlannedSession, readonly streams: [PacedStream, PacedStream], private readonly context: PacedRecordingContext) {}

  static async open(context: PacedRecordingContext, planned: PlannedSession): Promise<PacedRecording> {
    const { clock, pacer, portBlock } = context;
    const sockets = await bindUdpSocketPair(portBlock, '127.0.0.1');
    const streams = sockets.map((socket, label) => new PacedStream(socket, planned.streamIds[label], randomInt(1, 0xffffffff), randomInt(0, 0x10000), randomInt(0, 0xffffffff))) as [PacedStream, PacedStream];
    const recording = new PacedRecording(planned, streams, context);
    try {
      recording.session = await RecordingSessionClient.open({
        ua: context.ua, clock, mediaServer: context.recorder, timeoutMs: context.timeoutMs, startOn: 'dialogstart',
        uri: { session: `${planned.connId}-1`, dn: planned.dn, tenantDbid: 1 },
        parameters: { connId: planned.connId, side: 'source', recordId: planned.id, partitions: [] },
        localMedia: sockets.map((s) => ({ host: '127.0.0.1', port: s.address().port })) as [HostPort, HostPort],
        onMediaReady: (remote) => {
          const now = clock.now();
          streams.forEach((stream, label) => {
            stream.start(remote[label], now);
            pacer.add(stream);
          });
        },
      });
    } catch (error) {
      recording.closeMedia();
      throw error;
    }
    recording.startedAtMs = recording.session.log.find((entry) => entry.command === 'dialogstart')!.sentAtMs;
    return recording;
  }

  async pause(): Promise<void> {
    await this.untilFrameEdge('after');
    this.pauses.push({ startMs: this.context.clock.now() });
    await this.session!.pause();
  }

  async resume(): Promise<void> {
    await this.untilFrameEdge('before');
    this.pauses[this.pauses.length - 1].endMs = this.context.clock.now();
    await this.session!.resume();
  }

  /** INFO app.stop, then BYE; the parties stop talking after it. */
  async stop(): Promise<void> {
    await this.untilFrameEdge('after');
    this.stoppedAtMs = this.context.clock.now();
    try {
      await this.session!.stop();
    } finally {
      this.closeMedia();
    }
  }

  /** Errors of this recording's media sockets (PacedStream.sendErrors): the harness's, not the recorder's. */
  get mediaErrors(): Error[] {
    return this.streams.flatMap((stream) => stream.sendErrors);
  }

  closeMedia(): void {
    for (const stream of this.streams) {
      stream.stop();
      this.context.pacer.remove(stream);
      try {
        stream.socket.close();
      } catch {
        // already closed
      }
    }
  }

  /** As ClientRecording: the margin after the last frame ('after') or before the next one ('before'). */
  private untilFrameEdge(edge: 'before' | 'after'): Promise<void> {
    const { clock } = this.context;
    const now = clock.now();
    const start = this.streams[0].startedAtMs;
    const lastDue = start + Math.floor((now - start) / FRAME_MS) * FRAME_MS;
    let target = edge === 'after' ? lastDue + COMMAND_FRAME_MARGIN_MS : lastDue + FRAME_MS - COMMAND_FRAME_MARGIN_MS;
    if (target < now) target += FRAME_MS;
    return new Promise((resolve) => clock.setTimer(target - now, resolve));
  }
}
