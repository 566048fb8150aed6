import { SipError, SipHandlerError, SipParseError, SipTransportError } from '../errors';
import { newTag } from '../message/identifiers';
import { PartialMessage, parseMessage } from '../message/parser';
import { SipHeaders } from '../message/sip-headers';
import { SipMessage } from '../message/sip-message';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { serializeMessage } from '../message/serializer';
import { Via } from '../message/via';
import { Channel } from '../transaction/transaction-layer';
import { HostPort, Transport, TransportAddress, TransportProtocol } from './transport';

/** Every message in or out, and every input that was dropped, for ladders and logs. */
export interface TraceEvent {
  direction: 'in' | 'out' | 'discarded';
  protocol: TransportProtocol;
  local: HostPort;
  remote: HostPort;
  data: Buffer;
  message?: SipMessage;
  error?: SipParseError | SipTransportError;
}

export interface TransportLayerUser {
  receivedRequest(request: SipRequest, source: TransportAddress, channel: Channel): void;
  receivedResponse(response: SipResponse, source: TransportAddress): void;
}

export interface TransportLayerOptions {
  /**
   * Where responses to UDP requests go: 'rfc3261' follows RFC 3261 18.2.2 with rport (RFC 3581):
   * the source address, and the source port only when the Via asks for rport, else the Via port;
   * 'symmetric' always answers the source address and port.
   */
  responseRouting?: 'rfc3261' | 'symmetric';
  onTrace?: (event: TraceEvent) => void;
  /**
   * Errors nobody is waiting for: socket errors, oversize input, and anything thrown by code
   * above while a received message was being handled (wrapped in SipHandlerError).
   */
  onError?: (error: SipError) => void;
}

/**
 * RFC 3261 section 18 above the sockets: parses what arrives, stamps received/rport on requests,
 * discards responses not meant for us, chooses where responses go, and answers requests it cannot
 * parse with 400 (505 for another SIP version) when it can tell where to send them (RFC 4475).
 */
export class TransportLayer {
  private readonly transports = new Map<TransportProtocol, Transport>();
  private user?: TransportLayerUser;
  /** Inputs dropped without an answer (garbage, unusable responses). */
  discarded = 0;

  constructor(
    transports: Transport[],
    private readonly options: TransportLayerOptions = {},
  ) {
    for (const t of transports) {
      this.transports.set(t.protocol, t);
      t.onData((data, source) => this.receiveGuarded(t, data, source));
      t.onError((error) => this.options.onError?.(error));
    }
  }

  setUser(user: TransportLayerUser): void {
    this.user = user;
  }

  get protocols(): TransportProtocol[] {
    return [...this.transports.keys()];
  }

  transport(protocol: TransportProtocol): Transport {
    const t = this.transports.get(protocol);
    if (!t) throw new SipTransportError(`no ${protocol.toUpperCase()} transport`, undefined);
    return t;
  }

  /** The sent-by (and transport name) our requests carry in their Via for `protocol`. */
  viaFor(protocol: TransportProtocol, branch: string): Via {
    const { local } = this.transport(protocol);
    const host = local.host.includes(':') ? `[${local.host}]` : local.host;
    return new Via({ transport: protocol.toUpperCase(), host, port: local.port, params: [{ name: 'branch', value: branch }, { name: 'rport' }] });
  }

  channel(destination: TransportAddress): Channel {
    const transport = this.transport(destination.protocol);
    return {
      reliable: transport.reliable,
      send: (data) => {
        this.options.onTrace?.({ direction: 'out', protocol: transport.protocol, local: transport.local, remote: destination, data });
        return transport.send(data, destination);
      },
    };
  }

  /** Sends one message outside any transaction (ACK for 2xx, 2xx retransmissions). */
  sendMessage(message: SipMessage, destination: TransportAddress): Promise<void> {
    return this.channel(destination).send(serializeMessage(message));
  }

  async close(): Promise<void> {
    await Promise.all([...this.transports.values()].map((t) => t.close()));
  }

  /** The boundary with the sockets: nothing thrown above may escape into a socket callback. */
  private receiveGuarded(transport: Transport, data: Buffer, source: TransportAddress): void {
    try {
      this.receive(transport, data, source);
    } catch (error) {
      const cause = error instanceof Error ? error.message : String(error);
      const wrapped = error instanceof SipError ? error : new SipHandlerError(`while handling a message from ${source.host}:${source.port}: ${cause}`, { cause: error });
      if (this.options.onError) this.options.onError(wrapped);
      else process.emitWarning(wrapped.message, { code: wrapped.code });
    }
  }

