import type { Socket } from 'node:dgram';
import { HostPort } from '../../../simulators/net/host-port';
import { PortBlock } from '../../../simulators/net/port-block';
import { bindUdpSocket } from '../../../simulators/net/udp-socket';
import { RecordingSessionClient } from '../../../simulators/recording-client/recording-session-client';
import { SipUserAgent } from '../../../simulators/sip';
import { Clock } from '../../../simulators/time/clock';
import { Call } from '../call/call';
import type { LegName } from '../media/media-relay';
import { RecordingDecision } from './full-time-policy';

export type CallRecordingState = 'starting' | 'recording' | 'paused' | 'stopped' | 'failed';

export interface CallRecordingContext {
  ua: SipUserAgent;
  clock: Clock;
  host: string;
  portBlock: PortBlock;
  mediaServer: HostPort;
  startOn: 'dialogstart' | 'invite';
  tenantDbid: number;
  msTimeoutMs: number;
  /** Extra delay before a stop takes effect (0 but for the late-stop mutant). */
  stopDelayMs: number;
}

/**
 * The one live recording of a call (PROFILE-RULES.md rule 14): opens the Media Server session,
 * forks both legs' RTP to it unchanged (party side to label 1), and runs later commands in order
 * behind the set-up (rule 18). A failed Media Server never touches the call (MS-04).
 */
export class CallRecording {
  private currentState: CallRecordingState = 'starting';
  private client?: RecordingSessionClient;
  private forkSockets?: [Socket, Socket];
  private untap?: () => void;
  private queue: Promise<void>;
  failure?: Error;

  constructor(
    readonly call: Call,
    readonly decision: RecordingDecision,
    /** `<connId>-<n>`: the Request-URI token, unique per SUT process. */
    readonly session: string,
    private readonly context: CallRecordingContext,
  ) {
    this.queue = this.open();
  }

  get state(): CallRecordingState {
    return this.currentState;
  }

  /** Settles once every command queued so far has reached the Media Server (or failed). */
  settled(): Promise<void> {
    return this.queue;
  }

  stop(): Promise<void> {
    return this.enqueue(async () => {
      if (this.currentState !== 'recording' && this.currentState !== 'paused') return;
      if (this.context.stopDelayMs > 0) await new Promise<void>((resolve) => this.context.clock.setTimer(this.context.stopDelayMs, resolve));
      this.currentState = 'stopped';
      this.untap?.();
      try {
        await this.client!.stop();
      } finally {
        this.closeForkSockets();
      }
    });
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(operation).catch((error: unknown) => this.fail(error));
    return this.queue;
  }

  private async open(): Promise<void> {
    try {
      const bind = () => this.context.portBlock.bindPair((port) => bindUdpSocket(this.context.host, port));
      this.forkSockets = [await bind(), await bind()];
      const local = this.forkSockets.map((s) => ({ host: this.context.host, port: s.address().port })) as [HostPort, HostPort];
      this.client = await RecordingSessionClient.open({
        ua: this.context.ua,
        clock: this.context.clock,
        mediaServer: this.context.mediaServer,
        uri: { session: this.session, dn: this.decision.dn, tenantDbid: this.context.tenantDbid },
        parameters: { connId: this.call.connId, side: this.decision.side, partitions: [], agentId: this.decision.agentId },
        localMedia: local,
        startOn: this.context.startOn,
        timeoutMs: this.context.msTimeoutMs,
        // fork as soon as the MS has answered with its ports (rule 5), before the dialogstart
        onMediaReady: (remote) => this.startFork(remote),
      });
      this.currentState = 'recording'; // also when the call was released meanwhile: the queued stop ends it
    } catch (error) {
      this.fail(error);
    }
  }

  private startFork(remote: [HostPort, HostPort]): void {
    const [partySocket, otherSocket] = this.forkSockets!;
    this.untap = this.call.relay.onPacket((from, packet) => {
      if (from === this.decision.partyLeg) partySocket.send(packet, remote[0].port, remote[0].host);
      else otherSocket.send(packet, remote[1].port, remote[1].host);
    });
  }

  /** Sends a packet into this recording as if it came from `from` of its own call (the sut-forks-into-other-session mutant). */
  inject(from: LegName, packet: Buffer): void {
    const remote = this.client?.remoteMedia;
    const sockets = this.forkSockets;
    if (!remote || !sockets || this.currentState !== 'recording') return;
    const label = from === this.decision.partyLeg ? 0 : 1;
    sockets[label].send(packet, remote[label].port, remote[label].host);
  }

  private fail(error: unknown): void {
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.currentState = 'failed';
    this.untap?.();
    this.closeForkSockets();
  }

  private closeForkSockets(): void {
    for (const socket of this.forkSockets ?? []) {
      try {
        socket.close();
      } catch {
        // already closed
      }
    }
    this.forkSockets = undefined;
  }
}
