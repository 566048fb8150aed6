import { TimerHandle } from '../../time/clock';
import { SipStateError, SipTransportError } from '../errors';
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
export class NonInviteServerTransaction extends Transaction {
  readonly kind = 'nist' as const;
  private current = NonInviteServerState.Trying;
  private timerJ?: TimerHandle;
  private lastResponse?: Buffer;
  response?: SipResponse;

  constructor(
    id: string,
    request: SipRequest,
    context: TransactionContext,
    private readonly user: ServerTransactionUser = {},
  ) {
    super(id, request, context);
  }

  get state(): NonInviteServerState {
    return this.current;
  }

  setUser(user: ServerTransactionUser): void {
    Object.assign(this.user, user);
  }

  respond(response: SipResponse): void {
    if (this.current !== NonInviteServerState.Trying && this.current !== NonInviteServerState.Proceeding) {
      throw new SipStateError(
        `${this.request.method} server transaction ${this.id}: cannot send ${response.status} in state ${this.current}`,
        this.current,
      );
    }
    this.response = response;
    this.lastResponse = this.serialize(response);
    this.transmit(this.lastResponse);
    if (response.status < 200) {
      if (this.current === NonInviteServerState.Trying) this.stateTransition(NonInviteServerState.Proceeding);
    } else {
      this.stateTransition(NonInviteServerState.Completed);
    }
  }

  /**
   * A retransmission: absorbed in Trying; "the most recently sent provisional response MUST be passed
   * to the transport layer" in Proceeding; the final response again in Completed.
   */
  receiveRequest(_request: SipRequest): void {
    if (this.current === NonInviteServerState.Trying || this.current === NonInviteServerState.Terminated) return;
    if (this.lastResponse) this.transmit(this.lastResponse);
  }

  protected transportFailed(error: SipTransportError): void {
    if (this.current === NonInviteServerState.Terminated) return;
    this.user.onTransportError?.(error);
    this.stateTransition(NonInviteServerState.Terminated);
  }

  private stateTransition(next: NonInviteServerState): void {
    if (!ALLOWED[this.current].includes(next)) {
      throw new SipStateError(`non-INVITE server transaction ${this.id}: ${this.current} -> ${next} not allowed`, this.current);
    }
    this.current = next;
    if (next === NonInviteServerState.Completed) {
      // "Timer J ... 64*T1 seconds for unreliable transports, and zero seconds for reliable transports".
      const delay = this.context.reliable ? 0 : 64 * this.context.timers.t1;
      this.timerJ = this.context.clock.setTimer(delay, () => this.stateTransition(NonInviteServerState.Terminated));
    } else if (next === NonInviteServerState.Terminated) {
      this.timerJ?.cancel();
      this.terminated();
      this.user.onTerminated?.();
    }
  }

  dispose(): void {
    this.timerJ?.cancel();
    this.current = NonInviteServerState.Terminated;
    this.terminated();
  }
}
