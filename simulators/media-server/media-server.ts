import type { Socket } from 'node:dgram';
import { buildMsml, MSML_CONTENT_TYPE, MsmlMessage, parseMsml, RecordingCommand } from '../gir-msml/msml-body';
import { HEADER } from '../gir-msml/recording-headers';
import { WireProfileError } from '../gir-msml/wire-error';
import { HostPort } from '../net/host-port';
import { PortBlock } from '../net/port-block';
import { answerSdp, Dialog, IncomingRequest, readSdp, SipUserAgent, TraceEvent } from '../sip';
import { Clock, systemClock } from '../time/clock';
import { RecordIds } from './record-ids';
import { RecordingMetadata } from './recording-metadata';
import { isRejection, readRecordingOffer, RecordingOffer } from './recording-offer';
import { MediaServerFaults, noFaults } from './media-server-faults';
import { LOAD_MUTANT_DROP_EVERY, LOAD_MUTANT_LIVE_SESSIONS, MsMutants, SessionDeviations, sessionDeviations } from './mutants';
import { RecordingPathError, recordingPaths, uncheckedRecordingPaths } from './recording-paths';
import { bindUdpSocketPair } from '../net/udp-socket';
import { RecordingSession } from './recording-session';
import { RecordingCommandName, RecordingStateError } from './recording-state';
import { ReceivedInvite, receivedInvite } from './received-invite';

export interface MediaServerOptions {
  host: string;
  /** 0 or absent: a port of the worker's block. */
  port?: number;
  portBlock?: PortBlock;
  /** The recordings root: every file goes under it. */
  root: string;
  clock?: Clock;
  /** gir-msml `wire.startOn`: start on the dialogstart INFO (default) or on the INVITE. */
  startOn?: 'dialogstart' | 'invite';
  duplicateIdStatus?: number;
  badDestStatus?: number;
  /** Files go into a folder per day (UTC) under the root or dest, as many real recorders file them. */
  datedFolders?: boolean;
  /** RTP timestamp vs arrival drift that re-anchors a channel (default 60 ms). */
  maxDriftMs?: number;
  onTrace?: (event: TraceEvent) => void;
  /**
   * Call-IDs of recording INVITEs an earlier Media Server at this address already took (an earlier
   * scenario's): a retransmission of one reaching this instance is answered 481 and kept apart in
   * `stale`, never taken for a recording of this scenario's calls.
   */
  earlierCallIds?: ReadonlySet<string>;
  /** Where GIR_MUTANT is read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** One recording session as the steps see it: the session, the INVITE it came from, its result. */
export interface MediaServerSession {
  recording: RecordingSession;
  offer: RecordingOffer;
  /** Clock.now() when the INVITE arrived. */
  inviteAtMs: number;
  dialog: Dialog;
  /** Settles when the files are written (undefined: stopped before it started). */
  finished: Promise<RecordingMetadata | undefined>;
}

/** An INVITE the MS refused, with why. */
export interface RefusedInvite {
  atMs: number;
  status: number;
  reason: string;
  requestUri: string;
}

/** A recording INVITE of an earlier scenario's call that reached this instance (its SUT still retransmitting). */
export interface StaleInvite {
  atMs: number;
  callId: string;
  connId?: string;
}

/** MSML result codes for a command the session state refuses (RFC 5707 uses 4xx results). */
const MSML_INVALID_STATE = 405;
const MSML_BAD_REQUEST = 400;

const COMMAND_OF: Record<RecordingCommand, RecordingCommandName> = { 'app.pause': 'pause', 'app.resume': 'resume', 'app.stop': 'stop' };

/**
 * The fake Media Server (wire profile gir-msml): takes recording INVITEs with two labelled m-lines,
 * records both parties into a padded stereo WAV with metadata, obeys MSML INFO and re-INVITE
 * pause/resume, stops on app.stop or BYE. Everything it receives is kept for the steps to check.
 */
export class FakeMediaServer {
  readonly sessions: MediaServerSession[] = [];
  readonly refused: RefusedInvite[] = [];
  /** When the refuseInfoStatus knob refused an INFO: the moment a recording failed (MS-04). */
  readonly refusedInfoAtMs: number[] = [];
  /** Every recording INVITE as it arrived, session or not (MS-01). */
  readonly invites: ReceivedInvite[] = [];
  /** INVITEs of calls an earlier instance at this address took (options.earlierCallIds). */
  readonly stale: StaleInvite[] = [];
  readonly errors: Error[] = [];
  /** Fault knobs; a scenario changes them at any time (MS-04). */
  readonly faults: MediaServerFaults = noFaults();
  private readonly ids: RecordIds;
  private readonly mutants: MsMutants;
  private readonly deviations: SessionDeviations;
  private idCounter = 0;
  private readonly listeners: ((session: MediaServerSession) => void)[] = [];

