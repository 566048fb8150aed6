import { SipError, SipStateError, SipTimeoutError } from '../errors';
import { ExtraHeaders, createRequest } from '../message/message-factory';
import { NameAddr } from '../message/name-addr';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { Uri } from '../message/uri';
import type { IncomingRequest } from '../core/incoming-request';
import { DialogCore } from './dialog-core';
import { DialogState, dialogId } from './dialog-state';
import { OutgoingRefer, ReferOptions } from './outgoing-refer';
import { dialogRouting } from './route-set';

export enum DialogPhase {
  Early = 'Early',
  Confirmed = 'Confirmed',
  Terminated = 'Terminated',
}

const ALLOWED: Record<DialogPhase, DialogPhase[]> = {
  Early: [DialogPhase.Confirmed, DialogPhase.Terminated],
  Confirmed: [DialogPhase.Terminated],
  Terminated: [],
};

/** Why a dialog ended (README: "Dialog termination reasons"). */
export type TerminationReason = 'bye-sent' | 'bye-received' | 'rejected' | 'cancelled' | 'no-ack' | 'timeout' | 'transport-error' | 'no-dialog' | 'closed';

export interface DialogTermination {
  reason: TerminationReason;
  error?: SipError;
}

export interface DialogRequestOptions {
  body?: Buffer | string;
  contentType?: string;
  headers?: ExtraHeaders;
}

/**
 * A dialog (RFC 3261 12-15): creates requests inside it (CSeq, route set, remote target), checks
 * and dispatches requests received in it, handles ACK for 2xx both ways, and ends on BYE.
 * UAC and UAS dialogs are the same class; `role` tells which side created it.
 */
export class Dialog {
  private current: DialogPhase;
  private requestHandler?: (request: IncomingRequest) => void;
  private readonly terminatedHandlers: Array<(t: DialogTermination) => void> = [];
  private readonly sentAcks = new Map<number, SipRequest>();
  /** The INVITE transactions in progress in either direction (RFC 3261 14.1 glare rules). */
  private outgoingInvite = false;
  private incomingInvite?: IncomingRequest;
  private readonly interceptors: Array<(request: IncomingRequest) => boolean> = [];
  termination?: DialogTermination;
  /** Resolves on the ACK of the 2xx that created this dialog (already resolved on the UAC side). */
  acknowledged: Promise<void> = Promise.resolve();

  constructor(
    readonly role: 'uac' | 'uas',
    readonly state: DialogState,
    phase: DialogPhase.Early | DialogPhase.Confirmed,
    readonly localContact: NameAddr,
    private readonly core: DialogCore,
  ) {
    this.current = phase;
  }

  get id(): string {
    return dialogId(this.state.callId, this.state.localTag, this.state.remoteTag);
  }

  get phase(): DialogPhase {
    return this.current;
  }

  get callId(): string {
    return this.state.callId;
  }

  get localTag(): string {
    return this.state.localTag;
  }

  get remoteTag(): string {
    return this.state.remoteTag;
  }

  get isTerminated(): boolean {
    return this.current === DialogPhase.Terminated;
  }

  /** Requests received in the dialog (not ACK). Without a handler BYE gets 200, others 501. */
  onRequest(handler: (request: IncomingRequest) => void): void {
    this.requestHandler = handler;
  }

  onTerminated(handler: (termination: DialogTermination) => void): void {
    if (this.termination) handler(this.termination);
    else this.terminatedHandlers.push(handler);
  }

  /** RFC 3261 12.2.1.1: a request within the dialog. ACK and CANCEL reuse the INVITE's CSeq. */
  createRequest(method: string, options: DialogRequestOptions = {}, cseq?: number): SipRequest {
    const s = this.state;
    if (cseq === undefined) {
      s.localSeq = (s.localSeq ?? 0) + 1;
      cseq = s.localSeq;
    }
    const { uri, route } = this.routing();
    return createRequest({
      method,
      uri,
      route,
      from: s.localUri.withTag(s.localTag),
      to: s.remoteUri.withTag(s.remoteTag),
      callId: s.callId,
      cseq,
      contact: method === 'INVITE' || method === 'UPDATE' || method === 'SUBSCRIBE' || method === 'REFER' || method === 'NOTIFY' ? this.localContact : undefined,
      headers: options.headers,
      body: options.body,
      contentType: options.contentType,
    });
  }

