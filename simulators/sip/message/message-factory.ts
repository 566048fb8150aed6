import { SipMessageError } from '../errors';
import { newTag } from './identifiers';
import { NameAddr } from './name-addr';
import { SipHeaders } from './sip-headers';
import { SipRequest } from './sip-request';
import { SipResponse } from './sip-response';
import { Uri } from './uri';

export interface BodyOptions {
  body?: Buffer | string;
  contentType?: string;
}

/** Extra header fields: a record (one field per value; arrays give several) or ordered pairs. */
export type ExtraHeaders = Record<string, string | number | ReadonlyArray<string | number>> | ReadonlyArray<[string, string]>;

export function applyHeaders(headers: SipHeaders, extra: ExtraHeaders | undefined): void {
  if (!extra) return;
  if (Array.isArray(extra)) {
    for (const [name, value] of extra as ReadonlyArray<[string, string]>) headers.add(name, value);
    return;
  }
  for (const [name, value] of Object.entries(extra as Record<string, string | number | ReadonlyArray<string | number>>)) {
    headers.set(name, value);
  }
}

export interface ResponseOptions extends BodyOptions {
  reason?: string;
  headers?: ExtraHeaders;
  /** To tag for a response that has none yet (ignored for 100 Trying). */
  toTag?: string;
  /** Copy Record-Route (dialog-creating responses, RFC 3261 12.1.1). */
  copyRecordRoute?: boolean;
}

/**
 * A response to `request` (RFC 3261 8.2.6.2): Via, From, Call-ID and CSeq copied, To copied with a
 * tag added when it has none (except 100). The copies are the field values as received.
 */
export function createResponse(request: SipRequest, status: number, options: ResponseOptions = {}): SipResponse {
  const h = new SipHeaders();
  const src = request.headers;
  for (const via of src.getFields('Via')) h.addReceived('Via', via);
  if (options.copyRecordRoute) for (const rr of src.getFields('Record-Route')) h.addReceived('Record-Route', rr);
  const from = src.get('From');
  const to = src.get('To');
  const callId = src.get('Call-ID');
  const cseq = src.get('CSeq');
  if (from === undefined || to === undefined || callId === undefined || cseq === undefined) {
    throw new SipMessageError(`cannot answer ${request.method}: From, To, Call-ID and CSeq are needed`);
  }
  h.addReceived('From', from);
  let toValue = to;
  if (status > 100 && request.to.tag === undefined) {
    // Appending keeps the received text as it was (RFC 3261 8.2.6.2 copies To, adding the tag).
    toValue = `${to};tag=${options.toTag ?? newTag()}`;
  }
  h.addReceived('To', toValue);
  h.addReceived('Call-ID', callId);
  h.addReceived('CSeq', cseq);
  applyHeaders(h, options.headers);
  const response = new SipResponse({ status, reason: options.reason, headers: h });
  if (options.body !== undefined) response.setBody(options.body, options.contentType);
  return response;
}

export interface RequestOptions extends BodyOptions {
  method: string;
  uri: Uri;
  from: NameAddr;
  to: NameAddr;
  callId: string;
  cseq: number;
  /** Top Via value; the transaction layer fills it in when absent. */
  via?: string;
  contact?: NameAddr;
  route?: NameAddr[];
  maxForwards?: number;
  headers?: ExtraHeaders;
}

/** A request with the headers RFC 3261 8.1.1 requires, in the customary order. */
export function createRequest(o: RequestOptions): SipRequest {
  const h = new SipHeaders();
  if (o.via !== undefined) h.add('Via', o.via);
  h.add('Max-Forwards', o.maxForwards ?? 70);
  for (const route of o.route ?? []) h.add('Route', route.toString());
  h.add('From', o.from.toString());
  h.add('To', o.to.toString());
  h.add('Call-ID', o.callId);
  h.add('CSeq', `${o.cseq} ${o.method}`);
  if (o.contact) h.add('Contact', o.contact.toString());
  applyHeaders(h, o.headers);
  const request = new SipRequest({ method: o.method, uri: o.uri, headers: h });
  if (o.body !== undefined) request.setBody(o.body, o.contentType);
  return request;
}