  private constructor(
    private readonly ua: SipUserAgent,
    private readonly options: Required<Omit<MediaServerOptions, 'port' | 'onTrace' | 'env'>>,
    env: NodeJS.ProcessEnv,
  ) {
    this.ids = new RecordIds(() => options.clock.wallNow());
    this.mutants = new MsMutants(env);
    this.deviations = sessionDeviations(this.mutants);
    ua.onRequest((request) => this.onRequest(request));
  }

  static async start(options: MediaServerOptions): Promise<FakeMediaServer> {
    const clock = options.clock ?? systemClock;
    const portBlock = options.portBlock ?? new PortBlock();
    const env = options.env ?? process.env;
    let server: FakeMediaServer | undefined;
    const onTrace = (event: TraceEvent): void => {
      options.onTrace?.(event);
      // mutant ms-dies-on-garbage: the first unparsable message ends the server
      if (event.direction === 'discarded' && server?.mutants.is('ms-dies-on-garbage')) void server.ua.close();
    };
    const start = (port: number) => SipUserAgent.start({ host: options.host, port, clock, transports: ['udp', 'tcp'], userAgent: 'gir-fake-media-server', onTrace });
    const ua = options.port ? await start(options.port) : await portBlock.bind(start);
    server = new FakeMediaServer(ua, {
      host: options.host,
      portBlock,
      root: options.root,
      clock,
      startOn: options.startOn ?? 'dialogstart',
      duplicateIdStatus: options.duplicateIdStatus ?? 409,
      badDestStatus: options.badDestStatus ?? 400,
      maxDriftMs: options.maxDriftMs ?? 60,
      datedFolders: options.datedFolders ?? false,
      earlierCallIds: options.earlierCallIds ?? new Set(),
    }, env);
    return server;
  }

  get address(): HostPort {
    return this.ua.address;
  }

  onSession(listener: (session: MediaServerSession) => void): void {
    this.listeners.push(listener);
  }

  /** Stops every live recording (files written) and closes the SIP side. */
  async close(): Promise<void> {
    await Promise.allSettled(this.sessions.map((s) => s.recording.finish()));
    await this.ua.close();
  }

  private onRequest(request: IncomingRequest): void {
    if (request.method === 'INVITE') {
      this.onInvite(request).catch((error: unknown) => this.fail(request, error));
    } else if (request.method === 'OPTIONS') {
      request.respond(200);
    } else {
      request.respond(405, { reason: `${request.method} outside a recording session`, headers: { Allow: 'INVITE, ACK, BYE, INFO, OPTIONS' } });
    }
  }

  /** Call-IDs of every recording INVITE this instance received (for the next instance's earlierCallIds). */
  get callIds(): string[] {
    return this.invites.map((i) => i.header('Call-ID')).filter((id): id is string => id !== undefined);
  }

