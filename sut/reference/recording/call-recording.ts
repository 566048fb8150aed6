import type { Socket } from 'node:dgram';
import { HostPort } from '../../../simulators/net/host-port';
import { PortBlock } from '../../../simulators/net/port-block';
import { bindUdpSocketPair, onConnectedSocketError } from '../../../simulators/net/udp-socket';
import { HEADER } from '../../../simulators/gir-msml/recording-headers';
import { RecordingSessionClient } from '../../../simulators/recording-client/recording-session-client';
import { SipUserAgent } from '../../../simulators/sip';
import { Clock } from '../../../simulators/time/clock';
import { Call } from '../call/call';
import { GsipRecord, recordUserData, RecordUserData } from './attached-data';
import { RecordingDecision } from './recording-decision';
import { RecordingState, RecordingStateMachine } from './recording-state';
import type { LegName } from '../media/media-relay';

export interface CallRecordingContext {
  ua: SipUserAgent;
  clock: Clock;
  host: string;
  portBlock: PortBlock;
  mediaServer: HostPort;
  startOn: 'dialogstart' | 'invite';
  tenantDbid: number;
  msTimeoutMs: number;
}

/** How this recording deviates (deviations.ts); zeros and false for the faithful SUT. */
export interface CallRecordingDeviations {
  stopDelayMs: number;
  pauseDelayMs: number;
  dropsQueuedPause: boolean;
  onBeforeAnswer: boolean;
  omitsConnId: boolean;
  silentOnMsBye: boolean;
  /** Added to sut.msTimeoutMs before the SUT gives up on a silent Media Server. */
  giveUpLateMs: number;
}

/** What the rest of the SUT hears from a recording: attached data, and that it is no longer live. */
export interface CallRecordingListener {
  attachedData(recording: CallRecording, userData: RecordUserData): void;
  ended(recording: CallRecording): void;
  /** The Media Server failed it (MS-04): the call is not touched, unless a deviation says so. */
  failed?(recording: CallRecording, error: Error): void;
}

/** What CTI requests have made of the recording so far: the state DYN-12 judges requests against. */
export type AcceptedState = 'recording' | 'paused' | 'ended';

/**
 * The live recording of a call (PROFILE-RULES.md rule 14): a guarded state machine over one Media
 * Server session. It forks both legs' RTP unchanged (party side to label 1), runs accepted commands
 * in order behind the set-up (rule 18), and on any Media Server failure ends itself without
 * touching the call (MS-04): GSIP_RECORD goes OFF and the session is closed.
 */
export class CallRecording {
  readonly machine: RecordingStateMachine;
  private client?: RecordingSessionClient;
  private forkSockets?: [Socket, Socket];
  private untap?: () => void;
  private queue: Promise<void>;
  private acceptedState: AcceptedState = 'recording';
  private announced?: GsipRecord;
  failure?: Error;

  constructor(
    readonly call: Call,
    readonly decision: RecordingDecision,
    /** `<connId>-<n>`: the Request-URI token, unique per SUT process. */
    readonly session: string,
    private readonly context: CallRecordingContext,
    private readonly deviations: CallRecordingDeviations,
    private readonly listener: CallRecordingListener,
  ) {
    this.machine = new RecordingStateMachine(() => context.clock.now());
    this.machine.apply('start');
    this.queue = this.open();
  }

  get state(): RecordingState {
    return this.machine.state;
  }

  /** The state requests are judged against: a pause accepted during set-up counts as paused. */
  get accepted(): AcceptedState {
    return this.machine.isLive ? this.acceptedState : 'ended';
  }

  /** Settles once every command queued so far has reached the Media Server (or failed). */
  settled(): Promise<void> {
    return this.queue;
  }

  pause(): void {
    this.acceptedState = 'paused';
    if (this.deviations.dropsQueuedPause && this.machine.state === RecordingState.Starting) return;
    void this.enqueue('pause', async () => {
      if (this.deviations.pauseDelayMs > 0) await this.delay(this.deviations.pauseDelayMs);
      this.machine.apply('pause');
      this.announce('PAUSED');
      await this.client!.pause();
    });
  }

  resume(): void {
    this.acceptedState = 'recording';
    void this.enqueue('resume', async () => {
      this.machine.apply('resume');
      this.announce('ON');
      await this.client!.resume();
    });
  }

  /** Sends a command whatever the state (a deviation: the Media Server refuses what the state refuses). */
  forcePause(): void {
    void this.enqueue('pause', async () => {
      this.announce('PAUSED');
      await this.client!.pause();
    });
  }

