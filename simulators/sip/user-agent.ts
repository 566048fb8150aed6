import { Clock, systemClock } from '../time/clock';
import { SipError, SipMessageError } from './errors';
import { IncomingRequest } from './core/incoming-request';
import { OutgoingInvite } from './core/outgoing-invite';
import { Dialog, DialogPhase } from './dialog/dialog';
import { parseReplaces } from './message/replaces';
import { UserAgentCore } from './core/user-agent-core';
import { newCallId, newTag } from './message/identifiers';
import { ExtraHeaders, createRequest } from './message/message-factory';
import { NameAddr } from './message/name-addr';
import { SipRequest } from './message/sip-request';
import { SipResponse } from './message/sip-response';
import { SipUri } from './message/sip-uri';
import { Uri, parseUri } from './message/uri';
import { TimerSettings, timerSettings } from './transaction/timer-settings';
import { HostPort, Transport, TransportAddress, TransportLimits, TransportProtocol } from './transport/transport';
import { TraceEvent, TransportLayer } from './transport/transport-layer';
import { bindTransports } from './transport/bind-transports';

export interface SipUserAgentOptions {
  host?: string;
  /** 0 (default): the OS picks; `address` tells which. */
  port?: number;
  transports?: TransportProtocol[];
  /** Transports already bound (a LoopbackTransport in tests) instead of sockets. */
  transport?: Transport | Transport[];
  clock?: Clock;
  timers?: Partial<TimerSettings>;
  /** Every request goes here, whatever its URI says ("host:port" or an address). */
  outboundProxy?: TransportAddress | string;
  responseRouting?: 'rfc3261' | 'symmetric';
  limits?: Partial<TransportLimits>;
  /** Value of the User-Agent header on requests this UA creates. */
  userAgent?: string;
  autoTrying?: boolean;
  onTrace?: (event: TraceEvent) => void;
  /** Errors no caller is waiting for (a failed retransmission, a socket error). */
  onError?: (error: SipError) => void;
}

/** Where to send: an address ("host:port", with optional protocol) or a URI to route to. */
export type Destination = TransportAddress | HostPort | string;

export interface OutOfDialogOptions {
  uri: Uri | string;
  from: NameAddr | Uri | string;
  /** Defaults to the Request-URI. */
  to?: NameAddr | Uri | string;
  headers?: ExtraHeaders;
  body?: Buffer | string;
  contentType?: string;
  destination?: Destination;
  contact?: NameAddr | string;
  callId?: string;
  cseq?: number;
}

export interface RequestOptions extends OutOfDialogOptions {
  method: string;
  onProvisional?: (response: SipResponse) => void;
}

function toAddress(destination: Destination, protocols: TransportProtocol[]): TransportAddress {
  if (typeof destination !== 'string') {
    return { protocol: (destination as TransportAddress).protocol ?? protocols[0], host: destination.host, port: destination.port };
  }
  const m = /^(?:(udp|tcp):)?(\[[^\]]+\]|[^:]+):(\d+)$/i.exec(destination);
  if (!m) throw new SipMessageError(`destination "${destination}" is not [udp:|tcp:]host:port`);
  const host = m[2].startsWith('[') ? m[2].slice(1, -1) : m[2];
  return { protocol: (m[1]?.toLowerCase() as TransportProtocol) ?? protocols[0], host, port: Number(m[3]) };
}

/**
 * The application's entry to the stack: binds transports, owns the layers, creates requests
 * outside dialogs and hands received requests to the application (README: application API).
 */
export class SipUserAgent {
  readonly core: UserAgentCore;

  private constructor(
    readonly transportLayer: TransportLayer,
    private readonly options: SipUserAgentOptions,
  ) {
    const protocols = transportLayer.protocols;
    this.core = new UserAgentCore(transportLayer, {
      clock: options.clock ?? systemClock,
      timers: timerSettings(options.timers),
      outboundProxy: options.outboundProxy === undefined ? undefined : toAddress(options.outboundProxy, protocols),
      autoTrying: options.autoTrying,
      onError: options.onError,
    });
  }