  private async onInvite(request: IncomingRequest): Promise<void> {
    const inviteAtMs = this.options.clock.now();
    const callId = request.message.headers.get('Call-ID') ?? undefined;
    if (callId !== undefined && this.options.earlierCallIds.has(callId)) {
      this.stale.push({ atMs: inviteAtMs, callId, ...(request.message.headers.get(HEADER.connId) ? { connId: request.message.headers.get(HEADER.connId)! } : {}) });
      request.respond(481, { reason: 'a recording session of an earlier Media Server instance' });
      return;
    }
    this.invites.push(receivedInvite(request, inviteAtMs, () => this.options.clock.now()));
    const fault = this.faults.inviteAnswer;
    if (fault.kind === 'silent') return;
    if (fault.kind === 'reject') return this.refuse(request, inviteAtMs, fault.status, 'fault knob: inviteAnswer reject');
    if (fault.kind === 'delay') await new Promise<void>((resolve) => this.options.clock.setTimer(fault.ms, resolve));
    const offer = readRecordingOffer(request.message);
    if (isRejection(offer)) return this.refuse(request, inviteAtMs, offer.status, offer.reason);
    const id = offer.parameters.recordId ?? (this.mutants.is('ms-restarts-id-counter') ? `gir-${++this.idCounter}` : this.ids.generate());
    let paths;
    try {
      paths = this.mutants.is('ms-follows-dotdot') ? uncheckedRecordingPaths(this.options.root, id, offer.parameters.dest) : recordingPaths(this.options.root, id, offer.parameters.dest, this.options.datedFolders ? new Date(this.options.clock.wallNow()).toISOString().slice(0, 10) : undefined);
    } catch (error) {
      if (error instanceof RecordingPathError) return this.refuse(request, inviteAtMs, this.options.badDestStatus, error.message);
      throw error;
    }
    if (!this.ids.claim(id) && !this.mutants.is('ms-accepts-duplicate-id')) {
      return this.refuse(request, inviteAtMs, this.options.duplicateIdStatus, `record id "${id}" is already live`);
    }
    let sockets: [Socket, Socket];
    try {
      sockets = await bindUdpSocketPair(this.options.portBlock, this.options.host);
    } catch (error) {
      this.ids.release(id);
      throw error;
    }
    const recording = new RecordingSession({
      id, session: offer.uri.session, dn: offer.uri.dn, parameters: offer.parameters, paths,
      clock: this.options.clock, mediaSockets: sockets, maxDriftMs: this.options.maxDriftMs,
      mediaFaults: this.mutants.is('ms-drops-under-load') ? () => this.faultsUnderLoad() : () => this.faults, fileFaults: () => this.faults, deviations: this.deviations,
    });
    const ports = offer.sdp.media.map((_, line) => (line === offer.lineOfLabel[0] ? sockets[0] : line === offer.lineOfLabel[1] ? sockets[1] : undefined)?.address().port ?? 0);
    const dialog = request.accept({
      body: answerSdp(offer.sdp, { address: this.options.host, ports, direction: 'recvonly' }),
      contentType: 'application/sdp',
      headers: this.mutants.is('ms-omits-record-id') ? {} : { [HEADER.recordId]: id },
    });
    const session: MediaServerSession = { recording, offer, inviteAtMs, dialog, finished: undefined as never };
    session.finished = this.finishedOf(session);
    this.sessions.push(session);
    if (this.options.startOn === 'invite') this.apply(session, 'start');
    dialog.onRequest((inDialog) => this.onInDialogRequest(session, inDialog));
    if (this.faults.byeAfterMs !== undefined) {
      this.options.clock.setTimer(this.faults.byeAfterMs, () => {
        if (session.recording.machine.allows('stop')) this.apply(session, 'stop');
        if (!dialog.isTerminated) dialog.bye().catch(() => undefined);
      });
    }
    dialog.onTerminated(() => void recording.finish().catch(() => undefined));
    for (const listener of this.listeners) listener(session);
  }

  /** Resolves when the files are written; the record id stays live until then. */
  private packetsUnderLoad = 0;

  /** The ms-drops-under-load mutant's faults: every tenth packet lost while more than 10 sessions are live. */
  private faultsUnderLoad(): MediaServerFaults {
    const live = this.sessions.filter((s) => s.recording.machine.allows('stop')).length;
    if (live <= LOAD_MUTANT_LIVE_SESSIONS || ++this.packetsUnderLoad % LOAD_MUTANT_DROP_EVERY !== 0) return this.faults;
    return { ...this.faults, dropRtp: true };
  }

  private finishedOf(session: MediaServerSession): Promise<RecordingMetadata | undefined> {
    const finished = new Promise<RecordingMetadata | undefined>((resolve, reject) => {
      session.recording.onCommand((event) => {
        if (event.type !== 'stopped') return;
        session.recording.finish().then(resolve, reject).finally(() => this.ids.release(session.recording.id));
      });
    });
    finished.catch((error: unknown) => this.errors.push(error instanceof Error ? error : new Error(String(error))));
    return finished;
  }

