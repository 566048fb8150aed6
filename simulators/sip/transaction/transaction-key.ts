import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { BRANCH_COOKIE } from '../message/via';

/**
 * Server transaction matching (RFC 3261 17.2.3). With the magic cookie: branch, sent-by and method,
 * ACK counting as INVITE. Without it (RFC 2543 peers): Request-URI, From tag, Call-ID, CSeq number
 * and the whole top Via; the To tag is left out so that the ACK, which carries the tag of our
 * response, finds its INVITE. `asMethod` gives the key of another method with the same identity
 * (the INVITE a CANCEL refers to).
 */
export function serverTransactionKey(request: SipRequest, asMethod?: string): string {
  const via = request.topVia;
  const method = asMethod ?? (request.method === 'ACK' ? 'INVITE' : request.method);
  const branch = via?.branch;
  if (branch !== undefined && branch.startsWith(BRANCH_COOKIE)) {
    return `${branch}\u0000${via!.sentBy.toLowerCase()}\u0000${method}`;
  }
  return `2543\u0000${request.uri.toString()}\u0000${request.from.tag ?? ''}\u0000${request.callId}\u0000${request.cseq.seq}\u0000${via?.toString() ?? ''}\u0000${method}`;
}

/** Client transaction matching (RFC 3261 17.1.3): top Via branch and CSeq method. */
export function clientTransactionKey(branch: string, method: string): string {
  return `${branch}\u0000${method}`;
}

export function responseClientKey(response: SipResponse): string | undefined {
  const branch = response.topVia?.branch;
  return branch === undefined ? undefined : clientTransactionKey(branch, response.cseq.method);
}
