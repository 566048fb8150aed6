import { Clock } from '../../time/clock';
import { SipTransportError } from '../errors';
import { SipMessage } from '../message/sip-message';
import { SipRequest } from '../message/sip-request';
import { serializeMessage } from '../message/serializer';
import { TimerSettings } from './timer-settings';

/** What a transaction needs from below: time, timer values, and a way to reach its peer. */
export interface TransactionContext {
  clock: Clock;
  timers: TimerSettings;
  /** Reliable transports get no retransmissions and zero wait timers. */
  reliable: boolean;
  send(data: Buffer): Promise<void>;
  /** Called once when the transaction reaches Terminated, so the layer forgets it. */
  onTerminated(transaction: Transaction): void;
}

/**
 * What the four transaction kinds share: identity, the request, sending with transport failures
 * routed to `transportFailed`, and the Terminated bookkeeping. States and timers are the
 * subclasses' own (one enum and one guarded stateTransition each).
 */
export abstract class Transaction {
  private terminatedNotified = false;

  constructor(
    /** The matching key (branch, sent-by and method; RFC 3261 17.1.3 / 17.2.3). */
    readonly id: string,
    readonly request: SipRequest,
    protected readonly context: TransactionContext,
  ) {}

  abstract get state(): string;
  abstract readonly kind: 'ict' | 'nict' | 'ist' | 'nist';

  get isTerminated(): boolean {
    return this.state === 'Terminated';
  }

  /** Sends bytes; a failure arrives as `transportFailed` (RFC 3261 17.1.4), never as a rejection. */
  protected transmit(data: Buffer): void {
    this.context.send(data).catch((error: unknown) => {
      const failure =
        error instanceof SipTransportError
          ? error
          : new SipTransportError(`transaction ${this.id}: send failed: ${String(error)}`, undefined, { cause: error });
      this.transportFailed(failure);
    });
  }

  protected serialize(message: SipMessage): Buffer {
    return serializeMessage(message);
  }

  protected abstract transportFailed(error: SipTransportError): void;

  /** Called by subclasses on entering Terminated. */
  protected terminated(): void {
    if (this.terminatedNotified) return;
    this.terminatedNotified = true;
    this.context.onTerminated(this);
  }

  /** Stops every timer and ends the transaction without telling the TU (UA shutdown). */
  abstract dispose(): void;
}
