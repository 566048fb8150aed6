import { isUtf8 } from 'node:buffer';
import { SipParseError } from '../errors';
import * as chars from './char-classes';
import { headerKey } from './header-names';
import {
  CSeq,
  parseAddressValue,
  parseCSeqValue,
  parseCallIdValue,
  parseContactValue,
  parseContentLengthValue,
  parseDateValue,
  parseMaxForwardsValue,
  parseViaValue,
} from './header-values';
import { NameAddr } from './name-addr';
import { SipHeaders } from './sip-headers';
import { MessageViews } from './sip-message';
import { SipRequest } from './sip-request';
import { SipResponse } from './sip-response';
import { StartLine, looksLikeStatusLine, parseStartLine } from './start-line';
import { Via } from './via';

// Bound once: per-use access to imported bindings costs a getter call under the CJS loader.
const {CR, HTAB, LF, SP, TOKEN, scanClass, skipWs} = chars;

export interface ParseOptions {
  /**
   * Datagram semantics (RFC 3261 18.3), the default: without Content-Length the body runs to the
   * end of the input; bytes past Content-Length are discarded. With `datagram: false` (a message cut
   * out of a stream) a missing Content-Length means an empty body.
   */
  datagram?: boolean;
}

/** What could be read of a message that failed to parse; enough to answer 400 to a request. */
export interface PartialMessage {
  kind: 'request' | 'response' | 'unknown';
  method?: string;
  headers: SipHeaders;
}

export type ParsedMessage = SipRequest | SipResponse;

const BLANK_LINE = Buffer.from('\r\n\r\n', 'latin1');
const NON_ASCII = /[^\x00-\x7f]/;
const FOLD = /[ \t]*\r\n[ \t]+/g;

/** Headers that are single-valued: a second field is an error (RFC 3261 7.3.1). */
const SINGLE = new Set(['from', 'to', 'call-id', 'cseq', 'max-forwards', 'content-length']);

/**
 * Parses one SIP message. Start line, Via, From, To, Call-ID, CSeq, Contact, Max-Forwards,
 * Content-Length and Date are parsed and validated here; other header values are kept verbatim and read on
 * demand. Any problem is a SipParseError naming the header and the byte offset; the parser reads
 * the whole header block before giving up, so the error carries a PartialMessage.
 */
