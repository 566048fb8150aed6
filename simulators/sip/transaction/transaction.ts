import { Clock, TimerHandle } from '../../time/clock';
import { SipStateError, SipTransportError } from '../errors';
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

/** Every kind's final state has this name. */
const TERMINATED = 'Terminated';

/** The RFC 3261 / RFC 6026 timers, by their letters. */
export type TransactionTimer = 'A' | 'B' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M';

/** What every transaction user hears about; the client and server users add their own callbacks. */
export interface TransactionUserBase {
  onTransportError?(error: SipTransportError): void;
  onTerminated?(): void;
}

/**
 * What the four transaction kinds share: identity, the request, sending with transport failures
 * routed to the TU, the guarded state machine (each kind brings its states, its table of allowed
 * moves and what entering a state starts), its named timers, and the Terminated bookkeeping.
 */
export abstract class Transaction<State extends string = string, User extends TransactionUserBase = TransactionUserBase> {
  private terminatedNotified = false;
  private current: State;
  private readonly timers = new Map<TransactionTimer, TimerHandle>();

  constructor(
    /** The matching key (branch, sent-by and method; RFC 3261 17.1.3 / 17.2.3). */
    readonly id: string,
    readonly request: SipRequest,
    protected readonly context: TransactionContext,
    protected readonly user: User,
    private readonly machine: { name: string; initial: State; allowed: Record<State, readonly State[]> },
  ) {
    this.current = machine.initial;
  }

  abstract readonly kind: 'ict' | 'nict' | 'ist' | 'nist';

  get state(): State {
    return this.current;
  }

  get isTerminated(): boolean {
    return this.current === TERMINATED;
  }

  /** Moves to `next` if the table allows it (else SipStateError), then runs what entering it starts. */
  protected stateTransition(next: State): void {
    if (!this.machine.allowed[this.current].includes(next)) {
      throw new SipStateError(`${this.machine.name} ${this.id}: ${this.current} -> ${next} not allowed`, this.current);
    }
    this.current = next;
    if (next === TERMINATED) {
      this.cancelAllTimers();
      this.terminated();
      this.user.onTerminated?.();
      return;
    }
    this.entered(next);
  }

  /** Timers and sends that entering a state (other than Terminated) starts. */
  protected abstract entered(state: State): void;

  /** Starts timer `name`, replacing a running one of that name. */
  protected startTimer(name: TransactionTimer, ms: number, fire: () => void): void {
    this.timers.get(name)?.cancel();
    this.timers.set(name, this.context.clock.setTimer(ms, fire));
  }

  protected cancelTimers(...names: TransactionTimer[]): void {
    for (const name of names) this.timers.get(name)?.cancel();
  }

  private cancelAllTimers(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
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

  /** Whether a transport failure in this state is ignored (nothing of the transaction is in flight). */
  protected absorbsTransportFailure(_state: State): boolean {
    return false;
  }

  /** RFC 3261 17.1.4 / 17.2.4: the TU hears of the failure and the transaction ends. */
  private transportFailed(error: SipTransportError): void {
    if (this.isTerminated || this.absorbsTransportFailure(this.current)) return;
    this.user.onTransportError?.(error);
    this.stateTransition(TERMINATED as State);
  }

  private terminated(): void {
    if (this.terminatedNotified) return;
    this.terminatedNotified = true;
    this.context.onTerminated(this);
  }

  /** A client transaction still waiting for its final response (its TU holds a pending outcome). */
  protected get awaitingFinal(): boolean {
    return false;
  }

  /**
   * UA shutdown: stops every timer and ends the transaction. A client transaction still waiting
   * for its final response reports a SipTransportError, so no caller waits forever on a closed UA.
   */
  dispose(): void {
    const pending = this.awaitingFinal && !this.isTerminated;
    this.cancelAllTimers();
    this.current = TERMINATED as State;
    this.terminated();
    if (pending) {
      this.user.onTransportError?.(new SipTransportError(`${this.machine.name} ${this.id}: the user agent closed before a final response`));
    }
  }
}

