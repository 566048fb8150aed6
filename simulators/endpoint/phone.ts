import { G711Law } from '../media';
import { formatHostPort, HostPort } from '../net/host-port';
import { PortBlock } from '../net/port-block';
import { bindUdpSocket } from '../net/udp-socket';
import { IncomingRequest, SipUserAgent, TraceEvent } from '../sip';
import { Clock, systemClock } from '../time/clock';
import { CallMedia } from './call-media';
import { PhoneCall } from './phone-call';

/** How long closing a phone waits for the SUT's answer to the BYE of a call still up. */
const CLOSING_BYE_WAIT_MS = 2000;

export interface PhoneOptions {
  /** For messages: "agent 7001", "caller". */
  name: string;
  host: string;
  /** Where its ports come from: the SIP port (unless sipPort is given) and every call's RTP ports. */
  portBlock: PortBlock;
  /** A fixed SIP port (a trunk peer an external SUT was provisioned with); media still comes from portBlock. */
  sipPort?: number;
  /** Where this phone sends requests: the SUT's SIP address (registrar and proxy). */
  sut: HostPort;
  clock?: Clock;
  law?: G711Law;
  onTrace?: (event: TraceEvent) => void;
}

/**
 * A SIP phone (or the far end of a trunk): registers a DN, places and receives calls, talks in
 * watermarked audio whose stream id the caller of call()/answer chooses, and hangs up.
 */
export class Phone {
  private readonly waiting: IncomingRequest[] = [];
  private readonly waiters: ((request: IncomingRequest) => void)[] = [];
  readonly calls: PhoneCall[] = [];

  private constructor(
    private readonly ua: SipUserAgent,
    private readonly options: Required<Omit<PhoneOptions, 'onTrace' | 'sipPort'>>,
  ) {
    ua.onRequest((request) => this.onRequest(request));
  }

  static async start(options: PhoneOptions): Promise<Phone> {
    const clock = options.clock ?? systemClock;
    const start = (port: number) => SipUserAgent.start({ host: options.host, port, clock, userAgent: `gir-phone (${options.name})`, onTrace: options.onTrace });
    const ua = options.sipPort !== undefined ? await start(options.sipPort) : await options.portBlock.bind(start);
    return new Phone(ua, { name: options.name, host: options.host, portBlock: options.portBlock, sut: options.sut, clock, law: options.law ?? 'mulaw' });
  }

  /** Points the phone at another SUT address (a trunk peer starts before the SUT it serves). */
  setSut(address: HostPort): void {
    this.options.sut = address;
  }

  get name(): string {
    return this.options.name;
  }

  get address(): HostPort {
    return this.ua.address;
  }

  /** REGISTERs `dn` with the SUT, Contact = this phone; throws unless the SUT answers 2xx. */
  async register(dn: string, expiresSeconds = 3600): Promise<void> {
    const sut = formatHostPort(this.options.sut);
    const response = await this.ua.request({
      method: 'REGISTER',
      uri: `sip:${sut}`,
      from: `<sip:${dn}@${sut}>`,
      to: `<sip:${dn}@${sut}>`,
      headers: { Expires: String(expiresSeconds) },
      destination: this.options.sut,
    });
    if (response.status < 200 || response.status >= 300) {
      throw new Error(`${this.name}: REGISTER of DN ${dn} at ${sut} got ${response.status} ${response.reason}`);
    }
  }

  /**
   * Calls `user` at the SUT; resolves once the call is established (rejects with CallFailedError).
   * `law`: the codec this call offers first and talks in (default: the phone's).
   */
  async call(user: string, streamId: number, fromUser = 'caller', law = this.options.law): Promise<PhoneCall> {
    const call = new PhoneCall(this.name, 'outgoing', await this.openMedia(), this.options.clock, law, streamId);
    this.calls.push(call);
    const sut = formatHostPort(this.options.sut);
    const invite = this.ua.invite({
      uri: `sip:${user}@${sut}`,
      from: `<sip:${fromUser}@${formatHostPort(this.address)}>`,
      to: `<sip:${user}@${sut}>`,
      body: call.offer(),
      contentType: 'application/sdp',
      destination: this.options.sut,
    });
    await call.awaitAnswer(invite);
    return call;
  }

  /** The next incoming call, ringing (180 sent), or an error after `timeoutMs`. */
  async nextIncomingCall(streamId: number, timeoutMs: number, law = this.options.law): Promise<PhoneCall> {
    const request = this.waiting.shift() ?? (await this.waitForInvite(timeoutMs));
    const call = new PhoneCall(this.name, 'incoming', await this.openMedia(), this.options.clock, law, streamId, request);
    this.calls.push(call);
    request.onCancel(() => call.media.close());
    return call;
  }

  async close(): Promise<void> {
    // An SUT that outlives the scenario (external, process) must not keep its calls, nor record
    // them on into the next scenario: every call still up ends with a BYE, its answer awaited a while.
    const up = this.calls.filter((call) => call.state === 'established');
    await Promise.allSettled(up.map((call) => new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CLOSING_BYE_WAIT_MS);
      call.hangup().catch(() => undefined).finally(() => {
        clearTimeout(timer);
        resolve();
      });
    })));
    for (const call of this.calls) call.media.close();
    for (const request of this.waiting) if (!request.final) request.respond(480);
    await this.ua.close();
  }

  private onRequest(request: IncomingRequest): void {
    if (request.method !== 'INVITE') {
      request.respond(request.method === 'OPTIONS' ? 200 : 405);
      return;
    }
    request.respond(180);
    const waiter = this.waiters.shift();
    if (waiter) waiter(request);
    else this.waiting.push(request);
  }

  private waitForInvite(timeoutMs: number): Promise<IncomingRequest> {
    return new Promise((resolve, reject) => {
      const timer = this.options.clock.setTimer(timeoutMs, () => {
        this.waiters.splice(this.waiters.indexOf(deliver), 1);
        reject(new Error(`${this.name}: no call arrived within ${timeoutMs} ms`));
      });
      const deliver = (request: IncomingRequest): void => {
        timer.cancel();
        resolve(request);
      };
      this.waiters.push(deliver);
    });
  }

  private async openMedia(): Promise<CallMedia> {
    const socket = await this.options.portBlock.bindPair((port) => bindUdpSocket(this.options.host, port));
    return new CallMedia(socket, this.options.clock);
  }
}
