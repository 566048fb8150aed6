import { Clock, systemClock } from '../../time/clock';
import { SipTransportError } from '../errors';
import { HostPort, Transport, TransportAddress, TransportProtocol } from './transport';

/**
 * An in-memory network for tests: transports registered by host:port, delivery through the Clock
 * (so a ManualClock decides when a message arrives). Nothing is ever sent on a socket.
 */
export class LoopbackNetwork {
  private readonly endpoints = new Map<string, LoopbackTransport>();
  private nextPort = 40000;

  constructor(readonly clock: Clock = systemClock) {}

  /** A transport at host:port (port 0: the next free one). */
  bind(options: { host?: string; port?: number; protocol?: TransportProtocol } = {}): LoopbackTransport {
    const host = options.host ?? '127.0.0.1';
    let port = options.port ?? 0;
    if (port === 0) while (this.endpoints.has(`${host}:${(port = this.nextPort++)}`));
    const key = `${host}:${port}`;
    if (this.endpoints.has(key)) throw new SipTransportError(`loopback address ${key} in use`, { host, port });
    const transport = new LoopbackTransport(this, { host, port }, options.protocol ?? 'udp');
    this.endpoints.set(key, transport);
    return transport;
  }

  /** @internal */
  deliver(from: LoopbackTransport, data: Buffer, to: HostPort): boolean {
    const target = this.endpoints.get(`${to.host}:${to.port}`);
    if (!target) return false;
    target.receive(Buffer.from(data), { protocol: from.protocol, host: from.local.host, port: from.local.port });
    return true;
  }

  /** @internal */
  unbind(transport: LoopbackTransport): void {
    this.endpoints.delete(`${transport.local.host}:${transport.local.port}`);
  }
}

/**
 * One loopback endpoint, with knobs for the failures a real network has: `drop` (a predicate on
 * outgoing messages), `delayMs` (per-message latency), `failSends` (send rejects). `sent` records
 * every outgoing message, dropped or not, for assertions.
 */
export class LoopbackTransport implements Transport {
  readonly reliable: boolean;
  drop: (data: Buffer, destination: HostPort) => boolean = () => false;
  delayMs = 0;
  failSends = false;
  readonly sent: Array<{ data: Buffer; destination: HostPort; dropped: boolean }> = [];
  private dataHandler: (data: Buffer, source: TransportAddress) => void = () => undefined;
  private errorHandler: (error: SipTransportError) => void = () => undefined;
  private closed = false;

  constructor(
    private readonly network: LoopbackNetwork,
    readonly local: HostPort,
    readonly protocol: TransportProtocol,
  ) {
    this.reliable = protocol === 'tcp';
  }

  onData(handler: (data: Buffer, source: TransportAddress) => void): void {
    this.dataHandler = handler;
  }

  onError(handler: (error: SipTransportError) => void): void {
    this.errorHandler = handler;
  }

  send(data: Buffer, destination: HostPort): Promise<void> {
    const address = { ...destination, protocol: this.protocol };
    if (this.closed) return Promise.reject(new SipTransportError('loopback transport is closed', address));
    if (this.failSends) return Promise.reject(new SipTransportError('loopback send failure (failSends)', address));
    const dropped = this.drop(data, destination);
    this.sent.push({ data, destination, dropped });
    if (!dropped) {
      const copy = Buffer.from(data);
      this.network.clock.setTimer(this.delayMs, () => {
        const delivered = this.network.deliver(this, copy, destination);
        // A reliable transport would see the connection fail; a datagram just vanishes.
        if (!delivered && this.reliable) {
          this.errorHandler(new SipTransportError(`no loopback endpoint at ${destination.host}:${destination.port}`, address));
        }
      });
    }
    return Promise.resolve();
  }

  /** @internal */
  receive(data: Buffer, source: TransportAddress): void {
    if (!this.closed) this.dataHandler(data, source);
  }

  close(): Promise<void> {
    this.closed = true;
    this.network.unbind(this);
    return Promise.resolve();
  }
}