export function parseMessage(input: Buffer | string, options: ParseOptions = {}): ParsedMessage {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const datagram = options.datagram ?? true;
  let start = 0;
  // RFC 3261 7.5: CRLFs before the start line are ignored.
  while (start + 1 < buf.length && buf[start] === CR && buf[start + 1] === LF) start += 2;
  if (start >= buf.length) throw new SipParseError('empty message', start);
  const blank = buf.indexOf(BLANK_LINE, start);
  if (blank < 0) throw new SipParseError('no empty line after the header fields', buf.length);
  const textEnd = blank + 2;

  let text = buf.toString('latin1', start, textEnd);
  let ascii = true;
  let latin1 = false;
  if (NON_ASCII.test(text)) {
    // UTF-8 where it is valid; otherwise keep the bytes as latin1 so serializing restores them.
    if (isUtf8(buf.subarray(start, textEnd))) {
      text = buf.toString('utf8', start, textEnd);
      ascii = false;
    } else latin1 = true;
  }
  const byteOffset = (charOffset: number): number =>
    start + (ascii ? charOffset : Buffer.byteLength(text.slice(0, charOffset), 'utf8'));
  const relocate = (e: SipParseError, partial?: PartialMessage): SipParseError =>
    new SipParseError(e.reason, byteOffset(e.offset), e.header, partial);

  let firstError: SipParseError | undefined;
  const note = (e: unknown): void => {
    if (!(e instanceof SipParseError)) throw e;
    firstError ??= e;
  };

  const lineEnd = text.indexOf('\r\n');
  const firstLine = text.slice(0, lineEnd);
  if (firstLine.indexOf('\n') >= 0) note(new SipParseError('bare LF in start line', firstLine.indexOf('\n'), 'start line'));
  let startLine: StartLine | undefined;
  try {
    startLine = parseStartLine(firstLine, 0);
  } catch (e) {
    note(e);
  }

  const headers = new SipHeaders();
  const via: Via[] = [];
  let from: NameAddr | undefined;
  let to: NameAddr | undefined;
  let callId: string | undefined;
  let cseq: CSeq | undefined;
  let contact: NameAddr[] | '*' | undefined;
  let maxForwards: number | undefined;
  let contentLength: number | undefined;
  let cseqAt = 0;
  const seen = new Set<string>();

  const n = text.length;
  let pos = lineEnd + 2;
  while (pos < n) {
    let lf = text.indexOf('\n', pos);
    let folded = false;
    for (;;) {
      if (text.charCodeAt(lf - 1) !== CR || lf - 1 < pos) {
        note(new SipParseError('bare LF in header line', lf));
        break;
      }
      const next = text.charCodeAt(lf + 1);
      if (lf + 1 >= n || (next !== SP && next !== HTAB)) break;
      folded = true; // RFC 3261 7.3.1: a line starting with whitespace continues the header
      lf = text.indexOf('\n', lf + 1);
    }
    const end = lf - 1;
    const lineStart = pos;
    pos = lf + 1;
    const nameEnd = scanClass(text, TOKEN, lineStart, end);
    const colon = skipWs(text, nameEnd, end);
    if (nameEnd === lineStart || text.charCodeAt(colon) !== 0x3a || colon >= end + 1) {
      note(new SipParseError(nameEnd === lineStart ? 'expected header name' : 'expected ":" after header name', nameEnd));
      continue;
    }
    const name = text.slice(lineStart, nameEnd);
    let valueStart = colon + 1;
    let valueEnd = end;
    while (valueStart < valueEnd) {
      const c = text.charCodeAt(valueStart);
      if (c === SP || c === HTAB || c === CR || c === LF) valueStart++;
      else break;
    }
    while (valueEnd > valueStart) {
      const c = text.charCodeAt(valueEnd - 1);
      if (c === SP || c === HTAB) valueEnd--;
      else break;
    }
    let value = text.slice(valueStart, valueEnd);
    if (folded) value = value.replace(FOLD, ' ');
    const key = headerKey(name);
    headers.appendRaw(name, key, value);

    try {
      if (SINGLE.has(key)) {
        if (seen.has(key)) throw new SipParseError('header may appear only once', valueStart, name);
        seen.add(key);
      }
      switch (key) {
        case 'via':
          for (const v of parseViaValue(value, valueStart, name)) via.push(v);
          break;
        case 'from':
          from = parseAddressValue(value, valueStart, name);
          break;
        case 'to':
          to = parseAddressValue(value, valueStart, name);
          break;
        case 'call-id':
          callId = parseCallIdValue(value, valueStart, name);
          break;
        case 'cseq':
          cseqAt = valueStart;
          cseq = parseCSeqValue(value, valueStart, name);
          break;
        case 'contact': {
          const list = parseContactValue(value, valueStart, name);
          if (list === '*' || contact === '*') {
            if (contact !== undefined) throw new SipParseError('"*" Contact must be the only one', valueStart, name);
            contact = list;
          } else contact = contact ? contact.concat(list) : list;
          break;
        }
        case 'max-forwards':
          maxForwards = parseMaxForwardsValue(value, valueStart, name);
          break;
        case 'content-length':
          contentLength = parseContentLengthValue(value, valueStart, name);
          break;
        case 'date':
          parseDateValue(value, valueStart, name);
          break;
        default:
          break;
      }
    } catch (e) {
      note(e);
    }
  }

  const kind = startLine?.kind ?? (looksLikeStatusLine(firstLine) ? 'response' : firstLine.indexOf('SIP/') > 0 ? 'request' : 'unknown');
  const partial = (): PartialMessage => ({
    kind,
    method: startLine?.kind === 'request' ? startLine.method : firstLine.slice(0, Math.max(0, firstLine.indexOf(' '))),
    headers,
  });
  if (firstError) throw relocate(firstError, partial());
  if (!startLine) throw relocate(new SipParseError('unreadable start line', 0, 'start line'), partial());

  const missing = !via.length ? 'Via' : !from ? 'From' : !to ? 'To' : !callId ? 'Call-ID' : !cseq ? 'CSeq' : undefined;
  if (missing) throw relocate(new SipParseError(`missing ${missing} header`, lineEnd + 2, missing), partial());
  if (startLine.kind === 'request' && cseq!.method !== startLine.method) {
    throw relocate(new SipParseError(`CSeq method "${cseq!.method}" does not match request method`, cseqAt, 'CSeq'), partial());
  }

  const bodyStart = blank + 4;
  let bodyEnd = datagram ? buf.length : bodyStart;
  if (contentLength !== undefined) {
    if (bodyStart + contentLength > buf.length) {
      throw relocate(new SipParseError('Content-Length larger than the message body', text.length, 'Content-Length'), partial());
    }
    bodyEnd = bodyStart + contentLength; // RFC 3261 18.3: extra datagram octets are discarded
  }
  const body = buf.subarray(bodyStart, bodyEnd);

  const views: MessageViews = { via, from, to, callId, cseq, contact, maxForwards: maxForwards ?? null };
  const message =
    startLine.kind === 'request'
      ? new SipRequest({ method: startLine.method, uri: startLine.uri, headers, body, version: startLine.version })
      : new SipResponse({ status: startLine.status, reason: startLine.reason, headers, body, version: startLine.version });
  message.setViews(views);
  if (latin1) message.headerEncoding = 'latin1';
  return message;
}
