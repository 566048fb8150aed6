import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { HostPort } from '../net/host-port';
import { listenServer } from '../net/listen-server';
import { PortBlock } from '../net/port-block';
import { Clock } from '../time/clock';
import { agentOfPath, ScreenCommand, screenCommandSchema } from './screen-command';

/** A command as the service got it: whose screen, what, and when its request line arrived. */
export interface ReceivedScreenCommand extends ScreenCommand {
  agentId: string;
  /** Clock.now() when the request reached the server (before its body was read). */
  receivedAtMs: number;
}

/** A request that is not a valid screen command: kept apart, for a step to fail on. */
export interface InvalidScreenRequest {
  method: string;
  path: string;
  body: string;
  problem: string;
  receivedAtMs: number;
}

/** How the service misbehaves, set by a Given step: a status instead of 204, or no answer at all. */
export type ScreenServiceFault = { kind: 'status'; status: number } | { kind: 'no-answer' };

/** Bodies are a few dozen bytes; anything far larger is not a screen command. */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * The fake screen-recording service: HTTP on 127.0.0.1, `POST /agents/<agentId>/screen-recording`
 * answered 204, each command logged with its receive time. Fakes record everything they receive:
 * commands it failed on purpose are logged too (the SUT did send them).
 */
export class FakeScreenService {
  readonly commands: ReceivedScreenCommand[] = [];
  readonly invalid: InvalidScreenRequest[] = [];
  fault?: ScreenServiceFault;
  private readonly held = new Set<ServerResponse>();
  private readonly listeners = new Set<(command: ReceivedScreenCommand) => void>();

  private constructor(private readonly server: Server, private readonly clock: Clock) {
    server.on('request', (request, response) => this.serve(request, response));
  }

  /** Listens on `host:port`, or on a port of the block when `port` is 0 or absent. */
  static async start(options: { host: string; port?: number; portBlock: PortBlock; clock: Clock }): Promise<FakeScreenService> {
    const server = await listenServer(() => createServer(), options);
    return new FakeScreenService(server, options.clock);
  }

  get address(): HostPort {
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('the screen-recording service is not listening');
    return { host: address.address, port: address.port };
  }

  /** `http://host:port`: the profile's `screen.url` for an SUT configured with this service. */
  get url(): string {
    return `http://${this.address.host}:${this.address.port}`;
  }

  /** Calls `listener` with each valid command as it arrives. */
  onCommand(listener: (command: ReceivedScreenCommand) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  commandsFor(agentId: string): ReceivedScreenCommand[] {
    return this.commands.filter((c) => c.agentId === agentId);
  }

  async close(): Promise<void> {
    for (const response of this.held) response.destroy();
    this.held.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    const receivedAtMs = this.clock.now();
    const path = (request.url ?? '').split('?')[0];
    const chunks: Buffer[] = [];
    let bytes = 0;
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const invalid = (status: number, problem: string) => {
        this.invalid.push({ method: request.method ?? '', path, body, problem, receivedAtMs });
        response.writeHead(status).end(problem);
      };
      const agentId = agentOfPath(path);
      if (request.method !== 'POST' || agentId === undefined) return invalid(404, `${request.method} ${path} is not POST /agents/<agentId>/screen-recording`);
      if (bytes > MAX_BODY_BYTES) return invalid(413, `a body of ${bytes} bytes`);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch (error) {
        return invalid(400, `not JSON: ${(error as Error).message}`);
      }
      const parsed = screenCommandSchema.safeParse(json);
      if (!parsed.success) return invalid(400, parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
      const command: ReceivedScreenCommand = { agentId, ...parsed.data, receivedAtMs };
      this.commands.push(command);
      for (const listener of [...this.listeners]) listener(command);
      this.answer(response);
    });
  }

  private answer(response: ServerResponse): void {
    const fault = this.fault;
    if (fault?.kind === 'no-answer') {
      this.held.add(response);
      response.on('close', () => this.held.delete(response));
      return;
    }
    response.writeHead(fault?.kind === 'status' ? fault.status : 204).end();
  }
}
