import net from 'node:net';
import { SipTransportError } from '../errors';
import { StreamFramer } from './stream-framer';
import { DEFAULT_LIMITS, HostPort, Transport, TransportAddress, TransportLimits } from './transport';

export interface TcpTransportOptions {
  host: string;
  port: number;
  limits?: Partial<TransportLimits>;
}

interface Connection {
  socket: net.Socket;
  ready: Promise<void>;
}

/**
 * SIP over TCP (RFC 3261 18): listens on host:port, frames each connection by Content-Length, and
 * sends on an existing connection to the destination (the one a request came in on, so responses
 * go back the same way) or opens one.
 */
export class TcpTransport implements Transport {
  readonly protocol = 'tcp' as const;
  readonly reliable = true;
  private readonly connections = new Map<string, Connection>();
  private dataHandler: (data: Buffer, source: TransportAddress) => void = () => undefined;
  private errorHandler: (error: SipTransportError) => void = () => undefined;
  private closed = false;

  private constructor(
    private readonly server: net.Server,
    readonly local: HostPort,
    private readonly limits: TransportLimits,
  ) {
    server.on('connection', (socket) => this.adopt(socket, Promise.resolve()));
  }

  static bind(options: TcpTransportOptions): Promise<TcpTransport> {
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    const server = net.createServer();
    return new Promise((resolve, reject) => {
      server.once('error', (error) =>
        reject(new SipTransportError(`cannot listen on TCP ${options.host}:${options.port}: ${error.message}`, options, { cause: error })),
      );
      server.listen(options.port, options.host, () => {
        const address = server.address() as net.AddressInfo;
        resolve(new TcpTransport(server, { host: address.address, port: address.port }, limits));
      });
    });
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  onData(handler: (data: Buffer, source: TransportAddress) => void): void {
    this.dataHandler = handler;
  }

  onError(handler: (error: SipTransportError) => void): void {
    this.errorHandler = handler;
  }

  private adopt(socket: net.Socket, ready: Promise<void>, key?: string): Connection {
    const remoteKey = (): string => key ?? `${socket.remoteAddress}:${socket.remotePort}`;
    const connection = { socket, ready };
    if (!key) this.connections.set(remoteKey(), connection);
    const source = (): TransportAddress => ({ protocol: 'tcp', host: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 });
    const framer = new StreamFramer(
      this.limits,
      (message) => this.dataHandler(message, source()),
      (error) => {
        this.errorHandler(new SipTransportError(`${error.message} from ${remoteKey()}; connection closed`, source()));
        socket.destroy();
      },
    );
    socket.on('data', (chunk) => framer.push(chunk));
    let established = key === undefined;
    ready.then(() => (established = true), () => undefined); // a failed connect is reported by send()
    socket.on('error', (error) => {
      if (established) this.errorHandler(new SipTransportError(`TCP ${remoteKey()}: ${error.message}`, source(), { cause: error }));
    });
    socket.on('close', () => {
      if (this.connections.get(remoteKey()) === connection) this.connections.delete(remoteKey());
    });
    return connection;
  }

  private connect(destination: HostPort): Connection {
    const key = `${destination.host}:${destination.port}`;
    const socket = net.connect({ host: destination.host, port: destination.port, localAddress: this.local.host });
    const ready = new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', (error) =>
        reject(new SipTransportError(`TCP connect to ${key} failed: ${error.message}`, { ...destination, protocol: 'tcp' }, { cause: error })),
      );
    });
    const connection = this.adopt(socket, ready, key);
    this.connections.set(key, connection);
    return connection;
  }

  async send(data: Buffer, destination: HostPort): Promise<void> {
    const address = { ...destination, protocol: 'tcp' };
    if (this.closed) throw new SipTransportError('TCP transport is closed', address);
    if (data.length > this.limits.maxMessageBytes) {
      throw new SipTransportError(`message of ${data.length} bytes over the ${this.limits.maxMessageBytes}-byte limit`, address);
    }
    const key = `${destination.host}:${destination.port}`;
    const connection = this.connections.get(key) ?? this.connect(destination);
    await connection.ready;
    await new Promise<void>((resolve, reject) => {
      connection.socket.write(data, (error) =>
        error ? reject(new SipTransportError(`TCP write to ${key} failed: ${error.message}`, address, { cause: error })) : resolve(),
      );
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const { socket } of this.connections.values()) socket.destroy();
    this.connections.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
