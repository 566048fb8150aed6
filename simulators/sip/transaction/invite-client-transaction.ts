import { SipTimeoutError } from '../errors';
import { SipHeaders } from '../message/sip-headers';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { Transaction, TransactionContext } from './transaction';
import { ClientTransactionUser } from './transaction-user';

export enum InviteClientState {
  Calling = 'Calling',
  Proceeding = 'Proceeding',
  /** RFC 6026 7.2: 2xx received; later 2xx retransmissions still go to the TU until Timer M. */
  Accepted = 'Accepted',
  Completed = 'Completed',
  Terminated = 'Terminated',
}

const ALLOWED: Record<InviteClientState, InviteClientState[]> = {
  Calling: [InviteClientState.Proceeding, InviteClientState.Accepted, InviteClientState.Completed, InviteClientState.Terminated],
  Proceeding: [InviteClientState.Accepted, InviteClientState.Completed, InviteClientState.Terminated],
  Accepted: [InviteClientState.Terminated],
  Completed: [InviteClientState.Terminated],
  Terminated: [],
};

/** INVITE client transaction, RFC 3261 17.1.1 as updated by RFC 6026. */
export class InviteClientTransaction extends Transaction<InviteClientState, ClientTransactionUser> {
  readonly kind = 'ict' as const;
  private timerAInterval: number;
  private readonly requestBytes: Buffer;
  private ackBytes?: Buffer;

  constructor(id: string, request: SipRequest, context: TransactionContext, user: ClientTransactionUser) {
    super(id, request, context, user, { name: 'INVITE client transaction', initial: InviteClientState.Calling, allowed: ALLOWED });
    this.timerAInterval = context.timers.t1;
    this.requestBytes = this.serialize(request);
  }

  /** 17.1.1.2: "the client transaction MUST pass the request to the transport layer"; A and B start. */
  start(): void {
    this.transmit(this.requestBytes);
    if (!this.context.reliable) this.startTimer('A', this.timerAInterval, () => this.onTimerA());
    this.startTimer('B', 64 * this.context.timers.t1, () => this.onTimerB());
  }

  protected override get awaitingFinal(): boolean {
    return this.state === InviteClientState.Calling || this.state === InviteClientState.Proceeding;
  }

  /** "When timer A fires, the client transaction MUST retransmit the request ... and reset the timer with a value of 2*T1." */
  private onTimerA(): void {
    if (this.state !== InviteClientState.Calling) return;
    this.transmit(this.requestBytes);
    this.timerAInterval *= 2;
    this.startTimer('A', this.timerAInterval, () => this.onTimerA());
  }

  /** "If ... Timer B fires, the client transaction SHOULD inform the TU that a timeout has occurred." */
  private onTimerB(): void {
    if (this.state !== InviteClientState.Calling) return;
    this.user.onTimeout?.(new SipTimeoutError(`INVITE transaction ${this.id} timed out (Timer B)`, this.id, 'B'));
    this.stateTransition(InviteClientState.Terminated);
  }

  receiveResponse(response: SipResponse): void {
    const status = response.status;
    switch (this.state) {
      case InviteClientState.Calling:
      case InviteClientState.Proceeding:
        if (status < 200) {
          if (this.state === InviteClientState.Calling) this.stateTransition(InviteClientState.Proceeding);
          this.user.onResponse?.(response);
        } else if (status < 300) {
          this.stateTransition(InviteClientState.Accepted);
          this.user.onResponse?.(response);
        } else {
          // 17.1.1.2: "the client transaction MUST generate an ACK request, even if the transport is reliable".
          this.ackBytes = this.serialize(this.createAck(response));
          this.stateTransition(InviteClientState.Completed);
          this.transmit(this.ackBytes);
          this.user.onResponse?.(response);
        }
        return;
      case InviteClientState.Accepted:
        // RFC 6026 7.2: 2xx retransmissions go to the TU (which re-sends its ACK).
        if (status >= 200 && status < 300) this.user.onResponse?.(response);
        return;
      case InviteClientState.Completed:
        // "Any retransmissions of the final response ... MUST cause the ACK to be re-passed to the transport layer".
        if (status >= 300 && this.ackBytes) this.transmit(this.ackBytes);
        return;
      case InviteClientState.Terminated:
        return;
    }
  }

  /** 17.1.1.3: the ACK for a non-2xx final response, part of this transaction. */
  private createAck(response: SipResponse): SipRequest {
    const src = this.request.headers;
    const h = new SipHeaders();
    h.add('Via', src.getFields('Via')[0]);
    for (const route of src.getFields('Route')) h.add('Route', route);
    h.add('Max-Forwards', 70);
    h.add('From', src.get('From') ?? '');
    h.add('To', response.headers.get('To') ?? src.get('To') ?? '');
    h.add('Call-ID', src.get('Call-ID') ?? '');
    h.add('CSeq', `${this.request.cseq.seq} ACK`);
    return new SipRequest({ method: 'ACK', uri: this.request.uri, headers: h });
  }

  protected entered(state: InviteClientState): void {
    const { reliable, timers } = this.context;
    switch (state) {
      case InviteClientState.Proceeding:
        this.cancelTimers('A');
        break;
      case InviteClientState.Accepted:
        this.cancelTimers('A', 'B');
        this.startTimer('M', 64 * timers.t1, () => this.stateTransition(InviteClientState.Terminated));
        break;
      case InviteClientState.Completed:
        this.cancelTimers('A', 'B');
        // "Timer D ... MUST be set ... at least 32 seconds for unreliable transports, and ... zero seconds for reliable".
        this.startTimer('D', reliable ? 0 : timers.d, () => this.stateTransition(InviteClientState.Terminated));
        break;
      default:
        break;
    }
  }
}
