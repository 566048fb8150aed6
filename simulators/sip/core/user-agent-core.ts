import { isIP } from 'node:net';
import { Clock } from '../../time/clock';
import { SipError, SipHandlerError, SipMessageError, SipTransportError } from '../errors';
import { Dialog, DialogPhase } from '../dialog/dialog';
import { DialogCore } from '../dialog/dialog-core';
import { dialogId, uacDialogState, uasDialogState } from '../dialog/dialog-state';
import { newBranch } from '../message/identifiers';
import { createResponse } from '../message/message-factory';
import { NameAddr } from '../message/name-addr';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { SipUri } from '../message/sip-uri';
import { Uri } from '../message/uri';
import { InviteServerTransaction } from '../transaction/invite-server-transaction';
import { TimerSettings } from '../transaction/timer-settings';
import { Channel, ClientTransaction, ServerTransaction, TransactionLayer, TransactionLayerUser } from '../transaction/transaction-layer';
import { ClientTransactionUser } from '../transaction/transaction-user';
import { TransportLayer, TransportLayerUser } from '../transport/transport-layer';
import { TransportAddress, TransportProtocol } from '../transport/transport';
import { IncomingRequest, IncomingRequestHost } from './incoming-request';
import { OutgoingInviteHost } from './outgoing-invite';

export interface UserAgentCoreOptions {
  clock: Clock;
  timers: TimerSettings;
  /** Every request goes here instead of where its URI or Route points (an outbound proxy). */
  outboundProxy?: TransportAddress;
  /** Send 100 Trying as soon as an INVITE arrives (RFC 3261 17.2.1 allows it; default true). */
  autoTrying?: boolean;
  onError?: (error: SipError) => void;
}

/**
 * The UA core (RFC 3261 8, 12-15): the transaction user that routes requests to dialogs or to the
 * application, answers CANCEL, ACKs strays, resolves next hops, and owns the dialog table.
 */
export class UserAgentCore implements TransactionLayerUser, TransportLayerUser, DialogCore, IncomingRequestHost, OutgoingInviteHost {
  readonly transactions: TransactionLayer;
  readonly clock: Clock;
  readonly timers: TimerSettings;
  private readonly dialogs = new Map<string, Dialog>();
  private readonly pendingInvites = new Map<InviteServerTransaction, IncomingRequest>();
  private requestHandler?: (request: IncomingRequest) => void;

  constructor(
    readonly transport: TransportLayer,
    private readonly options: UserAgentCoreOptions,
  ) {
    this.clock = options.clock;
    this.timers = options.timers;
    this.transactions = new TransactionLayer(options.clock, options.timers, this);
    transport.setUser(this);
  }

  onRequestHandler(handler: (request: IncomingRequest) => void): void {
    this.requestHandler = handler;
  }

  get dialogCount(): number {
    return this.dialogs.size;
  }

  findDialog(callId: string, localTag: string, remoteTag: string): Dialog | undefined {
    return this.dialogs.get(dialogId(callId, localTag, remoteTag));
  }

  reportError(error: SipError): void {
    if (this.options.onError) this.options.onError(error);
    else process.emitWarning(error.message, { code: error.code });
  }

  // --- from the transport layer -------------------------------------------------------------
  receivedRequest(request: SipRequest, source: TransportAddress, channel: Channel): void {
    this.transactions.receiveRequest(request, channel, source);
  }

  receivedResponse(response: SipResponse): void {
    this.transactions.receiveResponse(response);
  }

  // --- from the transaction layer -----------------------------------------------------------
  onRequest(request: SipRequest, tx: ServerTransaction, channel: Channel, source: TransportAddress): void {
    if (request.method === 'CANCEL') {
      const invite = this.transactions.findInviteFor(request);
      const incoming = invite && this.pendingInvites.get(invite);
      tx.respond(createResponse(request, invite ? 200 : 481));
      incoming?.cancel();
      return;
    }
    const toTag = request.to.tag;
    if (toTag !== undefined) {
      const dialog = this.findDialog(request.callId, toTag, request.from.tag ?? '');
      if (!dialog) {
        tx.respond(createResponse(request, 481));
        return;
      }
      const incoming = new IncomingRequest(request, source, tx, channel, this, dialog);
      this.guard(incoming, () => dialog.receiveRequest(incoming));
      return;
    }
    const incoming = new IncomingRequest(request, source, tx, channel, this);
    if (request.method === 'INVITE') {
      if (request.contact.length === 0) {
        incoming.respond(400, { reason: 'Bad Request (INVITE without Contact)' });
        return;
      }
      const ist = tx as InviteServerTransaction;
      this.pendingInvites.set(ist, incoming);
      incoming.onFinal(() => this.pendingInvites.delete(ist));
      ist.setUser({ onTerminated: () => this.pendingInvites.delete(ist) });
      if (this.options.autoTrying !== false) incoming.respond(100);
    }
    if (!this.requestHandler) {
      incoming.respond(request.method === 'OPTIONS' ? 200 : 501);
      return;
    }
    const handler = this.requestHandler;
    this.guard(incoming, () => handler(incoming));
  }

