import { SipParseError } from '../errors';
import { SipHeaders } from './sip-headers';
import { defaultReason } from './sip-response';

/** A message/sipfrag body (RFC 3420) as REFER's NOTIFYs carry it: a start line, maybe headers. */
export interface Sipfrag {
  status?: number;
  reason?: string;
  method?: string;
  uri?: string;
  headers: SipHeaders;
}

const STATUS_LINE = /^SIP\/2\.0 (\d{3})(?: (.*))?$/;
const REQUEST_LINE = /^([!-~]+) (\S+) SIP\/2\.0$/;

export function parseSipfrag(body: Buffer | string): Sipfrag {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  const [first, ...rest] = text.split('\r\n');
  const headers = new SipHeaders();
  for (const line of rest) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new SipParseError('sipfrag header without ":"', text.indexOf(line), 'body');
    headers.addReceived(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const status = STATUS_LINE.exec(first);
  if (status) return { status: Number(status[1]), reason: status[2] ?? '', headers };
  const request = REQUEST_LINE.exec(first);
  if (request) return { method: request[1], uri: request[2], headers };
  throw new SipParseError('sipfrag does not start with a SIP start line', 0, 'body');
}

/** The body of a NOTIFY reporting `status` (RFC 3515 2.4.5). */
export function sipfragBody(status: number, reason = defaultReason(status)): string {
  return `SIP/2.0 ${status} ${reason}\r\n`;
}

export const SIPFRAG_CONTENT_TYPE = 'message/sipfrag;version=2.0';
