import { TimerHandle } from '../../time/clock';
import { SipStateError, SipTimeoutError, SipTransportError } from '../errors';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { Transaction, TransactionContext } from './transaction';
import { ClientTransactionUser } from './transaction-user';

export enum NonInviteClientState {
  Trying = 'Trying',
  Proceeding = 'Proceeding',
  Completed = 'Completed',
  Terminated = 'Terminated',
}

const ALLOWED: Record<NonInviteClientState, NonInviteClientState[]> = {
  Trying: [NonInviteClientState.Proceeding, NonInviteClientState.Completed, NonInviteClientState.Terminated],
  Proceeding: [NonInviteClientState.Completed, NonInviteClientState.Terminated],
  Completed: [NonInviteClientState.Terminated],
  Terminated: [],
};

/** Non-INVITE client transaction, RFC 3261 17.1.2. */
export class NonInviteClientTransaction extends Transaction {
  readonly kind = 'nict' as const;
  private current = NonInviteClientState.Trying;
  private timerE?: TimerHandle;
  private timerF?: TimerHandle;
  private timerK?: TimerHandle;
  private timerEInterval: number;
  private readonly requestBytes: Buffer;

  constructor(
    id: string,
    request: SipRequest,
    context: TransactionContext,
    private readonly user: ClientTransactionUser,
  ) {
    super(id, request, context);
    this.timerEInterval = context.timers.t1;
    this.requestBytes = this.serialize(request);
  }

  get state(): NonInviteClientState {
    return this.current;
  }

  /** 17.1.2.2: the request goes out; Timer F always, Timer E on unreliable transports. */
  start(): void {
    this.transmit(this.requestBytes);
    if (!this.context.reliable) this.timerE = this.context.clock.setTimer(this.timerEInterval, () => this.onTimerE());
    this.timerF = this.context.clock.setTimer(64 * this.context.timers.t1, () => this.onTimerF());
  }

  /**
   * "If timer E fires while still in this state [Trying], the timer is reset, but this time with a value
   * of MIN(2*T1, T2)"; in Proceeding "the timer is reset with a value of T2".
   */
  private onTimerE(): void {
    if (this.current !== NonInviteClientState.Trying && this.current !== NonInviteClientState.Proceeding) return;
    this.transmit(this.requestBytes);
    const { t2 } = this.context.timers;
    this.timerEInterval = this.current === NonInviteClientState.Trying ? Math.min(2 * this.timerEInterval, t2) : t2;
    this.timerE = this.context.clock.setTimer(this.timerEInterval, () => this.onTimerE());
  }

  /** "If Timer F fires while the client transaction is still in the Trying [or Proceeding] state ... timeout". */
  private onTimerF(): void {
    if (this.current !== NonInviteClientState.Trying && this.current !== NonInviteClientState.Proceeding) return;
    this.user.onTimeout?.(
      new SipTimeoutError(`${this.request.method} transaction ${this.id} timed out (Timer F)`, this.id, 'F'),
    );
    this.stateTransition(NonInviteClientState.Terminated);
  }

  receiveResponse(response: SipResponse): void {
    switch (this.current) {
      case NonInviteClientState.Trying:
      case NonInviteClientState.Proceeding:
        if (response.status < 200) {
          if (this.current === NonInviteClientState.Trying) this.stateTransition(NonInviteClientState.Proceeding);
        } else {
          this.stateTransition(NonInviteClientState.Completed);
        }
        this.user.onResponse?.(response);
        return;
      default:
        return; // Completed absorbs retransmitted finals
    }
  }

  protected transportFailed(error: SipTransportError): void {
    if (this.current === NonInviteClientState.Terminated || this.current === NonInviteClientState.Completed) return;
    this.user.onTransportError?.(error);
    this.stateTransition(NonInviteClientState.Terminated);
  }

  private stateTransition(next: NonInviteClientState): void {
    if (!ALLOWED[this.current].includes(next)) {
      throw new SipStateError(`non-INVITE client transaction ${this.id}: ${this.current} -> ${next} not allowed`, this.current);
    }
    this.current = next;
    switch (next) {
      case NonInviteClientState.Completed:
        this.timerE?.cancel();
        this.timerF?.cancel();
        // "Timer K ... T4 for unreliable transports, and zero seconds for reliable transports".
        this.timerK = this.context.clock.setTimer(this.context.reliable ? 0 : this.context.timers.t4, () =>
          this.stateTransition(NonInviteClientState.Terminated),
        );
        break;
      case NonInviteClientState.Terminated:
        this.clearTimers();
        this.terminated();
        this.user.onTerminated?.();
        break;
      default:
        break;
    }
  }

  private clearTimers(): void {
    this.timerE?.cancel();
    this.timerF?.cancel();
    this.timerK?.cancel();
  }

  dispose(): void {
    this.clearTimers();
    this.current = NonInviteClientState.Terminated;
    this.terminated();
  }
}