  static async start(options: SipUserAgentOptions = {}): Promise<SipUserAgent> {
    let transports: Transport[];
    if (options.transport) {
      transports = Array.isArray(options.transport) ? options.transport : [options.transport];
    } else {
      const wanted = options.transports ?? ['udp'];
      transports = await bindTransports(options.host ?? '127.0.0.1', options.port ?? 0, wanted, options.limits);
    }
    const layer = new TransportLayer(transports, {
      responseRouting: options.responseRouting,
      onTrace: options.onTrace,
      onError: options.onError,
    });
    return new SipUserAgent(layer, options);
  }

  /** The address bound by the first transport (UDP when there is one). */
  get address(): HostPort {
    return this.addressOf(this.transportLayer.protocols.includes('udp') ? 'udp' : this.transportLayer.protocols[0]);
  }

  addressOf(protocol: TransportProtocol): HostPort {
    const { host, port } = this.transportLayer.transport(protocol).local;
    return { host, port };
  }

  /** Requests outside any dialog, the initial INVITE among them. */
  onRequest(handler: (request: IncomingRequest) => void): void {
    this.core.onRequestHandler(handler);
  }

  /** Starts an INVITE; `final` settles with the final response and, on 2xx, the dialog. */
  invite(options: OutOfDialogOptions): OutgoingInvite {
    const { request, nextHop } = this.build('INVITE', options);
    const call = new OutgoingInvite(request, nextHop, this.core);
    call.start();
    return call;
  }

  /** A non-INVITE request outside a dialog; resolves with its final response. */
  request(options: RequestOptions): Promise<SipResponse> {
    if (options.method === 'INVITE' || options.method === 'ACK' || options.method === 'CANCEL') {
      throw new SipMessageError(`use invite() / cancel() for ${options.method}`);
    }
    const { request, nextHop } = this.build(options.method, options);
    return new Promise<SipResponse>((resolve, reject) => {
      this.core.sendRequest(request, nextHop, {
        onResponse: (response) => {
          if (response.status < 200) options.onProvisional?.(response);
          else resolve(response);
        },
        onTimeout: reject,
        onTransportError: reject,
      });
    });
  }

  private build(method: string, o: OutOfDialogOptions): { request: SipRequest; nextHop: Uri | TransportAddress } {
    const uri = typeof o.uri === 'string' ? parseUri(o.uri) : o.uri;
    const protocols = this.transportLayer.protocols;
    const destination = o.destination === undefined ? undefined : toAddress(o.destination, protocols);
    let from = NameAddr.from(o.from);
    if (from.tag === undefined) from = from.withTag(newTag());
    const to = o.to === undefined ? new NameAddr({ uri }) : NameAddr.from(o.to);
    const protocol = destination?.protocol ?? this.core.resolveProtocol(uri);
    const fromUser = from.uri instanceof SipUri ? from.uri.user : undefined;
    const wantsContact = method === 'INVITE' || method === 'REGISTER' || method === 'SUBSCRIBE' || method === 'REFER';
    const contact = o.contact !== undefined ? NameAddr.from(o.contact) : wantsContact ? this.core.contactFor(fromUser, protocol) : undefined;
    const request = createRequest({
      method,
      uri,
      from,
      to,
      callId: o.callId ?? newCallId(),
      cseq: o.cseq ?? 1,
      contact,
      headers: o.headers,
      body: o.body,
      contentType: o.contentType,
    });
    if (this.options.userAgent && !request.headers.has('User-Agent')) request.headers.add('User-Agent', this.options.userAgent);
    // RFC 3261 8.1.2: a preloaded loose route is the next hop; otherwise the Request-URI.
    const firstRoute = request.route[0];
    const nextHop = destination ?? (firstRoute && firstRoute.uri instanceof SipUri && firstRoute.uri.hasParam('lr') ? firstRoute.uri : uri);
    return { request, nextHop };
  }

  /** The dialog an INVITE with Replaces (RFC 3891) takes over, if this UA has it. */
  replacedDialog(request: IncomingRequest | SipRequest): Dialog | undefined {
    const message = request instanceof IncomingRequest ? request.message : request;
    const value = message.headers.get('Replaces');
    if (value === undefined) return undefined;
    const info = parseReplaces(value);
    const dialog = this.core.findDialog(info.callId, info.toTag, info.fromTag);
    if (!dialog || dialog.isTerminated) return undefined;
    return info.earlyOnly && dialog.phase !== DialogPhase.Early ? undefined : dialog;
  }

  async close(): Promise<void> {
    this.core.dispose();
    await this.transportLayer.close();
  }
}