  private receive(transport: Transport, data: Buffer, source: TransportAddress): void {
    const trace = this.options.onTrace;
    let message: SipRequest | SipResponse;
    try {
      message = parseMessage(data, { datagram: !transport.reliable });
    } catch (error) {
      if (!(error instanceof SipParseError)) throw error;
      trace?.({ direction: 'discarded', protocol: transport.protocol, local: transport.local, remote: source, data, error });
      this.rejectUnparsable(error, source);
      return;
    }
    trace?.({ direction: 'in', protocol: transport.protocol, local: transport.local, remote: source, data, message });
    if (message instanceof SipRequest) {
      if (message.version !== '2.0') {
        this.answerRaw(message.headers, 505, `Version Not Supported`, source);
        return;
      }
      this.stampVia(message, source);
      this.user?.receivedRequest(message, source, this.channel(this.responseDestination(message, source)));
      return;
    }
    if (message.version !== '2.0' || !this.isOurs(message.topVia, transport)) {
      this.discarded++;
      return;
    }
    this.user?.receivedResponse(message, source);
  }

  /** RFC 3261 18.2.1: received when the Via host is not the source; RFC 3581: rport filled in. */
  private stampVia(request: SipRequest, source: TransportAddress): void {
    const top = request.topVia!;
    let via = top;
    if (top.hostname !== source.host) via = via.withParam('received', source.host);
    if (top.rport === true) via = via.withParam('rport', String(source.port));
    if (via === top) return;
    const fields = request.headers.getFields('Via');
    const first = fields[0];
    const comma = splitFirstVia(first);
    const rest = request.headers.getFields('Via').slice(1);
    request.headers.set('Via', [comma.rest ? `${via.toString()}, ${comma.rest}` : via.toString(), ...rest]);
  }

  /** RFC 3261 18.2.2 (and RFC 3581) for unreliable transports; streams answer on the connection. */
  private responseDestination(request: SipRequest, source: TransportAddress): TransportAddress {
    const via = request.topVia!;
    if (source.protocol === 'tcp' || this.options.responseRouting === 'symmetric') return source;
    const port = via.hasParam('rport') ? source.port : via.port ?? 5060;
    return { protocol: source.protocol, host: source.host, port };
  }

  /** 18.1.2: a response whose top Via is not one we would have written is discarded. */
  private isOurs(via: Via | undefined, transport: Transport): boolean {
    return via !== undefined && (via.port ?? 5060) === transport.local.port;
  }

  private rejectUnparsable(error: SipParseError, source: TransportAddress): void {
    const partial = error.partial as PartialMessage | undefined;
    if (!partial || partial.kind !== 'request' || partial.method === 'ACK' || !partial.headers.has('Via')) {
      this.discarded++;
      return;
    }
    const what = error.header ? `${error.header}: ${error.reason}` : error.reason;
    this.answerRaw(partial.headers, 400, `Bad Request (${what})`.replace(/[^\x20-\x7e]/g, '?'), source);
  }

  /** A response built from raw header values, for requests the stack will not process further. */
  private answerRaw(headers: SipHeaders, status: number, reason: string, source: TransportAddress): void {
    const h = new SipHeaders();
    for (const name of ['Via', 'From', 'To', 'Call-ID', 'CSeq']) {
      for (const value of headers.getFields(name)) {
        h.addReceived(name, name === 'To' && !/;\s*tag\s*=/i.test(value) ? `${value};tag=${newTag()}` : value);
      }
    }
    const response = new SipResponse({ status, reason, headers: h });
    let destination = source;
    if (source.protocol !== 'tcp' && this.options.responseRouting !== 'symmetric') {
      try {
        const via = Via.parse(splitFirstVia(headers.getFields('Via')[0]).first);
        destination = { ...source, port: via.hasParam('rport') ? source.port : via.port ?? 5060 };
      } catch {
        destination = source; // the Via itself is unreadable: the source is all we know
      }
    }
    this.sendMessage(response, destination).catch((e: unknown) =>
      this.options.onError?.(e instanceof SipTransportError ? e : new SipTransportError(String(e), destination)),
    );
  }
}

/** Separates the first via-parm of a field holding several. */
function splitFirstVia(field: string): { first: string; rest: string } {
  const i = field.indexOf(',');
  return i < 0 ? { first: field, rest: '' } : { first: field.slice(0, i).trim(), rest: field.slice(i + 1).trim() };
}
