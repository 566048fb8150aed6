import { Clock } from '../../time/clock';
import { SipError, SipStateError, SipTimeoutError, SipTransportError } from '../errors';
import { AckWait } from '../dialog/ack-wait';
import { Dialog, DialogPhase } from '../dialog/dialog';
import { ExtraHeaders, createResponse } from '../message/message-factory';
import { newTag } from '../message/identifiers';
import { NameAddr } from '../message/name-addr';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { serializeMessage } from '../message/serializer';
import { TimerSettings } from '../transaction/timer-settings';
import { Channel, ServerTransaction } from '../transaction/transaction-layer';
import { TransportAddress } from '../transport/transport';

export interface RespondOptions {
  reason?: string;
  headers?: ExtraHeaders;
  body?: Buffer | string;
  contentType?: string;
  /** Contact for a dialog-creating or target-refresh response (default: this UA's address). */
  contact?: NameAddr | string;
}

export interface AcceptOptions extends RespondOptions {
  /** A 2xx status other than 200. */
  status?: number;
}

/** What an IncomingRequest needs from the UA core. */
export interface IncomingRequestHost {
  readonly clock: Clock;
  readonly timers: TimerSettings;
  localContact(request: SipRequest, protocol: TransportAddress['protocol']): NameAddr;
  /** The UAS dialog an initial INVITE creates with its first 1xx-with-tag or its 2xx. */
  createUasDialog(request: SipRequest, toTag: string, phase: DialogPhase.Early | DialogPhase.Confirmed, contact: NameAddr): Dialog;
  reportError(error: SipError): void;
}

/**
 * A request received by the UA (the UAS side of RFC 3261 8.2), with the means to answer it. One
 * To tag is chosen for all responses. For INVITE, a 2xx is retransmitted until its ACK
 * (`acknowledged`), and a CANCEL before the final response answers 487 (`onCancel`).
 */
export class IncomingRequest {
  private finalResponse?: SipResponse;
  private toTag?: string;
  private readonly finalHandlers: Array<(response: SipResponse) => void> = [];
  private readonly cancelHandlers: Array<() => void> = [];
  private cancelledFlag = false;
  /** INVITE only: settles when the 2xx is ACKed (rejects with SipTimeoutError after 64*T1). */
  acknowledged?: Promise<void>;

  constructor(
    readonly message: SipRequest,
    readonly source: TransportAddress,
    private readonly transaction: ServerTransaction,
    private readonly channel: Channel,
    private readonly host: IncomingRequestHost,
    /** The dialog the request arrived in; for an initial INVITE, the dialog it created. */
    public dialog?: Dialog,
  ) {
    this.toTag = message.to.tag;
  }

  private get initialInvite(): boolean {
    return this.message.method === 'INVITE' && this.message.to.tag === undefined;
  }

  get method(): string {
    return this.message.method;
  }

  get final(): SipResponse | undefined {
    return this.finalResponse;
  }

  get cancelled(): boolean {
    return this.cancelledFlag;
  }

  onCancel(handler: () => void): void {
    this.cancelHandlers.push(handler);
  }

  /** @internal called once the final response is sent. */
  onFinal(handler: (response: SipResponse) => void): void {
    if (this.finalResponse) handler(this.finalResponse);
    else this.finalHandlers.push(handler);
  }

  /** Sends a response (provisional or final). Returns the response as sent. */
  respond(status: number, options: RespondOptions = {}): SipResponse {
    if (this.finalResponse) {
      throw new SipStateError(`${this.method} already answered ${this.finalResponse.status}; cannot send ${status}`, 'Final');
    }
    const isInvite = this.message.method === 'INVITE';
    const establishing = status > 100 && status < 300 && isInvite;
    // 2xx to INVITE and UPDATE refresh the target: they carry our Contact (RFC 3311 5.2).
    const needsContact = establishing || (this.message.method === 'UPDATE' && status >= 200 && status < 300);
    if (status > 100 && this.toTag === undefined) this.toTag = newTag();
    const response = createResponse(this.message, status, {
      reason: options.reason,
      headers: options.headers,
      body: options.body,
      contentType: options.contentType,
      toTag: this.toTag,
      copyRecordRoute: establishing && this.initialInvite,
    });
    let contact: NameAddr | undefined;
    if (needsContact && !response.headers.has('Contact')) {
      contact = options.contact === undefined ? this.host.localContact(this.message, this.source.protocol) : NameAddr.from(options.contact);
      response.headers.add('Contact', contact.toString());
    }
    if (establishing && this.initialInvite) {
      const phase = status < 200 ? DialogPhase.Early : DialogPhase.Confirmed;
      this.dialog ??= this.host.createUasDialog(this.message, this.toTag!, phase, contact ?? response.contact[0]);
      if (status >= 200) this.dialog.confirm();
    }
    this.transaction.respond(response);
    if (status >= 200) this.finished(response);
    return response;
  }

  /** INVITE: answers 2xx (200 unless `status` says otherwise) and returns the dialog. */
  accept(options: AcceptOptions = {}): Dialog {
    if (this.message.method !== 'INVITE') throw new SipStateError(`accept() is for INVITE, not ${this.method}`, 'Request');
    if (this.cancelledFlag) throw new SipStateError('INVITE was cancelled', 'Cancelled');
    const status = options.status ?? 200;
    if (status < 200 || status >= 300) throw new SipStateError(`accept() needs a 2xx status, got ${status}`, 'Request');
    this.respond(status, options);
    return this.dialog!;
  }

  private finished(response: SipResponse): void {
    this.finalResponse = response;
    if (this.message.method === 'INVITE') {
      if (response.status < 300) this.awaitAck(response);
      else if (this.initialInvite && this.dialog) this.dialog.terminate({ reason: this.cancelledFlag ? 'cancelled' : 'rejected' });
    }
    for (const handler of this.finalHandlers.splice(0)) handler(response);
  }

  /** RFC 3261 13.3.1.4: retransmit the 2xx until the ACK; no ACK within 64*T1 ends the session. */
  private awaitAck(response: SipResponse): void {
    const dialog = this.dialog;
    if (!dialog) return;
    const bytes = serializeMessage(response);
    const seq = this.message.cseq.seq;
    const wait = new AckWait(
      this.host.clock,
      this.host.timers,
      () =>
        this.channel.send(bytes).catch((error: unknown) =>
          this.host.reportError(error instanceof SipError ? error : new SipTransportError(String(error), this.source)),
        ),
      (error: SipTimeoutError) => {
        dialog.waitForAck(seq, undefined);
        if (!dialog.isTerminated) {
          dialog.bye().catch((e: SipError) => this.host.reportError(e));
          dialog.terminate({ reason: 'no-ack', error });
        }
      },
      seq,
      `${this.message.method} ${this.message.callId} CSeq ${seq}`,
    );
    dialog.waitForAck(seq, () => {
      dialog.waitForAck(seq, undefined);
      wait.acknowledged();
    });
    dialog.onTerminated(() => wait.abandon(new SipStateError('dialog ended before the ACK', 'Terminated')));
    this.acknowledged = wait.promise;
    if (this.initialInvite) dialog.acknowledged = wait.promise;
  }

  /** @internal CANCEL matched this INVITE (RFC 3261 9.2): 487 if no final response yet. */
  cancel(): void {
    if (this.finalResponse || this.cancelledFlag) return;
    this.cancelledFlag = true;
    this.respond(487);
    for (const handler of this.cancelHandlers.splice(0)) handler();
  }
}
