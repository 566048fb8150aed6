import { SipStateError, SipTimeoutError } from '../errors';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { Transaction, TransactionContext } from './transaction';
import { ServerTransactionUser } from './transaction-user';

export enum InviteServerState {
  Proceeding = 'Proceeding',
  /** RFC 6026 7.1: a 2xx was sent; the TU retransmits it, INVITE retransmissions are absorbed. */
  Accepted = 'Accepted',
  Completed = 'Completed',
  Confirmed = 'Confirmed',
  Terminated = 'Terminated',
}

const ALLOWED: Record<InviteServerState, InviteServerState[]> = {
  Proceeding: [InviteServerState.Accepted, InviteServerState.Completed, InviteServerState.Terminated],
  Accepted: [InviteServerState.Terminated],
  Completed: [InviteServerState.Confirmed, InviteServerState.Terminated],
  Confirmed: [InviteServerState.Terminated],
  Terminated: [],
};

/** INVITE server transaction, RFC 3261 17.2.1 as updated by RFC 6026. */
export class InviteServerTransaction extends Transaction<InviteServerState, ServerTransactionUser> {
  readonly kind = 'ist' as const;
  private timerGInterval: number;
  private lastResponse?: Buffer;
  /** The last response sent (provisional or final). */
  response?: SipResponse;

  constructor(id: string, request: SipRequest, context: TransactionContext, user: ServerTransactionUser = {}) {
    super(id, request, context, user, { name: 'INVITE server transaction', initial: InviteServerState.Proceeding, allowed: ALLOWED });
    this.timerGInterval = context.timers.t1;
  }

  setUser(user: ServerTransactionUser): void {
    Object.assign(this.user, user);
  }

  /** A response from the TU (17.2.1). 2xx may be sent again in Accepted (the TU's retransmissions). */
  respond(response: SipResponse): void {
    const status = response.status;
    if (this.state === InviteServerState.Accepted && status >= 200 && status < 300) {
      this.transmit(this.serialize(response));
      return;
    }
    if (this.state !== InviteServerState.Proceeding) {
      throw new SipStateError(`INVITE server transaction ${this.id}: cannot send ${status} in state ${this.state}`, this.state);
    }
    this.response = response;
    this.lastResponse = this.serialize(response);
    this.transmit(this.lastResponse);
    if (status >= 200 && status < 300) this.stateTransition(InviteServerState.Accepted);
    else if (status >= 300) this.stateTransition(InviteServerState.Completed);
  }

  /** A request matching this transaction: an INVITE retransmission or the ACK of a non-2xx. */
  receiveRequest(request: SipRequest): void {
    if (request.method === 'ACK') {
      if (this.state === InviteServerState.Completed) this.stateTransition(InviteServerState.Confirmed);
      else if (this.state === InviteServerState.Accepted) this.user.onAck?.(request);
      return;
    }
    // "If a request retransmission is received while in the Proceeding state, the most recent
    // provisional response ... MUST be passed to the transport layer"; likewise the final in Completed.
    if ((this.state === InviteServerState.Proceeding || this.state === InviteServerState.Completed) && this.lastResponse) {
      this.transmit(this.lastResponse);
    }
  }

  /** "If timer G fires, the response is passed to the transport layer once more ... MIN(2*T1, T2)". */
  private onTimerG(): void {
    if (this.state !== InviteServerState.Completed || !this.lastResponse) return;
    this.transmit(this.lastResponse);
    this.timerGInterval = Math.min(2 * this.timerGInterval, this.context.timers.t2);
    this.startTimer('G', this.timerGInterval, () => this.onTimerG());
  }

  /** "If timer H fires while in the Completed state, ... the server transaction ... SHOULD inform the TU". */
  private onTimerH(): void {
    if (this.state !== InviteServerState.Completed) return;
    this.user.onTimeout?.(new SipTimeoutError(`no ACK for the final response of ${this.id} (Timer H)`, this.id, 'H'));
    this.stateTransition(InviteServerState.Terminated);
  }

  protected entered(state: InviteServerState): void {
    const { reliable, timers } = this.context;
    switch (state) {
      case InviteServerState.Accepted:
        this.startTimer('L', 64 * timers.t1, () => this.stateTransition(InviteServerState.Terminated));
        break;
      case InviteServerState.Completed:
        if (!reliable) this.startTimer('G', this.timerGInterval, () => this.onTimerG());
        this.startTimer('H', 64 * timers.t1, () => this.onTimerH());
        break;
      case InviteServerState.Confirmed:
        this.cancelTimers('G', 'H');
        // "Timer I ... T4 for unreliable transports, and zero seconds for reliable transports".
        this.startTimer('I', reliable ? 0 : timers.t4, () => this.stateTransition(InviteServerState.Terminated));
        break;
      default:
        break;
    }
  }
}