  stop(): Promise<void> {
    this.acceptedState = 'ended';
    return this.enqueue('stop', async () => {
      if (this.deviations.stopDelayMs > 0) await this.delay(this.deviations.stopDelayMs);
      this.machine.apply('stop');
      this.announce('OFF');
      try {
        // keep forking until the stop is out: a packet that reached the relay just before the
        // release is still the MS's to record (it drops what arrives after the stop)
        await this.client!.stop();
        this.machine.apply('stopped');
      } finally {
        this.untap?.();
        this.closeForkSockets();
        this.listener.ended(this);
      }
    });
  }

  /** Runs `operation` after everything queued, unless the recording has ended meanwhile. */
  private enqueue(what: string, operation: () => Promise<void>): Promise<void> {
    this.queue = this.queue
      .then(() => (this.machine.state === RecordingState.Recording || this.machine.state === RecordingState.Paused ? operation() : undefined))
      .catch((error: unknown) => this.fail(error, what));
    return this.queue;
  }

  private async open(): Promise<void> {
    if (this.deviations.onBeforeAnswer) this.announce('ON', this.decision.partitions);
    try {
      this.forkSockets = await bindUdpSocketPair(this.context.portBlock, this.context.host);
      const local = this.forkSockets.map((s) => ({ host: this.context.host, port: s.address().port })) as [HostPort, HostPort];
      this.client = await RecordingSessionClient.open({
        ua: this.context.ua,
        clock: this.context.clock,
        mediaServer: this.context.mediaServer,
        uri: { session: this.session, dn: this.decision.dn, tenantDbid: this.context.tenantDbid },
        parameters: {
          connId: this.call.connId, side: this.decision.side, partitions: [...this.decision.partitions], agentId: this.decision.agentId,
          recordId: this.decision.recordId, dest: this.decision.dest,
        },
        localMedia: local,
        startOn: this.context.startOn,
        timeoutMs: this.context.msTimeoutMs + this.deviations.giveUpLateMs,
        ...(this.deviations.omitsConnId ? { omitHeaders: [HEADER.connId] } : {}),
        // fork as soon as the MS has answered with its ports (rule 5), before the dialogstart
        onMediaReady: (remote) => this.startFork(remote),
      });
      this.client.dialog.onTerminated(() => {
        if (this.machine.state === RecordingState.Recording || this.machine.state === RecordingState.Paused) this.fail(new Error('the Media Server ended the session (BYE)'), 'session');
      });
      this.machine.apply('started'); // also when the call was released meanwhile: the queued stop ends it
      this.announce('ON', this.decision.partitions);
    } catch (error) {
      this.fail(error, 'start');
    }
  }

  /**
   * The fork's sockets are connected to the MS's ports: a send on a connected socket skips the
   * address lookup and the kernel's route lookup (about a quarter of a send's cost measured here;
   * at 100 calls the SUT spends most of its time in UDP sends), and the MS sends nothing back.
   */
  private startFork(remote: [HostPort, HostPort]): void {
    const sockets = this.forkSockets!;
    let connected = 0;
    const tapWhenConnected = (): void => {
      if (++connected < 2 || this.forkSockets !== sockets) return;
      const [partySocket, otherSocket] = sockets;
      this.untap = this.call.relay.onPacket((from, packet) => (from === this.decision.partyLeg ? partySocket : otherSocket).send(packet));
    };
    // The MS's closed media port is not the fork's failure: the MS's own BYE or its silence ends the
    // recording (rule 11). Any other socket error fails it.
    for (const socket of sockets) onConnectedSocketError(socket, (error) => this.fail(error, 'media fork'));
    sockets.forEach((socket, label) => socket.connect(remote[label].port, remote[label].host, tapWhenConnected));
  }

  /** Sends a packet into this recording as if it came from `from` of its own call (the sut-forks-into-other-session mutant). */
  inject(from: LegName, packet: Buffer): void {
    const remote = this.client?.remoteMedia;
    const sockets = this.forkSockets;
    if (!remote || !sockets || this.machine.state !== RecordingState.Recording) return;
    const label = from === this.decision.partyLeg ? 0 : 1;
    if (this.untap) sockets[label].send(packet); // connected once the fork runs (startFork)
  }

  /** Rule 11: OFF when the start or a later command fails; queued commands are dropped (rule 18). */
  private fail(error: unknown, during: string): void {
    if (!this.machine.allows('fail')) return;
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.machine.apply('fail', `${during}: ${this.failure.message}`);
    this.untap?.();
    this.closeForkSockets();
    if (!(during === 'session' && this.deviations.silentOnMsBye)) this.announce('OFF');
    if (this.client && !this.client.dialog.isTerminated) this.client.bye().catch(() => undefined);
    this.listener.ended(this);
    this.listener.failed?.(this, this.failure);
  }

  private announce(value: GsipRecord, partitions: readonly string[] = []): void {
    if (this.announced === value) return;
    this.announced = value;
    this.listener.attachedData(this, recordUserData(value, partitions));
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => this.context.clock.setTimer(ms, resolve));
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
