import { connect, Socket } from 'node:net';
import { HostPort } from '../net/host-port';
import { Clock } from '../time/clock';
import { CtiEvent, ctiEventSchema, RESPONSE_NAMES } from './cti-events';
import { LineFramer } from './line-framer';

/** An event as the client got it: parsed, with the time its bytes came off the socket. */
export interface ReceivedEvent {
  event: CtiEvent;
  /** Clock.now() when the chunk that completed the line was read from the socket. */
  receivedAtMs: number;
}

/** A line from the SUT that is not a valid event of the protocol: kept, for a step to fail on. */
export interface InvalidLine {
  text: string;
  receivedAtMs: number;
  problem: string;
}

/** A request on its way: when it left, and its one response. */
export interface SentRequest {
  referenceId: number;
  message: string;
  sentAtMs: number;
  /** Resolves with the first response carrying this referenceId; rejects after the timeout. */
  response: Promise<ReceivedEvent>;
}

export class CtiResponseTimeout extends Error {
  constructor(readonly request: string, readonly referenceId: number | null, timeoutMs: number) {
    super(`no response to ${request} (referenceId ${referenceId}) within ${timeoutMs} ms`);
    this.name = 'CtiResponseTimeout';
  }
}

/**
 * A T-Library-like client over the CTI bridge protocol: it sends requests with fresh referenceIds
 * and keeps every event it receives, responses and unsolicited alike, with its socket receive time.
 * It knows nothing of the SUT behind the address.
 */
export class CtiClient {
  readonly events: ReceivedEvent[] = [];
  readonly invalid: InvalidLine[] = [];
  private readonly waiters = new Set<{ match: (e: ReceivedEvent) => boolean; resolve: (e: ReceivedEvent) => void }>();
  private readonly listeners = new Set<(e: ReceivedEvent) => void>();
  private nextReferenceId = 1;
  private closed = false;

  private constructor(private readonly socket: Socket, private readonly clock: Clock, readonly name: string) {
    const framer = new LineFramer();
    socket.on('data', (data) => {
      const receivedAtMs = clock.now();
      for (const line of framer.push(data)) {
        if (line.kind === 'tooLong') this.invalid.push({ text: '', receivedAtMs, problem: `a line of more than ${line.bytes} bytes` });
        else this.receive(line.text, receivedAtMs);
      }
    });
    socket.on('close', () => {
      this.closed = true;
    });
    socket.on('error', () => undefined); // shows as `isClosed`; the steps judge it
  }

  static connect(options: { address: HostPort; clock: Clock; name: string }): Promise<CtiClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: options.address.host, port: options.address.port });
      socket.setNoDelay(true);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new CtiClient(socket, options.clock, options.name));
      });
    });
  }

  /** True once the SUT (or we) closed the connection. */
  get isClosed(): boolean {
    return this.closed || this.socket.destroyed;
  }

  /** Sends `{message, referenceId, ...fields}` and waits up to `timeoutMs` for its response. */
  send(message: string, fields: Record<string, unknown>, timeoutMs: number): SentRequest {
    const referenceId = this.nextReferenceId++;
    const sentAtMs = this.sendLine(JSON.stringify({ message, referenceId, ...fields }));
    const response = this.waitFor((e) => RESPONSE_NAMES.has(e.event.message) && 'referenceId' in e.event && e.event.referenceId === referenceId, timeoutMs, () => new CtiResponseTimeout(message, referenceId, timeoutMs));
    return { referenceId, message, sentAtMs, response };
  }

  /** Sends any text as one line (malformed input, ROB-02); returns when it left. */
  sendLine(text: string): number {
    if (this.isClosed) throw new Error(`CTI client ${this.name}: the connection is closed`);
    const sentAtMs = this.clock.now();
    this.socket.write(`${text}\n`);
    return sentAtMs;
  }

  /** The first event from index `from` on (already received or still to come) that matches. */
  waitFor(match: (e: ReceivedEvent) => boolean, timeoutMs: number, timeoutError: () => Error, from = 0): Promise<ReceivedEvent> {
    const existing = this.events.slice(from).find(match);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (e: ReceivedEvent) => {
          timer.cancel();
          this.waiters.delete(waiter);
          resolve(e);
        },
      };
      const timer = this.clock.setTimer(timeoutMs, () => {
        this.waiters.delete(waiter);
        reject(timeoutError());
      });
      this.waiters.add(waiter);
    });
  }

  /** Calls `listener` with every valid event from now on, as it arrives. */
  onEvent(listener: (e: ReceivedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every response carrying this referenceId (DYN-13 wants exactly one). */
  responsesTo(referenceId: number | null): ReceivedEvent[] {
    return this.events.filter((e) => RESPONSE_NAMES.has(e.event.message) && 'referenceId' in e.event && e.event.referenceId === referenceId);
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(text: string, receivedAtMs: number): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      this.invalid.push({ text, receivedAtMs, problem: `not JSON: ${(error as Error).message}` });
      return;
    }
    const parsed = ctiEventSchema.safeParse(json);
    if (!parsed.success) {
      this.invalid.push({ text, receivedAtMs, problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    const received: ReceivedEvent = { event: parsed.data, receivedAtMs };
    this.events.push(received);
    for (const waiter of [...this.waiters]) if (waiter.match(received)) waiter.resolve(received);
    for (const listener of [...this.listeners]) listener(received);
  }
}
