import { NameAddr } from '../message/name-addr';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { SipUri } from '../message/sip-uri';
import { Uri } from '../message/uri';
import { SipMessageError } from '../errors';

/**
 * The data of a dialog (RFC 3261 12): identity, sequence numbers, URIs, remote target and route
 * set. Plain data, built by the two constructors below; behaviour lives in Dialog.
 */
export interface DialogState {
  callId: string;
  localTag: string;
  remoteTag: string;
  /** Empty (undefined) until this side sends a request in the dialog. */
  localSeq?: number;
  remoteSeq?: number;
  /** Local and remote party as in From/To, tags stripped. */
  localUri: NameAddr;
  remoteUri: NameAddr;
  remoteTarget: Uri;
  /** Route set in the order requests carry it. */
  routeSet: NameAddr[];
  secure: boolean;
}

export function dialogId(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}\u0000${localTag}\u0000${remoteTag}`;
}

function withoutTag(addr: NameAddr): NameAddr {
  return addr.tag === undefined ? addr : addr.withParam('tag', null);
}

function contactUri(message: SipRequest, what: string): Uri {
  const contact = message.contact[0];
  if (!contact) throw new SipMessageError(`${what} has no Contact: cannot build a dialog`);
  return contact.uri;
}

/** RFC 3261 12.1.1: the UAS side, from the request and the response (with To tag) it sends. */
export function uasDialogState(request: SipRequest, localTag: string): DialogState {
  const remoteTag = request.from.tag;
  if (remoteTag === undefined) throw new SipMessageError('request has no From tag: cannot build a dialog');
  return {
    callId: request.callId,
    localTag,
    remoteTag,
    remoteSeq: request.cseq.seq,
    localUri: withoutTag(request.to),
    remoteUri: withoutTag(request.from),
    remoteTarget: contactUri(request, 'request'),
    routeSet: request.recordRoute,
    secure: request.uri instanceof SipUri && request.uri.scheme === 'sips',
  };
}

/** RFC 3261 12.1.2: the UAC side, from its request and a response with To tag; route set reversed. */
export function uacDialogState(request: SipRequest, response: SipResponse): DialogState {
  const remoteTag = response.to.tag;
  const localTag = request.from.tag;
  if (remoteTag === undefined || localTag === undefined) throw new SipMessageError('response has no To tag: cannot build a dialog');
  return {
    callId: request.callId,
    localTag,
    remoteTag,
    localSeq: request.cseq.seq,
    localUri: withoutTag(request.from),
    remoteUri: withoutTag(response.to),
    // A 1xx without Contact still makes an early dialog; its target stays the Request-URI.
    remoteTarget: response.contact[0]?.uri ?? request.uri,
    routeSet: response.recordRoute.reverse(),
    secure: request.uri instanceof SipUri && request.uri.scheme === 'sips',
  };
}
