import { SipError, SipStateError } from '../errors';
import type { IncomingRequest } from '../core/incoming-request';
import { NameAddr } from '../message/name-addr';
import { parseAddressValue } from '../message/header-values';
import { ReplacesInfo, parseReplaces, referToHeaders } from '../message/replaces';
import { SIPFRAG_CONTENT_TYPE, sipfragBody } from '../message/sipfrag';
import { SipResponse } from '../message/sip-response';
import { SipUri } from '../message/sip-uri';
import { Uri } from '../message/uri';

/**
 * The referee's side of REFER (RFC 3515): answer 202, then report the progress of the INVITE
 * it sends to the target in NOTIFYs (message/sipfrag), the last with Subscription-State terminated.
 */
export class IncomingRefer {
  readonly referTo: NameAddr;
  /** The target URI, without the header fields it carries. */
  readonly target: Uri;
  /** Consultation transfer: the dialog the INVITE to the target must replace. */
  readonly replaces?: ReplacesInfo;
  readonly referredBy?: string;
  private readonly id: string;
  private terminated = false;

  constructor(private readonly request: IncomingRequest) {
    const message = request.message;
    const referTo = message.headers.get('Refer-To') ?? message.headers.get('r');
    if (referTo === undefined) throw new SipStateError('REFER without Refer-To', 'Request');
    this.referTo = parseAddressValue(referTo, 0, 'Refer-To');
    this.target = this.referTo.uri instanceof SipUri ? this.referTo.uri.with({ headers: [] }) : this.referTo.uri;
    const replaces = referToHeaders(this.referTo).Replaces;
    if (replaces !== undefined) this.replaces = parseReplaces(replaces);
    this.referredBy = message.headers.get('Referred-By');
    this.id = String(message.cseq.seq);
  }

  /** Options for ua.invite() towards the target: Replaces and Referred-By carried over. */
  inviteHeaders(): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(referToHeaders(this.referTo))) headers[name] = value;
    if (this.referredBy) headers['Referred-By'] = this.referredBy;
    return headers;
  }

  /** Sends a NOTIFY with the sipfrag of `status`; a final status ends the subscription. */
  notify(status: number, reason?: string): Promise<SipResponse> {
    if (this.terminated) return Promise.reject(new SipStateError('the refer subscription is over', 'Terminated'));
    const dialog = this.request.dialog;
    if (!dialog) return Promise.reject(new SipStateError('REFER outside a dialog is not supported', 'Request'));
    const final = status >= 200;
    if (final) this.terminated = true;
    return dialog.request('NOTIFY', {
      headers: {
        Event: `refer;id=${this.id}`,
        'Subscription-State': final ? 'terminated;reason=noresource' : 'active;expires=60',
      },
      body: sipfragBody(status, reason),
      contentType: SIPFRAG_CONTENT_TYPE,
    });
  }
}

/**
 * Accepts a REFER received in a dialog: 202 Accepted, then the initial NOTIFY (100 Trying) that
 * RFC 3515 2.4.4 requires. Failures of that NOTIFY go to `onError`.
 */
export function acceptRefer(request: IncomingRequest, onError: (error: SipError) => void): IncomingRefer {
  const refer = new IncomingRefer(request);
  request.respond(202);
  refer.notify(100).catch(onError);
  return refer;
}