  private onInDialogRequest(session: MediaServerSession, request: IncomingRequest): void {
    switch (request.method) {
      case 'INFO':
        return this.onInfo(session, request);
      case 'INVITE':
        return this.onReinvite(session, request);
      case 'BYE':
        request.respond(200);
        if (session.recording.machine.allows('stop')) this.apply(session, 'stop');
        return;
      default:
        request.respond(501, { reason: `${request.method} is not used in a recording session` });
    }
  }

  private onInfo(session: MediaServerSession, request: IncomingRequest): void {
    if (this.faults.refuseInfoStatus !== undefined) {
      this.refusedInfoAtMs.push(this.options.clock.now());
      request.respond(this.faults.refuseInfoStatus, { reason: 'fault knob: refuseInfoStatus' });
      return;
    }
    let message: MsmlMessage;
    try {
      const type = request.message.headers.get('Content-Type')?.split(';')[0].trim().toLowerCase();
      if (type !== MSML_CONTENT_TYPE) throw new WireProfileError('INFO Content-Type', `"${type ?? 'none'}", expected ${MSML_CONTENT_TYPE}`);
      message = parseMsml(request.message.body.toString('utf8'));
    } catch (error) {
      if (!(error instanceof WireProfileError)) throw error;
      request.respond(400, { reason: error.message });
      return;
    }
    const result = (response: number): void => void request.respond(200, { body: buildMsml({ kind: 'result', response }), contentType: MSML_CONTENT_TYPE });
    if ((message.kind === 'dialogstart' || message.kind === 'command') && message.session !== session.offer.uri.session) {
      return result(MSML_BAD_REQUEST);
    }
    if (message.kind === 'dialogstart') {
      if (this.options.startOn === 'invite' && session.recording.state !== 'idle') return result(200);
      return result(this.apply(session, 'start') ? 200 : MSML_INVALID_STATE);
    }
    if (message.kind === 'command') return result(this.apply(session, COMMAND_OF[message.command]) ? 200 : MSML_INVALID_STATE);
    result(MSML_BAD_REQUEST);
  }

  /** Re-INVITE a=inactive pauses; a=sendonly or sendrecv resumes (DESIGN.md, "Wire profiles"). */
  private onReinvite(session: MediaServerSession, request: IncomingRequest): void {
    let inactive = false;
    try {
      const media = readSdp(request.message.body).media;
      inactive = media.length > 0 && media.every((m) => m.direction === 'inactive' || m.port === 0);
      const ports = session.recording.options.mediaSockets.map((s) => s.address().port);
      const lineOfLabel = session.offer.lineOfLabel;
      request.respond(200, {
        body: answerSdp(request.message.body.toString('utf8'), {
          address: this.options.host,
          ports: media.map((_, line) => (line === lineOfLabel[0] ? ports[0] : line === lineOfLabel[1] ? ports[1] : 0)),
          direction: inactive ? 'inactive' : 'recvonly',
        }),
        contentType: 'application/sdp',
      });
    } catch (error) {
      request.respond(488, { reason: `unreadable SDP: ${(error as Error).message}` });
      return;
    }
    const machine = session.recording.machine;
    if (inactive && machine.allows('pause')) this.apply(session, 'pause');
    else if (!inactive && machine.allows('resume')) this.apply(session, 'resume');
  }

  /** Applies a command; false when the session's state refuses it (nothing changes then). */
  private apply(session: MediaServerSession, command: RecordingCommandName): boolean {
    try {
      session.recording.command(command);
    } catch (error) {
      if (error instanceof RecordingStateError) return false;
      throw error;
    }
    const event = command === 'start' ? 'app.recordStarted' : command === 'stop' ? 'app.recordStopped' : undefined;
    if (event && !session.dialog.isTerminated) {
      session.dialog
        .request('INFO', { body: buildMsml({ kind: 'event', session: session.offer.uri.session, event }), contentType: MSML_CONTENT_TYPE })
        .catch(() => undefined); // the SUT needs nothing from these (PROFILE-RULES.md rule 19)
    }
    return true;
  }

  private refuse(request: IncomingRequest, atMs: number, status: number, reason: string): void {
    this.refused.push({ atMs, status, reason, requestUri: request.message.uri.toString() });
    request.respond(status, { reason });
  }

  private fail(request: IncomingRequest, error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    this.errors.push(failure);
    if (!request.final) request.respond(500, { reason: failure.message.slice(0, 100) });
  }
}