  private routing(): { uri: Uri; route: NameAddr[]; nextHop: Uri } {
    return dialogRouting(this.state.routeSet, this.state.remoteTarget);
  }

  /** Sends a non-INVITE request in the dialog; resolves with its final response. */
  request(method: string, options: DialogRequestOptions = {}): Promise<SipResponse> {
    if (method === 'INVITE') return this.reinvite(options);
    if (method === 'ACK' || method === 'CANCEL') throw new SipStateError(`${method} is not sent with dialog.request()`, this.current);
    this.checkUsable(method);
    return this.send(this.createRequest(method, options));
  }

  /** A re-INVITE (hold, resume, new SDP): ACK sent on 2xx; resolves with the final response. */
  reinvite(options: DialogRequestOptions = {}): Promise<SipResponse> {
    this.checkUsable('INVITE');
    if (this.current !== DialogPhase.Confirmed) throw new SipStateError('re-INVITE needs a confirmed dialog', this.current);
    if (this.outgoingInvite || this.incomingInvite) {
      throw new SipStateError('an INVITE transaction is already in progress in this dialog (RFC 3261 14.1)', this.current);
    }
    this.outgoingInvite = true;
    const invite = this.createRequest('INVITE', options);
    return this.send(invite).finally(() => (this.outgoingInvite = false));
  }

  /** Ends the dialog with BYE; resolves with the BYE's final response (the dialog is then over). */
  bye(options: DialogRequestOptions = {}): Promise<SipResponse> {
    if (this.role === 'uas' && this.current === DialogPhase.Early) {
      throw new SipStateError('the callee may not send BYE on an early dialog (RFC 3261 15)', this.current);
    }
    this.checkUsable('BYE');
    const bye = this.createRequest('BYE', options);
    const done = this.send(bye);
    return done.then(
      (response) => {
        this.terminate({ reason: 'bye-sent' });
        return response;
      },
      (error: SipError) => {
        this.terminate({ reason: error instanceof SipTimeoutError ? 'timeout' : 'transport-error', error });
        throw error;
      },
    );
  }

  /** Transfers the remote party (REFER, RFC 3515); with `replaces`, a consultation transfer. */
  refer(target: Uri | NameAddr | string, options: ReferOptions = {}): OutgoingRefer {
    this.checkUsable('REFER');
    return new OutgoingRefer(this, target, options);
  }

  /** @internal lets a subscription (a REFER's NOTIFYs) take requests before the application. */
  intercept(fn: (request: IncomingRequest) => boolean): () => void {
    this.interceptors.push(fn);
    return () => {
      const i = this.interceptors.indexOf(fn);
      if (i >= 0) this.interceptors.splice(i, 1);
    };
  }

  private checkUsable(method: string): void {
    if (this.current === DialogPhase.Terminated) throw new SipStateError(`cannot send ${method}: dialog terminated`, this.current);
  }

  /** @internal sends a request made by createRequest (used by REFER). */
  sendRequest(request: SipRequest): Promise<SipResponse> {
    return this.send(request);
  }

  private send(request: SipRequest): Promise<SipResponse> {
    return new Promise<SipResponse>((resolve, reject) => {
      this.core.sendRequest(request, this.routing().nextHop, {
        onResponse: (response) => {
          if (response.status < 200) return;
          if (request.method === 'INVITE' && response.status < 300) {
            this.ackInvite2xx(request, response);
          }
          if (response.status === 481 || response.status === 408) {
            // RFC 3261 12.2.1.2: these mean the dialog is gone on the other side.
            this.terminate({ reason: 'no-dialog' });
          }
          resolve(response);
        },
        onTimeout: reject,
        onTransportError: reject,
      });
    });
  }

