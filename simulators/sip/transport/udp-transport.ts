import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { SipTransportError } from '../errors';
import { DEFAULT_LIMITS, HostPort, Transport, TransportAddress, TransportLimits } from './transport';

/** Largest UDP payload over IPv4 (65535 - 8 UDP - 20 IP). */
const MAX_DATAGRAM = 65507;

export interface UdpTransportOptions {
  host: string;
  port: number;
  limits?: Partial<TransportLimits>;
}

/** SIP over UDP: one message per datagram (RFC 3261 18.1.1 / 18.2.1). */
export class UdpTransport implements Transport {
  readonly protocol = 'udp' as const;
  readonly reliable = false;
  private dataHandler: (data: Buffer, source: TransportAddress) => void = () => undefined;
  private errorHandler: (error: SipTransportError) => void = () => undefined;
  private closed = false;
  /** Datagrams dropped for being over the size limit. */
  oversizeDropped = 0;

  private constructor(
    private readonly socket: dgram.Socket,
    readonly local: HostPort,
    private readonly limits: TransportLimits,
  ) {
    socket.on('message', (data, rinfo) => {
      if (data.length > limits.maxMessageBytes) {
        this.oversizeDropped++;
        this.errorHandler(
          new SipTransportError(`datagram of ${data.length} bytes over the ${limits.maxMessageBytes}-byte limit dropped`, {
            host: rinfo.address,
            port: rinfo.port,
            protocol: 'udp',
          }),
        );
        return;
      }
      this.dataHandler(data, { protocol: 'udp', host: rinfo.address, port: rinfo.port });
    });
    socket.on('error', (error) => this.errorHandler(new SipTransportError(`UDP socket error: ${error.message}`, local, { cause: error })));
  }

  /** Binds host:port (port 0: the OS picks one; `local` tells which). */
  static bind(options: UdpTransportOptions): Promise<UdpTransport> {
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    const socket = dgram.createSocket(isIPv6(options.host) ? 'udp6' : 'udp4');
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        socket.close();
        reject(new SipTransportError(`cannot bind UDP ${options.host}:${options.port}: ${error.message}`, options, { cause: error }));
      };
      socket.once('error', onError);
      socket.bind(options.port, options.host, () => {
        socket.off('error', onError);
        const address = socket.address();
        resolve(new UdpTransport(socket, { host: address.address, port: address.port }, limits));
      });
    });
  }

  onData(handler: (data: Buffer, source: TransportAddress) => void): void {
    this.dataHandler = handler;
  }

  onError(handler: (error: SipTransportError) => void): void {
    this.errorHandler = handler;
  }

  send(data: Buffer, destination: HostPort): Promise<void> {
    const address = { ...destination, protocol: 'udp' };
    if (this.closed) return Promise.reject(new SipTransportError('UDP transport is closed', address));
    const limit = Math.min(MAX_DATAGRAM, this.limits.maxMessageBytes);
    if (data.length > limit) {
      return Promise.reject(new SipTransportError(`message of ${data.length} bytes exceeds the UDP limit of ${limit}`, address));
    }
    return new Promise((resolve, reject) => {
      this.socket.send(data, destination.port, destination.host, (error) => {
        if (error) reject(new SipTransportError(`UDP send to ${destination.host}:${destination.port} failed: ${error.message}`, address, { cause: error }));
        else resolve();
      });
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
