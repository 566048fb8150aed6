import { SipStateError } from '../errors';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { Transaction, TransactionContext } from './transaction';
import { ServerTransactionUser } from './transaction-user';

export enum NonInviteServerState {
  Trying = 'Trying',
  Proceeding = 'Proceeding',
  Completed = 'Completed',
  Terminated = 'Terminated',
}

const ALLOWED: Record<NonInviteServerState, NonInviteServerState[]> = {
  Trying: [NonInviteServerState.Proceeding, NonInviteServerState.Completed, NonInviteServerState.Terminated],
  Proceeding: [NonInviteServerState.Completed, NonInviteServerState.Terminated],
  Completed: [NonInviteServerState.Terminated],
  Terminated: [],
};

/** Non-INVITE server transaction, RFC 3261 17.2.2. */
export class NonInviteServerTransaction extends Transaction<NonInviteServerState, ServerTransactionUser> {
  readonly kind = 'nist' as const;
  private lastResponse?: Buffer;
  response?: SipResponse;

  constructor(id: string, request: SipRequest, context: TransactionContext, user: ServerTransactionUser = {}) {
    super(id, request, context, user, { name: 'non-INVITE server transaction', initial: NonInviteServerState.Trying, allowed: ALLOWED });
  }

  setUser(user: ServerTransactionUser): void {
    Object.assign(this.user, user);
  }

  respond(response: SipResponse): void {
    if (this.state !== NonInviteServerState.Trying && this.state !== NonInviteServerState.Proceeding) {
      throw new SipStateError(
        `${this.request.method} server transaction ${this.id}: cannot send ${response.status} in state ${this.state}`,
        this.state,
      );
    }
    this.response = response;
    this.lastResponse = this.serialize(response);
    this.transmit(this.lastResponse);
    if (response.status < 200) {
      if (this.state === NonInviteServerState.Trying) this.stateTransition(NonInviteServerState.Proceeding);
    } else {
      this.stateTransition(NonInviteServerState.Completed);
    }
  }

  /**
   * A retransmission: absorbed in Trying; "the most recently sent provisional response MUST be passed
   * to the transport layer" in Proceeding; the final response again in Completed.
   */
  receiveRequest(_request: SipRequest): void {
    if (this.state === NonInviteServerState.Trying || this.state === NonInviteServerState.Terminated) return;
    if (this.lastResponse) this.transmit(this.lastResponse);
  }

  protected entered(state: NonInviteServerState): void {
    if (state !== NonInviteServerState.Completed) return;
    // "Timer J ... 64*T1 seconds for unreliable transports, and zero seconds for reliable transports".
    const delay = this.context.reliable ? 0 : 64 * this.context.timers.t1;
    this.startTimer('J', delay, () => this.stateTransition(NonInviteServerState.Terminated));
  }
}
