import { SipError, SipStateError } from '../errors';
import { Dialog, DialogPhase } from '../dialog/dialog';
import { SipHeaders } from '../message/sip-headers';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { Uri } from '../message/uri';
import { ClientTransaction } from '../transaction/transaction-layer';
import { ClientTransactionUser } from '../transaction/transaction-user';
import { TransportAddress } from '../transport/transport';

export interface InviteResult {
  response: SipResponse;
  /** The confirmed dialog, for a 2xx. */
  dialog?: Dialog;
}

/** What an OutgoingInvite needs from the UA core. */
export interface OutgoingInviteHost {
  sendRequest(request: SipRequest, nextHop: Uri | TransportAddress, user: ClientTransactionUser, keepVia?: boolean): ClientTransaction;
  createUacDialog(request: SipRequest, response: SipResponse, phase: DialogPhase.Early | DialogPhase.Confirmed): Dialog;
  reportError(error: SipError): void;
}

/**
 * The UAC side of an INVITE (RFC 3261 13.2): provisional responses (early dialogs per To tag),
 * the final response, the ACK of 2xx (by the dialog), CANCEL (9.1), and forked 2xx from other
 * tags, which are acknowledged and then ended with BYE (13.2.2.4).
 */
export class OutgoingInvite {
  readonly final: Promise<InviteResult>;
  private resolveFinal!: (result: InviteResult) => void;
  private rejectFinal!: (error: SipError) => void;
  private readonly provisionalHandlers: Array<(response: SipResponse, dialog?: Dialog) => void> = [];
  private readonly dialogs = new Map<string, Dialog>();
  private provisionalSeen = false;
  private cancelWanted = false;
  private cancelSent = false;
  private finalResponse?: SipResponse;

  constructor(
    readonly request: SipRequest,
    private readonly nextHop: Uri | TransportAddress,
    private readonly host: OutgoingInviteHost,
  ) {
    this.final = new Promise<InviteResult>((resolve, reject) => {
      this.resolveFinal = resolve;
      this.rejectFinal = reject;
    });
  }

  /** @internal */
  start(): void {
    this.host.sendRequest(this.request, this.nextHop, {
      onResponse: (response) => this.receive(response),
      onTimeout: (error) => this.fail(error),
      onTransportError: (error) => this.fail(error),
      onTerminated: () => this.endEarlyDialogs('rejected'),
    });
  }

  onProvisional(handler: (response: SipResponse, earlyDialog?: Dialog) => void): void {
    this.provisionalHandlers.push(handler);
  }

  /** Early dialogs by remote tag (and the confirmed one). */
  get earlyDialogs(): Dialog[] {
    return [...this.dialogs.values()].filter((d) => d.phase === DialogPhase.Early);
  }

  /**
   * RFC 3261 9.1: CANCEL once a provisional response has arrived (sent as soon as one does);
   * nothing to do once the final response is in. The INVITE then ends with 487 as usual.
   */
  cancel(): void {
    if (this.finalResponse) return;
    this.cancelWanted = true;
    if (this.provisionalSeen) this.sendCancel();
  }

  private sendCancel(): void {
    if (this.cancelSent) return;
    this.cancelSent = true;
    const src = this.request.headers;
    const h = new SipHeaders();
    h.add('Via', src.getFields('Via')[0]);
    for (const route of src.getFields('Route')) h.add('Route', route);
    h.add('Max-Forwards', 70);
    for (const name of ['From', 'To', 'Call-ID']) h.add(name, src.get(name) ?? '');
    h.add('CSeq', `${this.request.cseq.seq} CANCEL`);
    const cancel = new SipRequest({ method: 'CANCEL', uri: this.request.uri, headers: h });
    this.host.sendRequest(
      cancel,
      this.nextHop,
      {
        onTimeout: (error) => this.host.reportError(error),
        onTransportError: (error) => this.host.reportError(error),
      },
      true,
    );
  }

  private receive(response: SipResponse): void {
    const status = response.status;
    const tag = response.to.tag;
    if (status < 200) {
      this.provisionalSeen = true;
      if (this.cancelWanted) this.sendCancel();
      let dialog: Dialog | undefined;
      if (status > 100 && tag !== undefined) {
        dialog = this.dialogs.get(tag);
        if (!dialog) {
          dialog = this.host.createUacDialog(this.request, response, DialogPhase.Early);
          this.dialogs.set(tag, dialog);
        }
      }
      for (const handler of this.provisionalHandlers) handler(response, dialog);
      return;
    }
    if (status < 300) {
      this.receive2xx(response, tag);
      return;
    }
    if (this.finalResponse) return;
    this.finalResponse = response;
    this.endEarlyDialogs(this.cancelSent && status === 487 ? 'cancelled' : 'rejected');
    this.resolveFinal({ response });
  }

  private receive2xx(response: SipResponse, tag: string | undefined): void {
    if (tag === undefined) {
      this.host.reportError(new SipStateError(`2xx to INVITE ${this.request.callId} without To tag ignored`, 'Proceeding'));
      return;
    }
    let dialog = this.dialogs.get(tag);
    if (dialog && dialog.phase === DialogPhase.Confirmed) {
      dialog.ackInvite2xx(this.request, response); // a retransmission: same ACK again
      return;
    }
    if (dialog) {
      // 13.2.2.4: the 2xx recomputes the route set of the early dialog and confirms it.
      dialog.state.routeSet = response.recordRoute.reverse();
      dialog.confirm();
    } else {
      dialog = this.host.createUacDialog(this.request, response, DialogPhase.Confirmed);
      this.dialogs.set(tag, dialog);
    }
    dialog.ackInvite2xx(this.request, response);
    if (this.finalResponse) {
      // A second 2xx from another fork: acknowledge, then end that dialog.
      dialog.bye().catch((error: SipError) => this.host.reportError(error));
      return;
    }
    this.finalResponse = response;
    this.resolveFinal({ response, dialog });
  }

  private fail(error: SipError): void {
    this.endEarlyDialogs(error.code === 'SIP_TIMEOUT' ? 'timeout' : 'transport-error');
    if (this.finalResponse) return;
    this.finalResponse = undefined;
    this.rejectFinal(error);
  }

  private endEarlyDialogs(reason: 'rejected' | 'cancelled' | 'timeout' | 'transport-error'): void {
    for (const dialog of this.dialogs.values()) {
      if (dialog.phase === DialogPhase.Early) dialog.terminate({ reason });
    }
  }
}
