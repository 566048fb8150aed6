import { SipParseError } from '../errors';
import * as chars from './char-classes';
import * as cursorModule from './cursor';
import { NameAddr } from './name-addr';
import * as nameAddrModule from './name-addr';
import { Via } from './via';
import * as viaModule from './via';

// Bound once: per-use access to imported bindings costs a getter call under the CJS loader.
const {AT, DIGIT, TOKEN, WORD, scanClass, skipWs} = chars;
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

/** A SipParseError at `at` within a value that sits at `base` in the message. */
function fail(reason: string, at: number, base: number, header: string): never {
  throw new SipParseError(reason, base + at, header);
}

/** callid = word [ "@" word ] */
export function parseCallIdValue(value: string, base = 0, header = 'Call-ID'): string {
  let end = scanClass(value, WORD, 0);
  if (end === 0) fail('empty Call-ID', 0, base, header);
  if (value.charCodeAt(end) === AT) {
    const second = scanClass(value, WORD, end + 1);
    if (second === end + 1) fail('empty word after "@" in Call-ID', end + 1, base, header);
    end = second;
  }
  if (end !== value.length) fail('bad character in Call-ID', end, base, header);
  return value;
}

/** CSeq = 1*DIGIT LWS Method */
export function parseCSeqValue(value: string, base = 0, header = 'CSeq'): CSeq {
  const digitsEnd = scanClass(value, DIGIT, 0);
  if (digitsEnd === 0) fail('expected sequence number', 0, base, header);
  if (digitsEnd > 10) fail('sequence number too large', 0, base, header);
  const seq = Number(value.slice(0, digitsEnd));
  if (seq > MAX_CSEQ) fail('sequence number too large', 0, base, header);
  const methodStart = skipWs(value, digitsEnd);
  if (methodStart === digitsEnd) fail('expected whitespace before method', digitsEnd, base, header);
  const methodEnd = scanClass(value, TOKEN, methodStart);
  if (methodEnd === methodStart) fail('expected method', methodStart, base, header);
  if (skipWs(value, methodEnd) !== value.length) fail('unexpected character after method', methodEnd, base, header);
  return { seq, method: value.slice(methodStart, methodEnd) };
}

/** A non-negative decimal of at most `max`. */
export function parseBoundedInt(value: string, max: number, base: number, header: string, what: string): number {
  const end = scanClass(value, DIGIT, 0);
  if (end === 0) fail(`expected ${what}`, 0, base, header);
  if (end !== value.length) fail(`bad character in ${what}`, end, base, header);
  if (end > 12) fail(`${what} too large`, 0, base, header);
  const n = Number(value);
  if (n > max) fail(`${what} too large`, 0, base, header);
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
