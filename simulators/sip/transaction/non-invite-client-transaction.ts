import { SipTimeoutError } from '../errors';
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
export class NonInviteClientTransaction extends Transaction<NonInviteClientState, ClientTransactionUser> {
  readonly kind = 'nict' as const;
  private timerEInterval: number;
  private readonly requestBytes: Buffer;

  constructor(id: string, request: SipRequest, context: TransactionContext, user: ClientTransactionUser) {
    super(id, request, context, user, { name: 'non-INVITE client transaction', initial: NonInviteClientState.Trying, allowed: ALLOWED });
    this.timerEInterval = context.timers.t1;
    this.requestBytes = this.serialize(request);
  }

  /** 17.1.2.2: the request goes out; Timer F always, Timer E on unreliable transports. */
  start(): void {
    this.transmit(this.requestBytes);
    if (!this.context.reliable) this.startTimer('E', this.timerEInterval, () => this.onTimerE());
    this.startTimer('F', 64 * this.context.timers.t1, () => this.onTimerF());
  }

  protected override get awaitingFinal(): boolean {
    return this.state === NonInviteClientState.Trying || this.state === NonInviteClientState.Proceeding;
  }

  /**
   * "If timer E fires while still in this state [Trying], the timer is reset, but this time with a value
   * of MIN(2*T1, T2)"; in Proceeding "the timer is reset with a value of T2".
   */
  private onTimerE(): void {
    if (!this.awaitingFinal) return;
    this.transmit(this.requestBytes);
    const { t2 } = this.context.timers;
    this.timerEInterval = this.state === NonInviteClientState.Trying ? Math.min(2 * this.timerEInterval, t2) : t2;
    this.startTimer('E', this.timerEInterval, () => this.onTimerE());
  }

  /** "If Timer F fires while the client transaction is still in the Trying [or Proceeding] state ... timeout". */
  private onTimerF(): void {
    if (!this.awaitingFinal) return;
    this.user.onTimeout?.(
      new SipTimeoutError(`${this.request.method} transaction ${this.id} timed out (Timer F)`, this.id, 'F'),
    );
    this.stateTransition(NonInviteClientState.Terminated);
  }

  receiveResponse(response: SipResponse): void {
    if (!this.awaitingFinal) return; // Completed absorbs retransmitted finals
    if (response.status < 200) {
      if (this.state === NonInviteClientState.Trying) this.stateTransition(NonInviteClientState.Proceeding);
    } else {
      this.stateTransition(NonInviteClientState.Completed);
    }
    this.user.onResponse?.(response);
  }

  /** In Completed the final response is in; a late send failure (a retransmission) changes nothing. */
  protected override absorbsTransportFailure(state: NonInviteClientState): boolean {
    return state === NonInviteClientState.Completed;
  }

  protected entered(state: NonInviteClientState): void {
    if (state !== NonInviteClientState.Completed) return;
    this.cancelTimers('E', 'F');
    // "Timer K ... T4 for unreliable transports, and zero seconds for reliable transports".
    this.startTimer('K', this.context.reliable ? 0 : this.context.timers.t4, () => this.stateTransition(NonInviteClientState.Terminated));
  }
}
