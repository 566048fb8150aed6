/**
 * One recording as the ms-capacity feeder makes it: the same RecordingSessionClient the recording
 * client uses (INVITE with two labelled m-lines, MSML dialogstart/pause/resume/stop, BYE), with both
 * labels streamed by the shared StreamPacer. Pause, resume and stop go out at the same distance
 * from the frame grid as ClientRecording's (COMMAND_FRAME_MARGIN_MS), so padding edges measure the
 * recorder, not the phase of the 20 ms packet clock.
 */
import type { Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { HostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { bindUdpSocket } from '../../simulators/net/udp-socket';
import { COMMAND_FRAME_MARGIN_MS } from '../../simulators/recording-client/client-recording';
import { RecordingSessionClient } from '../../simulators/recording-client/recording-session-client';
import { SipUserAgent } from '../../simulators/sip';
import { Clock } from '../../simulators/time/clock';
import { PlannedSession } from './capacity-protocol';
import { FRAME_MS, PacedStream, StreamPacer } from './stream-pacer';

export interface FeederContext {
  ua: SipUserAgent;
  clock: Clock;
  pacer: StreamPacer;
  portBlock: PortBlock;
  recorder: HostPort;
  timeoutMs: number;
}

export class FeederRecording {
  readonly pauses: { startMs: number; endMs?: number }[] = [];
  startedAtMs = 0;
  stoppedAtMs?: number;
  private session?: RecordingSessionClient;

  private constructor(readonly planned: PlannedSession, readonly streams: [PacedStream, PacedStream], private readonly context: FeederContext) {}

  static async open(context: FeederContext, planned: PlannedSession): Promise<FeederRecording> {
    const { clock, pacer, portBlock } = context;
    const bind = (): Promise<Socket> => portBlock.bindPair((port) => bindUdpSocket('127.0.0.1', port));
    const sockets = [await bind(), await bind()];
    const streams = sockets.map((socket, label) => new PacedStream(socket, planned.streamIds[label], randomInt(1, 0xffffffff), randomInt(0, 0x10000), randomInt(0, 0xffffffff))) as [PacedStream, PacedStream];
    const recording = new FeederRecording(planned, streams, context);
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
