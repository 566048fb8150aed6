import { DirectoryEntry } from '../../profiles/profile-schema';
import { HostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { IncomingRequest, paramValue, SipUri, SipUserAgent, TraceEvent } from '../../simulators/sip';
import { Clock, systemClock } from '../../simulators/time/clock';
import { B2bua } from './call/b2bua';
import { Directory } from './directory';
import { SutMutants } from './mutants';
import { RecordingController } from './recording/recording-controller';
import { Registrar } from './registrar';

export interface ReferenceSutOptions {
  host: string;
  /** 0 or absent: a port of the worker's block. */
  sipPort?: number;
  portBlock?: PortBlock;
  clock?: Clock;
  directory: readonly DirectoryEntry[];
  mediaServer: HostPort;
  wire: { startOn: 'dialogstart' | 'invite'; tenantDbid: number };
  msTimeoutMs: number;
  env?: NodeJS.ProcessEnv;
  onTrace?: (event: TraceEvent) => void;
}

const DEFAULT_EXPIRES_SECONDS = 3600;

/**
 * The reference SUT in the SIP Server role: registrar, B2BUA with media anchoring, and the
 * recording controller that opens Media Server sessions as REQUIREMENTS.md and PROFILE-RULES.md say.
 * It is the embedded default SUT; `GIR_MUTANT` turns one deliberate deviation on.
 */
export class ReferenceSut {
  readonly directory: Directory;
  readonly registrar: Registrar;
  readonly b2bua: B2bua;
  readonly recordings: RecordingController;

  private constructor(private readonly ua: SipUserAgent, options: ReferenceSutOptions, clock: Clock, portBlock: PortBlock) {
    const mutants = new SutMutants(options.env);
    this.directory = new Directory(options.directory);
    this.registrar = new Registrar(clock);
    this.recordings = new RecordingController(
      { ua, clock, host: options.host, portBlock, mediaServer: options.mediaServer, startOn: options.wire.startOn, tenantDbid: options.wire.tenantDbid, msTimeoutMs: options.msTimeoutMs },
      this.directory,
      mutants,
    );
    this.b2bua = new B2bua(ua, this.directory, this.registrar, options.host, portBlock, clock, {
      onEstablished: (call) => this.recordings.onEstablished(call),
      onReleased: (call) => this.recordings.onReleased(call),
    });
    ua.onRequest((request) => this.onRequest(request));
  }

  static async start(options: ReferenceSutOptions): Promise<ReferenceSut> {
    const clock = options.clock ?? systemClock;
    const portBlock = options.portBlock ?? new PortBlock();
    const start = (port: number) => SipUserAgent.start({ host: options.host, port, clock, userAgent: 'gir-reference-sut', onTrace: options.onTrace });
    const ua = options.sipPort ? await start(options.sipPort) : await portBlock.bind(start);
    return new ReferenceSut(ua, options, clock, portBlock);
  }

  get sipAddress(): HostPort {
    return this.ua.address;
  }

  async close(): Promise<void> {
    await this.ua.close();
  }

  private onRequest(request: IncomingRequest): void {
    switch (request.method) {
      case 'REGISTER':
        return this.onRegister(request);
      case 'INVITE':
        return this.b2bua.handleInvite(request);
      case 'OPTIONS':
        request.respond(200);
        return;
      default:
        request.respond(405, { headers: { Allow: 'INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, INFO' } });
    }
  }

  /** REGISTER: To user = DN; only Extension, ACD Position and treatment port DNs (rule 23). */
  private onRegister(request: IncomingRequest): void {
    const to = request.message.to.uri;
    const dn = to instanceof SipUri ? to.user : undefined;
    if (!dn || !this.directory.isRegistrable(dn)) {
      request.respond(404, { reason: `DN ${dn ?? '(none)'} is not a registrable DN of the directory` });
      return;
    }
    const contact = request.message.contact[0];
    const contactUri = contact?.uri;
    if (!(contactUri instanceof SipUri) || !contactUri.port) {
      request.respond(400, { reason: 'REGISTER needs a Contact sip: URI with host and port' });
      return;
    }
    const expires = Number(paramValue(contact.params, 'expires') ?? request.message.headers.get('Expires') ?? DEFAULT_EXPIRES_SECONDS);
    this.registrar.bind(dn, { host: contactUri.host, port: contactUri.port }, Number.isFinite(expires) ? expires : DEFAULT_EXPIRES_SECONDS);
    request.respond(200, { headers: { Contact: `<${contactUri.toString()}>;expires=${expires}`, Expires: String(expires) } });
  }
}
