import { Clock } from '../../time/clock';
import { SipMessageError } from '../errors';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { TransportAddress } from '../transport/transport';
import { InviteClientTransaction } from './invite-client-transaction';
import { InviteServerTransaction } from './invite-server-transaction';
import { NonInviteClientTransaction } from './non-invite-client-transaction';
import { NonInviteServerTransaction } from './non-invite-server-transaction';
import { TimerSettings } from './timer-settings';
import { Transaction, TransactionContext } from './transaction';
import { clientTransactionKey, responseClientKey, serverTransactionKey } from './transaction-key';
import { ClientTransactionUser } from './transaction-user';

export type ClientTransaction = InviteClientTransaction | NonInviteClientTransaction;
export type ServerTransaction = InviteServerTransaction | NonInviteServerTransaction;

/** A way to reach one peer: the transport layer binds it to a destination. */
export interface Channel {
  reliable: boolean;
  send(data: Buffer): Promise<void>;
}

/** The transaction user above this layer (the UA core). */
export interface TransactionLayerUser {
  /** A new request (not ACK) with its fresh server transaction and the channel its responses use. */
  onRequest(request: SipRequest, transaction: ServerTransaction, channel: Channel, source: TransportAddress): void;
  /** An ACK that matches no transaction: the ACK of a 2xx, for the dialog layer. */
  onAck(ack: SipRequest, source: TransportAddress): void;
  /** A response that matches no client transaction (a 2xx retransmission after Timer M, say). */
  onStrayResponse(response: SipResponse): void;
}

/**
 * Creates, matches and forgets transactions (RFC 3261 17). Requests and responses come in parsed
 * from the transport layer with the channel to answer on; everything else is up to the TU.
 */
export class TransactionLayer {
  private readonly clients = new Map<string, ClientTransaction>();
  private readonly servers = new Map<string, ServerTransaction>();

  constructor(
    private readonly clock: Clock,
    private readonly timers: TimerSettings,
    private readonly user: TransactionLayerUser,
  ) {}

  get clientCount(): number {
    return this.clients.size;
  }

  get serverCount(): number {
    return this.servers.size;
  }

  private context(channel: Channel, forget: (t: Transaction) => void): TransactionContext {
    return { clock: this.clock, timers: this.timers, reliable: channel.reliable, send: (d) => channel.send(d), onTerminated: forget };
  }

  /**
   * Starts a client transaction for `request`, whose top Via must carry a branch. ACK is not a
   * transaction (RFC 3261 17): the TU sends ACKs for 2xx itself.
   */
  sendRequest(request: SipRequest, channel: Channel, user: ClientTransactionUser): ClientTransaction {
    const branch = request.topVia?.branch;
    if (branch === undefined) throw new SipMessageError(`${request.method} request has no Via branch`);
    const key = clientTransactionKey(branch, request.method);
    const ctx = this.context(channel, (t) => {
      if (this.clients.get(key) === t) this.clients.delete(key);
    });
    const tx =
      request.method === 'INVITE'
        ? new InviteClientTransaction(key, request, ctx, user)
        : new NonInviteClientTransaction(key, request, ctx, user);
    this.clients.set(key, tx);
    tx.start();
    return tx;
  }

  /** A response from the transport layer: to its client transaction, or up as a stray. */
  receiveResponse(response: SipResponse): void {
    const key = responseClientKey(response);
    const tx = key === undefined ? undefined : this.clients.get(key);
    if (tx) tx.receiveResponse(response);
    else this.user.onStrayResponse(response);
  }

  /** A request from the transport layer; `channel` reaches where its responses go (RFC 3261 18.2.2). */
  receiveRequest(request: SipRequest, channel: Channel, source: TransportAddress): void {
    const key = serverTransactionKey(request);
    const existing = this.servers.get(key);
    if (existing) {
      existing.receiveRequest(request);
      return;
    }
    if (request.method === 'ACK') {
      this.user.onAck(request, source);
      return;
    }
    const ctx = this.context(channel, (t) => {
      if (this.servers.get(key) === t) this.servers.delete(key);
    });
    const tx =
      request.method === 'INVITE'
        ? new InviteServerTransaction(key, request, ctx)
        : new NonInviteServerTransaction(key, request, ctx);
    this.servers.set(key, tx);
    this.user.onRequest(request, tx, channel, source);
  }

  /** The INVITE server transaction a CANCEL refers to (RFC 3261 9.2). */
  findInviteFor(cancel: SipRequest): InviteServerTransaction | undefined {
    const tx = this.servers.get(serverTransactionKey(cancel, 'INVITE'));
    return tx instanceof InviteServerTransaction ? tx : undefined;
  }

  /** Stops every transaction's timers (UA shutdown). */
  dispose(): void {
    for (const tx of [...this.clients.values(), ...this.servers.values()]) tx.dispose();
    this.clients.clear();
    this.servers.clear();
  }
}
