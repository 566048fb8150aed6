import * as chars from './char-classes';
import * as cursorModule from './cursor';
import { NameAddr } from './name-addr';
import * as nameAddrModule from './name-addr';
import { Via } from './via';
import * as viaModule from './via';

// Bound once: per-use access to imported bindings costs a getter call under the CJS loader.
const {AT, DIGIT, TOKEN, WORD, scanClass} = chars;
const CursorCtor = cursorModule.Cursor;
const { parseNameAddrAt, parseNameAddrList } = nameAddrModule;
const { parseViaList } = viaModule;

/**
 * Strict parsers for the header values every message must get right (RFC 3261 25.1). Each takes
 * the value text, where it sits in the message (`base`) and the header name as written, so a
 * failure is a SipParseError naming both.
 */
export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

/** RFC 3261 8.1.1.5: the sequence number MUST be less than 2**31. */
export const MAX_CSEQ = 2 ** 31 - 1;

export function parseViaValue(value: string, base = 0, header = 'Via'): Via[] {
  return parseViaList(new CursorCtor(value, 0, value.length, base, header));
}

export function parseAddressValue(value: string, base = 0, header = 'From'): NameAddr {
  const cur = new CursorCtor(value, 0, value.length, base, header);
  const addr = parseNameAddrAt(cur);
  cur.skipWs();
  if (!cur.atEnd()) cur.fail('unexpected character after address');
  return addr;
}

/** Contact: "*" or a list of addresses. Returns "*" for the wildcard. */
export function parseContactValue(value: string, base = 0, header = 'Contact'): NameAddr[] | '*' {
  if (value === '*') return '*';
  return parseNameAddrList(new CursorCtor(value, 0, value.length, base, header));
}

/** A comma list of addresses (Route, Record-Route). */
export function parseAddressList(value: string, base = 0, header = 'Route'): NameAddr[] {
  return parseNameAddrList(new CursorCtor(value, 0, value.length, base, header));
}

/** callid = word [ "@" word ] */
export function parseCallIdValue(value: string, base = 0, header = 'Call-ID'): string {
  const cur = new CursorCtor(value, 0, value.length, base, header);
  let end = scanClass(value, WORD, 0);
  if (end === 0) cur.fail('empty Call-ID');
  if (value.charCodeAt(end) === AT) {
    const second = scanClass(value, WORD, end + 1);
    if (second === end + 1) cur.fail('empty word after "@" in Call-ID', end + 1);
    end = second;
  }
  if (end !== value.length) cur.fail('bad character in Call-ID', end);
  return value;
}

/** CSeq = 1*DIGIT LWS Method */
export function parseCSeqValue(value: string, base = 0, header = 'CSeq'): CSeq {
  const cur = new CursorCtor(value, 0, value.length, base, header);
  const digitsEnd = scanClass(value, DIGIT, 0);
  if (digitsEnd === 0) cur.fail('expected sequence number');
  if (digitsEnd > 10) cur.fail('sequence number too large', 0);
  const seq = Number(value.slice(0, digitsEnd));
  if (seq > MAX_CSEQ) cur.fail('sequence number too large', 0);
  cur.pos = digitsEnd;
  const before = cur.pos;
  cur.skipWs();
  if (cur.pos === before) cur.fail('expected whitespace before method');
  const method = cur.token('method');
  cur.skipWs();
  if (!cur.atEnd()) cur.fail('unexpected character after method');
  return { seq, method };
}

/** A non-negative decimal of at most `maxDigits` digits and at most `max`. */
export function parseBoundedInt(value: string, max: number, base: number, header: string, what: string): number {
  const cur = new CursorCtor(value, 0, value.length, base, header);
  const end = scanClass(value, DIGIT, 0);
  if (end === 0) cur.fail(`expected ${what}`);
  if (end !== value.length) cur.fail(`bad character in ${what}`, end);
  if (end > 12) cur.fail(`${what} too large`, 0);
  const n = Number(value);
  if (n > max) cur.fail(`${what} too large`, 0);
  return n;
}

/** Max-Forwards = 1*DIGIT, 0..255 (RFC 3261 20.22). */
export function parseMaxForwardsValue(value: string, base = 0, header = 'Max-Forwards'): number {
  return parseBoundedInt(value, 255, base, header, 'Max-Forwards value');
}

/** Content-Length = 1*DIGIT; bounded by what a message can hold. */
export function parseContentLengthValue(value: string, base = 0, header = 'Content-Length'): number {
  return parseBoundedInt(value, 2 ** 32 - 1, base, header, 'Content-Length value');
}

export function isMethodToken(method: string): boolean {
  return method.length > 0 && scanClass(method, TOKEN, 0) === method.length;
}

const RFC1123_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Date = rfc1123-date, which RFC 3261 20.17 restricts to GMT (RFC 4475 3.1.2.12). */
export function parseDateValue(value: string, base = 0, header = 'Date'): string {
  if (!RFC1123_DATE.test(value)) {
    const cur = new CursorCtor(value, 0, value.length, base, header);
    cur.fail(/ GMT$/.test(value) ? 'malformed rfc1123-date' : 'Date must be in GMT');
  }
  return value;
}
