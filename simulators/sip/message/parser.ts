import * as nodeBuffer from 'node:buffer';
import { SipParseError } from '../errors';
import * as chars from './char-classes';
import * as names from './header-names';
import * as values from './header-values';
import type { CSeq } from './header-values';
import type { NameAddr } from './name-addr';
import { SipHeaders } from './sip-headers';
import { MessageViews } from './sip-message';
import { SipRequest } from './sip-request';
import { SipResponse } from './sip-response';
import * as startLines from './start-line';
import type { StartLine } from './start-line';
import type { Via } from './via';

// Bound once: per-use access to imported bindings costs a getter call under the CJS loader.
const { CR, HTAB, LF, SP, TOKEN, scanClass } = chars;
const { headerKey, knownHeaderKeyAt } = names;
const { parseAddressValue, parseCSeqValue, parseCallIdValue, parseContactValue, parseContentLengthValue, parseDateValue, parseMaxForwardsValue, parseViaValue } = values;
const { looksLikeStatusLine, parseStartLine } = startLines;
const { isAscii, isUtf8 } = nodeBuffer;

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
const FOLD = /[ \t]*\r\n[ \t]+/g;


/** Everything one parse collects; one object instead of closures keeps the hot path lean. */
class HeaderBlock {
  readonly headers = new SipHeaders();
  readonly via: Via[] = [];
  from?: NameAddr;
  to?: NameAddr;
  callId?: string;
  cseq?: CSeq;
  cseqAt = 0;
  contact?: NameAddr[] | '*';
  maxForwards?: number;
  contentLength?: number;
  seen = 0;
  error?: SipParseError;

  note(e: unknown): void {
    if (!(e instanceof SipParseError)) throw e;
    if (this.error === undefined) this.error = e;
  }

