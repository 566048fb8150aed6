import { DirectoryEntry } from '../../profiles/profile-schema';
import { HostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { IncomingRequest, SipUserAgent, TraceEvent } from '../../simulators/sip';
import { Clock, systemClock } from '../../simulators/time/clock';
import { AgentSessions } from './agents/agent-sessions';
import { B2bua } from './call/b2bua';
import { CallEvents } from './call/call-events';
import { CallRegistry } from './call/call-registry';
import { CtiServer } from './cti/cti-server';
import { sutDeviations } from './deviations';
import { Directory } from './directory';
import { Transfers } from './call/transfer/transfers';
import { leaveCallsAloneOnMsFailure } from './recording/ms-failure';
import { RecordingController } from './recording/recording-controller';
import { Registrar } from './registrar';
import { SelectiveRecordings } from './recording/policies/selective';
import { RoutingPoints } from './routing/routing-points';
import { ScreenMirror } from './screen/screen-mirror';
import { httpScreenSender } from './screen/screen-service-client';
import { handleRegister } from './sip/register-handler';

export interface ReferenceSutOptions {
  host: string;
  /** 0 or absent: a port of the worker's block. */
  sipPort?: number;
  /** 0 or absent: a port of the worker's block. */
  ctiPort?: number;
  portBlock?: PortBlock;
  clock?: Clock;
  directory: readonly DirectoryEntry[];
  mediaServer: HostPort;
  wire: { startOn: 'dialogstart' | 'invite'; tenantDbid: number };
  msTimeoutMs: number;
  /** `tolerance.routeTimeoutMs`: how long a call waits at a routing point for RequestRouteCall (rule 24). */
  routeTimeoutMs: number;
  /** `dynamic.requireParty` and `dynamic.defaultSide` (DYN-05, DYN-07). */
  dynamic: { requireParty: boolean; defaultSide: 'source' | 'destination' };
  /** `screen.url`: the screen-recording service (SCR-*); absent: no screen commands are sent. */
  screenUrl?: string;
  /** `sut.cluster`: start in SIP Cluster mode (FT-05); RequestConfigUpdate changes it later. */
  cluster?: boolean;
  env?: NodeJS.ProcessEnv;
  onTrace?: (event: TraceEvent) => void;
}

/**
 * The reference SUT in the SIP Server role: registrar, B2BUA with media anchoring, the recording
 * controller that opens Media Server sessions, and the CTI bridge, as REQUIREMENTS.md and
 * PROFILE-RULES.md say. This file only wires the parts together; `GIR_MUTANT` turns one deliberate
 * deviation on (deviations.ts).
 */
export class ReferenceSut {
  private constructor(
    private readonly ua: SipUserAgent,
    readonly cti: CtiServer,
    readonly directory: Directory,
    readonly calls: CallRegistry,
    readonly recordings: RecordingController,
    private readonly routingPoints: RoutingPoints,
    private readonly b2bua: B2bua,
    readonly screen?: ScreenMirror,
  ) {}

  static async start(options: ReferenceSutOptions): Promise<ReferenceSut> {
    const clock = options.clock ?? systemClock;
    const portBlock = options.portBlock ?? new PortBlock();
    const deviations = sutDeviations(options.env);
    let ua: SipUserAgent | undefined;
    const onTrace = (event: TraceEvent): void => {
      options.onTrace?.(event);
      // mutant sut-rob-dies-on-garbage: the first unparsable message ends the SIP side
      if (event.direction === 'discarded' && deviations.sip.diesOnGarbage) void ua?.close();
    };
    const startUa = (port: number) => SipUserAgent.start({ host: options.host, port, clock, userAgent: 'gir-reference-sut', onTrace });
    ua = options.sipPort ? await startUa(options.sipPort) : await portBlock.bind(startUa);

    const directory = new Directory(options.directory);
    const registrar = new Registrar(clock);
    const calls = new CallRegistry();
    const events = new CallEvents();
    const agents = new AgentSessions();
    agents.cluster = options.cluster ?? false;
    const recordings = new RecordingController(
      { ua, clock, host: options.host, portBlock, mediaServer: options.mediaServer, startOn: options.wire.startOn, tenantDbid: options.wire.tenantDbid, msTimeoutMs: options.msTimeoutMs },
      directory,
      agents,
      deviations,
    );
    const selective = new SelectiveRecordings(agents, deviations.selective);
    recordings.useSelective(selective);
    // a routing point asks the CTI server, started below, whether a strategy is registered on it
    const routingPoints = new RoutingPoints(clock, options.routeTimeoutMs, (dn) => cti.publisher.hasClientOn(dn), events);
    // the B2BUA is made below; transfers reach it only once calls exist
    let b2bua: B2bua | undefined;
    const transfers = new Transfers({
      ua, host: options.host, clock, directory, registrar, calls, events, routingPoints,
      attach: (call, leg, dialog) => b2bua!.attach(call, leg, dialog),
      hangUp: (call) => b2bua!.hangUp(call),
      deviations: deviations.transfer,
    });
    let cti: CtiServer;
    try {
      cti = await CtiServer.start({
        host: options.host, port: options.ctiPort, portBlock, deviations: deviations.cti,
        services: {
          directory, calls, recordings, agents, routingPoints, selective, transfers, dynamic: options.dynamic, deviations,
          callControl: { hangUp: (call) => b2bua!.hangUp(call) },
        },
      });
    } catch (error) {
      await ua.close();
      throw error;
    }
    // CTI hears a call's events first, so EventEstablished precedes any attached data of it.
    events.subscribe(cti.publisher);
    events.subscribe(recordings);
    events.subscribe(selective);
    events.subscribe(routingPoints);
    recordings.onVoiceChange(selective);
    recordings.onAttachedData(cti.publisher);
    // The screen service gets as long to answer as the Media Server does (sut.msTimeoutMs).
    const screen = options.screenUrl
      ? new ScreenMirror(directory, agents, httpScreenSender(options.screenUrl, options.msTimeoutMs), clock, deviations.screen)
      : undefined;
    if (screen) recordings.onVoiceChange(screen);
    b2bua = new B2bua(ua, directory, registrar, options.host, portBlock, clock, calls, events, routingPoints);
    b2bua.onRefer((call, leg, request) => transfers.onRefer(call, leg, request));
    leaveCallsAloneOnMsFailure(recordings, deviations.ms, (call) => b2bua!.hangUp(call));
    const parts = { b2bua, directory, registrar };
    ua.onRequest((request) => route(request, parts));
    return new ReferenceSut(ua, cti, directory, calls, recordings, routingPoints, b2bua, screen);
  }

  get sipAddress(): HostPort {
    return this.ua.address;
  }

  get ctiAddress(): HostPort {
    return this.cti.address;
  }

  async close(): Promise<void> {
    this.routingPoints.close();
    // Calls still up end with the SUT: an external caller (SIPp) that vanished leaves them up, and
    // their media sockets would keep the process alive.
    this.b2bua.close();
    await this.cti.close();
    await this.ua.close();
  }
}

function route(request: IncomingRequest, parts: { b2bua: B2bua; directory: Directory; registrar: Registrar }): void {
  switch (request.method) {
    case 'REGISTER':
      return handleRegister(request, parts.directory, parts.registrar);
    case 'INVITE':
      return parts.b2bua.handleInvite(request);
    case 'OPTIONS':
      request.respond(200);
      return;
    default:
      request.respond(405, { headers: { Allow: 'INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, INFO' } });
  }
}
