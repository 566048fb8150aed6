import { SipError } from '../errors';
import type { IncomingRequest } from '../core/incoming-request';
import { ExtraHeaders } from '../message/message-factory';
import { NameAddr } from '../message/name-addr';
import { paramValue, parseParams } from '../message/params';
import { Cursor } from '../message/cursor';
import { referToWithReplaces } from '../message/replaces';
import { Sipfrag, parseSipfrag } from '../message/sipfrag';
import { SipResponse } from '../message/sip-response';
import { SipUri } from '../message/sip-uri';
import { Uri, parseUri } from '../message/uri';
import type { Dialog } from './dialog';

export interface ReferOptions {
  /** Consultation transfer: the dialog with the target that the referee's INVITE replaces. */
  replaces?: Dialog;
  headers?: ExtraHeaders;
}

/** How a transfer ended from the transferor's side. */
export interface ReferOutcome {
  /** The response to the REFER (202 when the referee took it on). */
  response: SipResponse;
  /** The last sipfrag the referee reported (the INVITE's final response), when it got that far. */
  final?: Sipfrag;
}

function eventId(event: string | undefined): string | undefined {
  if (!event) return undefined;
  const semi = event.indexOf(';');
  if (semi < 0) return undefined;
  return paramValue(parseParams(new Cursor(event, semi)), 'id');
}

/**
 * The transferor's side of REFER (RFC 3515): sends the REFER in `dialog`, then takes the
 * NOTIFYs of the implicit subscription (Event: refer;id=<CSeq>), answering each 200, and
 * settles `done` with the final sipfrag when the subscription terminates.
 */
export class OutgoingRefer {
  readonly done: Promise<ReferOutcome>;
  /** The referee's final response to the REFER itself (202 when it took the transfer on). */
  readonly answered: Promise<SipResponse>;
  private resolveAnswered!: (response: SipResponse) => void;
  private readonly notifyHandlers: Array<(frag: Sipfrag) => void> = [];
  private response?: SipResponse;
  private resolveDone!: (outcome: ReferOutcome) => void;
  private rejectDone!: (error: SipError) => void;
  private release?: () => void;
  readonly referTo: NameAddr;

  constructor(
    dialog: Dialog,
    target: Uri | NameAddr | string,
    options: ReferOptions = {},
  ) {
    this.done = new Promise<ReferOutcome>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.answered = new Promise<SipResponse>((resolve) => (this.resolveAnswered = resolve));
    let referTo = target instanceof NameAddr ? target : new NameAddr({ uri: typeof target === 'string' ? parseUri(target) : target });
    if (options.replaces && referTo.uri instanceof SipUri) {
      const consult = options.replaces.state;
      // Seen from the target, which receives the INVITE: its local tag is our remote tag.
      referTo = referToWithReplaces(referTo.uri, { callId: consult.callId, toTag: consult.remoteTag, fromTag: consult.localTag, earlyOnly: false });
    }
    this.referTo = referTo;
    const headers: ExtraHeaders = { 'Refer-To': referTo.toString(), 'Referred-By': dialog.state.localUri.toString(), ...(options.headers as Record<string, string>) };
    const request = dialog.createRequest('REFER', { headers });
    const referSeq = String(request.cseq.seq);
    this.release = dialog.intercept((incoming) => this.takeNotify(incoming, referSeq));
    dialog.sendRequest(request).then(
      (response) => {
        this.response = response;
        this.resolveAnswered(response);
        if (response.status >= 300) this.finish({ response });
      },
      (error: SipError) => {
        this.release?.();
        this.rejectDone(error);
      },
    );
  }

  /** Every progress report (100 Trying, 180, the final response...). */
  onNotify(handler: (frag: Sipfrag) => void): void {
    this.notifyHandlers.push(handler);
  }

  private takeNotify(incoming: IncomingRequest, referSeq: string): boolean {
    const request = incoming.message;
    if (request.method !== 'NOTIFY') return false;
    const event = request.headers.get('Event');
    if (!event || !/^\s*refer\b/i.test(event)) return false;
    const id = eventId(event);
    if (id !== undefined && id !== referSeq) return false;
    let frag: Sipfrag;
    try {
      frag = parseSipfrag(request.body);
    } catch {
      incoming.respond(400, { reason: 'Bad Request (sipfrag body)' });
      return true;
    }
    incoming.respond(200);
    for (const handler of this.notifyHandlers) handler(frag);
    const terminated = /^\s*terminated\b/i.test(request.headers.get('Subscription-State') ?? '');
    if (terminated) this.finish({ response: this.response ?? new SipResponse({ status: 202 }), final: frag });
    return true;
  }

  private finish(outcome: ReferOutcome): void {
    this.release?.();
    this.resolveDone(outcome);
  }
}