  /** Splits the header lines of `text` (from `pos`), undoing folding, and validates the strict set. */
  read(text: string, pos: number): void {
    const n = text.length;
    while (pos < n) {
      let lf = text.indexOf('\n', pos);
      let folded = false;
      for (;;) {
        if (lf - 1 < pos || text.charCodeAt(lf - 1) !== CR) {
          this.note(new SipParseError('bare LF in header line', lf));
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
      // field-name HCOLON: the name runs to the colon, less trailing whitespace. A name that
      // headerKeyAt recognises is a token by construction; any other is checked char by char.
      const colon = text.indexOf(':', lineStart);
      let nameEnd = colon < 0 || colon >= end ? lineStart : colon;
      while (nameEnd > lineStart && (text.charCodeAt(nameEnd - 1) === SP || text.charCodeAt(nameEnd - 1) === HTAB)) nameEnd--;
      const known = nameEnd > lineStart ? knownHeaderKeyAt(text, lineStart, nameEnd) : undefined;
      if (known === undefined) {
        const tokenEnd = scanClass(text, TOKEN, lineStart, end);
        if (tokenEnd === lineStart || tokenEnd !== nameEnd || colon < 0 || colon >= end) {
          const bad = tokenEnd === lineStart ? 'expected header name' : 'expected ":" after header name';
          this.note(new SipParseError(bad, tokenEnd));
          continue;
        }
      }
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
      const name = text.slice(lineStart, nameEnd);
      let value = text.slice(valueStart, valueEnd);
      if (folded) value = value.replace(FOLD, ' ');
      const key = known ?? headerKey(name);
      this.headers.appendRaw(name, key, value);
      this.validate(key, name, value, valueStart);
    }
  }

  private validate(key: string, name: string, value: string, at: number): void {
    try {
      switch (key) {
        case 'via': {
          const list = parseViaValue(value, at, name);
          for (let i = 0; i < list.length; i++) this.via.push(list[i]);
          break;
        }
        case 'from':
          this.once(1, at, name);
          this.from = parseAddressValue(value, at, name);
          break;
        case 'to':
          this.once(2, at, name);
          this.to = parseAddressValue(value, at, name);
          break;
        case 'call-id':
          this.once(4, at, name);
          this.callId = parseCallIdValue(value, at, name);
          break;
        case 'cseq':
          this.once(8, at, name);
          this.cseqAt = at;
          this.cseq = parseCSeqValue(value, at, name);
          break;
        case 'contact': {
          const list = parseContactValue(value, at, name);
          if (list === '*' || this.contact === '*') {
            if (this.contact !== undefined) throw new SipParseError('"*" Contact must be the only one', at, name);
            this.contact = list;
          } else this.contact = this.contact ? this.contact.concat(list) : list;
          break;
        }
        case 'max-forwards':
          this.once(16, at, name);
          this.maxForwards = parseMaxForwardsValue(value, at, name);
          break;
        case 'content-length':
          this.once(32, at, name);
          this.contentLength = parseContentLengthValue(value, at, name);
          break;
        case 'date':
          parseDateValue(value, at, name);
          break;
        default:
          break;
      }
    } catch (e) {
      this.note(e);
    }
  }

  /** Single-valued headers (RFC 3261 7.3.1): a second field is an error. */
  private once(bit: number, at: number, name: string): void {
    if (this.seen & bit) throw new SipParseError('header may appear only once', at, name);
    this.seen |= bit;
  }

  missing(): string | undefined {
    return !this.via.length ? 'Via' : !this.from ? 'From' : !this.to ? 'To' : !this.callId ? 'Call-ID' : !this.cseq ? 'CSeq' : undefined;
  }
}

/** A SipParseError at a character offset of `text`, moved to the byte offset in the input. */
function located(e: SipParseError, text: string, start: number, ascii: boolean, partial?: PartialMessage): SipParseError {
  const offset = start + (ascii ? e.offset : Buffer.byteLength(text.slice(0, e.offset), 'utf8'));
  return new SipParseError(e.reason, offset, e.header, partial);
}

function partialOf(firstLine: string, startLine: StartLine | undefined, headers: SipHeaders): PartialMessage {
  const kind = startLine?.kind ?? (looksLikeStatusLine(firstLine) ? 'response' : firstLine.indexOf('SIP/') > 0 ? 'request' : 'unknown');
  const method = startLine?.kind === 'request' ? startLine.method : firstLine.slice(0, Math.max(0, firstLine.indexOf(' ')));
  return { kind, method, headers };
}

/**
 * Parses one SIP message. Start line, Via, From, To, Call-ID, CSeq, Contact, Max-Forwards,
 * Content-Length and Date are parsed and validated here; other header values are kept verbatim
 * and read on demand. Any problem is a SipParseError naming the header and the byte offset; the
 * parser reads the whole header block before giving up, so the error carries a PartialMessage.
 */
export function parseMessage(input: Buffer | string, options?: ParseOptions): ParsedMessage {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const datagram = options?.datagram ?? true;
  let start = 0;
  // RFC 3261 7.5: CRLFs before the start line are ignored.
  while (start + 1 < buf.length && buf[start] === CR && buf[start + 1] === LF) start += 2;
  if (start >= buf.length) throw new SipParseError('empty message', start);
  const blank = buf.indexOf(BLANK_LINE, start);
  if (blank < 0) throw new SipParseError('no empty line after the header fields', buf.length);
  const textEnd = blank + 2;

  let ascii = true;
  let latin1 = false;
  let text: string;
  const head = buf.subarray(start, textEnd);
  if (isAscii(head)) text = buf.toString('latin1', start, textEnd);
  else if (isUtf8(head)) {
    text = buf.toString('utf8', start, textEnd);
    ascii = false;
  } else {
    // Not UTF-8: keep the bytes as latin1 so serializing restores them exactly.
    text = buf.toString('latin1', start, textEnd);
    latin1 = true;
  }

  const block = new HeaderBlock();
  const lineEnd = text.indexOf('\r\n');
  const firstLine = text.slice(0, lineEnd);
  if (firstLine.indexOf('\n') >= 0) block.note(new SipParseError('bare LF in start line', firstLine.indexOf('\n'), 'start line'));
  let startLine: StartLine | undefined;
  try {
    startLine = parseStartLine(firstLine, 0);
  } catch (e) {
    block.note(e);
  }
  block.read(text, lineEnd + 2);

  if (block.error) throw located(block.error, text, start, ascii, partialOf(firstLine, startLine, block.headers));
  if (!startLine) throw located(new SipParseError('unreadable start line', 0, 'start line'), text, start, ascii);
  const missing = block.missing();
  if (missing) throw located(new SipParseError(`missing ${missing} header`, lineEnd + 2, missing), text, start, ascii, partialOf(firstLine, startLine, block.headers));
  if (startLine.kind === 'request' && block.cseq!.method !== startLine.method) {
    const e = new SipParseError(`CSeq method "${block.cseq!.method}" does not match request method`, block.cseqAt, 'CSeq');
    throw located(e, text, start, ascii, partialOf(firstLine, startLine, block.headers));
  }

  const bodyStart = blank + 4;
  let bodyEnd = datagram ? buf.length : bodyStart;
  if (block.contentLength !== undefined) {
    if (bodyStart + block.contentLength > buf.length) {
      const e = new SipParseError('Content-Length larger than the message body', text.length, 'Content-Length');
      throw located(e, text, start, ascii, partialOf(firstLine, startLine, block.headers));
    }
    bodyEnd = bodyStart + block.contentLength; // RFC 3261 18.3: extra datagram octets are discarded
  }
  const body = buf.subarray(bodyStart, bodyEnd);

  const views: MessageViews = {
    via: block.via,
    from: block.from,
    to: block.to,
    callId: block.callId,
    cseq: block.cseq,
    contact: block.contact,
    maxForwards: block.maxForwards ?? null,
  };
  const message =
    startLine.kind === 'request'
      ? new SipRequest({ method: startLine.method, uri: startLine.uri, headers: block.headers, body, version: startLine.version })
      : new SipResponse({ status: startLine.status, reason: startLine.reason, headers: block.headers, body, version: startLine.version });
  message.setViews(views);
  if (latin1) message.headerEncoding = 'latin1';
  return message;
}
