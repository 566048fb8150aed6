import { createServer, Server, Socket } from 'node:net';
import { LineFramer } from '../../../simulators/cti/line-framer';
import { HostPort } from '../../../simulators/net/host-port';
import { listenServer } from '../../../simulators/net/listen-server';
import { PortBlock } from '../../../simulators/net/port-block';
import { SutDeviations } from '../deviations';
import { CtiClientSession } from './client-session';
import { CtiDispatcher } from './dispatcher';
import { EventPublisher } from './event-publisher';
import { CtiServices } from './handlers/handler';

/**
 * The CTI bridge of the reference SUT: JSON lines over TCP (DESIGN.md, "CTI bridge protocol").
 * Whatever a client sends, its connection and the server stay up (ROB-02): every input gets one
 * response and nothing a client sends can throw out of here.
 */
export class CtiServer {
  readonly publisher: EventPublisher;
  private readonly clients = new Set<CtiClientSession>();
  private readonly sockets = new Set<Socket>();
  private readonly dispatcher: CtiDispatcher;
  private clientCounter = 0;

  private constructor(private readonly server: Server, services: CtiServices, private readonly deviations: SutDeviations['cti']) {
    this.dispatcher = new CtiDispatcher(services, deviations);
    this.publisher = new EventPublisher(() => this.clients);
    server.on('connection', (socket) => this.accept(socket));
  }

  /** Listens on `host:port`, or on a port of the block when `port` is 0 or absent. */
  static async start(options: { host: string; port?: number; portBlock: PortBlock; services: CtiServices; deviations: SutDeviations['cti'] }): Promise<CtiServer> {
    const server = await listenServer(() => createServer(), options);
    return new CtiServer(server, options.services, options.deviations);
  }

  get address(): HostPort {
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('the CTI server is not listening');
    return { host: address.address, port: address.port };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    this.sockets.add(socket);
    const client = new CtiClientSession(++this.clientCounter, (event) => {
      if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(event)}\n`);
    });
    this.clients.add(client);
    const framer = new LineFramer();
    socket.on('data', (data) => {
      for (const line of framer.push(data)) {
        for (const response of this.dispatcher.dispatch(line, client)) {
          client.send(response);
          if (this.deviations.closesOnBadJson && response.errorCode === 'BadJson') socket.end();
        }
      }
    });
    socket.on('error', () => socket.destroy()); // a client that vanished; the others are untouched
    socket.on('close', () => {
      this.clients.delete(client);
      this.sockets.delete(socket);
    });
  }
}