  /** 13.2.2.4: ACK for each 2xx (retransmissions get the same ACK); 2xx refreshes the target. */
  ackInvite2xx(invite: SipRequest, response: SipResponse): void {
    const seq = invite.cseq.seq;
    let ack = this.sentAcks.get(seq);
    if (!ack) {
      const target = response.contact[0]?.uri;
      if (target) this.state.remoteTarget = target;
      ack = this.createRequest('ACK', {}, seq);
      this.sentAcks.set(seq, ack);
    }
    this.core.sendAck(ack, this.routing().nextHop);
  }

  /** A 2xx to our INVITE that no transaction took (retransmitted after Timer M): re-ACK. */
  receiveStray2xx(response: SipResponse): void {
    const ack = this.sentAcks.get(response.cseq.seq);
    if (ack) this.core.sendAck(ack, this.routing().nextHop);
  }

  /** Called by the core for each request in this dialog (RFC 3261 12.2.2). */
  receiveRequest(incoming: IncomingRequest): void {
    const request = incoming.message;
    const seq = request.cseq.seq;
    if (this.state.remoteSeq !== undefined && seq < this.state.remoteSeq) {
      incoming.respond(500, { reason: 'Out of Order CSeq' });
      return;
    }
    this.state.remoteSeq = seq;
    if (request.method === 'INVITE') {
      if (this.outgoingInvite) return void incoming.respond(491);
      if (this.incomingInvite) return void incoming.respond(500, { headers: { 'Retry-After': String(Math.ceil(Math.random() * 10)) } });
      this.incomingInvite = incoming;
      incoming.onFinal(() => (this.incomingInvite = undefined));
    }
    if (request.method === 'INVITE' || request.method === 'UPDATE') {
      const target = request.contact[0]?.uri;
      if (target) this.state.remoteTarget = target; // target refresh (12.2.2)
    }
    if (request.method === 'BYE') {
      incoming.onFinal((response) => {
        if (response.status < 300) this.terminate({ reason: 'bye-received' });
      });
    }
    for (const fn of this.interceptors) if (fn(incoming)) return;
    if (this.requestHandler) this.requestHandler(incoming);
    else incoming.respond(request.method === 'BYE' ? 200 : 501);
  }

  /** The ACK of a 2xx we sent (matched by CSeq by the IncomingRequest that waits for it). */
  receiveAck(ack: SipRequest): void {
    this.ackWaiters.get(ack.cseq.seq)?.(ack);
  }

  private readonly ackWaiters = new Map<number, (ack: SipRequest) => void>();

  /** @internal an IncomingRequest for INVITE registers here while its 2xx awaits the ACK. */
  waitForAck(seq: number, onAck: ((ack: SipRequest) => void) | undefined): void {
    if (onAck) this.ackWaiters.set(seq, onAck);
    else this.ackWaiters.delete(seq);
  }

  /** Early -> Confirmed (a 2xx was sent or received). */
  confirm(): void {
    if (this.current === DialogPhase.Early) this.stateTransition(DialogPhase.Confirmed);
  }

  terminate(termination: DialogTermination): void {
    if (this.current === DialogPhase.Terminated) return;
    this.termination = termination;
    this.stateTransition(DialogPhase.Terminated);
  }

  private stateTransition(next: DialogPhase): void {
    if (!ALLOWED[this.current].includes(next)) {
      throw new SipStateError(`dialog ${this.state.callId}: ${this.current} -> ${next} not allowed`, this.current);
    }
    this.current = next;
    if (next === DialogPhase.Terminated) {
      this.core.forget(this);
      const termination = this.termination ?? { reason: 'closed' };
      for (const handler of this.terminatedHandlers.splice(0)) handler(termination);
    }
  }
}