  /**
   * Runs application code for a request. If it throws, the request still gets an answer (500
   * unless one was sent) and the error is reported: a bad handler must not take the UA down.
   */
  private guard(incoming: IncomingRequest, run: () => void): void {
    try {
      run();
    } catch (error) {
      const cause = error instanceof Error ? error.message : String(error);
      this.reportError(new SipHandlerError(`handler for ${incoming.method} ${incoming.message.callId} threw: ${cause}`, { cause: error }));
      if (!incoming.final && incoming.method !== 'ACK') {
        try {
          incoming.respond(500, { reason: 'Server Internal Error' });
        } catch (respondError) {
          this.reportError(new SipHandlerError(`could not answer 500 after a handler error: ${String(respondError)}`, { cause: respondError }));
        }
      }
    }
  }

  onAck(ack: SipRequest): void {
    const toTag = ack.to.tag;
    if (toTag === undefined) return;
    this.findDialog(ack.callId, toTag, ack.from.tag ?? '')?.receiveAck(ack);
  }

  onStrayResponse(response: SipResponse): void {
    if (response.cseq.method !== 'INVITE' || response.status < 200 || response.status >= 300) return;
    const tag = response.to.tag;
    if (tag === undefined) return;
    this.findDialog(response.callId, response.from.tag ?? '', tag)?.receiveStray2xx(response);
  }

  // --- sending ------------------------------------------------------------------------------
  /** RFC 3263 reduced to what a test network needs: IP literals (and localhost), no DNS. */
  resolve(target: Uri | TransportAddress): TransportAddress {
    if (this.options.outboundProxy) return this.options.outboundProxy;
    if (!(target instanceof SipUri)) {
      if ('protocol' in target && 'port' in target) return target as TransportAddress;
      throw new SipTransportError(`cannot route a request to a ${(target as Uri).scheme}: URI`, undefined);
    }
    const host = target.param('maddr') ?? target.hostname;
    const address = host === 'localhost' ? '127.0.0.1' : host;
    if (!isIP(address)) throw new SipTransportError(`cannot resolve "${host}": only IP addresses are routed`, undefined);
    const protocol = this.resolveProtocol(target);
    return { protocol, host: address, port: target.port ?? (target.scheme === 'sips' ? 5061 : 5060) };
  }

  /** The transport a URI asks for, or the default one. */
  resolveProtocol(uri: Uri): TransportProtocol {
    const wanted = uri instanceof SipUri ? uri.transport : undefined;
    const available = this.transport.protocols;
    return wanted === 'tcp' || wanted === 'udp' ? wanted : available.includes('udp') ? 'udp' : available[0];
  }

  sendRequest(request: SipRequest, nextHop: Uri | TransportAddress, user: ClientTransactionUser, keepVia = false): ClientTransaction {
    const destination = this.resolve(nextHop);
    if (!keepVia) request.headers.prepend('Via', this.transport.viaFor(destination.protocol, newBranch()).toString());
    return this.transactions.sendRequest(request, this.transport.channel(destination), user);
  }

  sendAck(ack: SipRequest, nextHop: Uri): void {
    let destination: TransportAddress;
    try {
      destination = this.resolve(nextHop);
    } catch (error) {
      // Called while handling a received 2xx: a target we cannot reach is reported, not thrown.
      this.reportError(error instanceof SipError ? error : new SipTransportError(String(error), undefined));
      return;
    }
    if (!ack.headers.has('Via')) ack.headers.prepend('Via', this.transport.viaFor(destination.protocol, newBranch()).toString());
    this.transport.sendMessage(ack, destination).catch((error: unknown) => {
      this.reportError(error instanceof SipError ? error : new SipTransportError(String(error), destination));
    });
  }

  // --- dialogs ------------------------------------------------------------------------------
  localContact(request: SipRequest, protocol = this.transport.protocols[0]): NameAddr {
    const user = request.uri instanceof SipUri ? request.uri.user : undefined;
    return this.contactFor(user, protocol);
  }

  contactFor(user: string | undefined, protocol = this.transport.protocols[0]): NameAddr {
    const { local } = this.transport.transport(protocol);
    const host = local.host.includes(':') ? `[${local.host}]` : local.host;
    const params = protocol === 'tcp' ? [{ name: 'transport', value: 'tcp' }] : [];
    return new NameAddr({ uri: new SipUri({ scheme: 'sip', user, host, port: local.port, params }) });
  }

  createUasDialog(request: SipRequest, toTag: string, phase: DialogPhase.Early | DialogPhase.Confirmed, contact: NameAddr): Dialog {
    const dialog = new Dialog('uas', uasDialogState(request, toTag), phase, contact, this);
    this.dialogs.set(dialog.id, dialog);
    return dialog;
  }

  createUacDialog(request: SipRequest, response: SipResponse, phase: DialogPhase.Early | DialogPhase.Confirmed): Dialog {
    const contact = request.contact[0];
    if (!contact) throw new SipMessageError('INVITE without Contact cannot create a dialog');
    const dialog = new Dialog('uac', uacDialogState(request, response), phase, contact, this);
    this.dialogs.set(dialog.id, dialog);
    return dialog;
  }

  forget(dialog: Dialog): void {
    if (this.dialogs.get(dialog.id) === dialog) this.dialogs.delete(dialog.id);
  }

  dispose(): void {
    for (const dialog of [...this.dialogs.values()]) dialog.terminate({ reason: 'closed' });
    this.transactions.dispose();
  }
}
