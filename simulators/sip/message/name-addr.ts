import * as chars from './char-classes';
import { Cursor, quote } from './cursor';
import * as cursorModule from './cursor';
import { SipParams, serializeParams, withParam } from './params';
import * as paramsModule from './params';
import { SipUri } from './sip-uri';
import * as sipUriModule from './sip-uri';
import { Uri } from './uri';
import * as uriModule from './uri';

// Bound once: per-use access to imported bindings costs a getter call under the CJS loader.
const {COMMA, DQUOTE, HTAB, LAQUOT, QUESTION, SEMI, SP, TOKEN, scanClass, skipWs} = chars;
const { unquote } = cursorModule;
const CursorCtor = cursorModule.Cursor;
const { findParam, paramValue, parseParams, NO_PARAMS } = paramsModule;
const SipUriCtor = sipUriModule.SipUri;
const { parseUriAt } = uriModule;

export interface NameAddrFields {
  displayName?: string;
  uri: Uri;
  params?: SipParams;
}

/**
 * name-addr / addr-spec with header parameters: the value of From, To, Contact, Route,
 * Record-Route, Refer-To, Reply-To (RFC 3261 20.10, 25.1). `displayName` is unquoted. Immutable;
 * a parsed value serializes back to its exact text.
 */
export class NameAddr {
  readonly displayName?: string;
  readonly uri: Uri;
  readonly params: SipParams;
  private text?: string;

  constructor(fields: NameAddrFields, text?: string) {
    this.displayName = fields.displayName;
    this.uri = fields.uri;
    this.params = fields.params ?? NO_PARAMS;
    this.text = text;
  }

  /** Parses one value (no list); fails on anything after it. */
  static parse(text: string): NameAddr {
    const cur = new CursorCtor(text);
    const value = parseNameAddrAt(cur);
    cur.skipWs();
    if (!cur.atEnd()) cur.fail('unexpected character after address');
    return value;
  }

  /** Accepts a NameAddr, a URI or a string (URI or name-addr). */
  static from(value: NameAddr | Uri | string): NameAddr {
    if (value instanceof NameAddr) return value;
    if (typeof value === 'string') return NameAddr.parse(value);
    return new NameAddr({ uri: value });
  }

  get tag(): string | undefined {
    return paramValue(this.params, 'tag');
  }

  /** The URI as a SipUri, or undefined for tel: and other schemes. */
  get sipUri(): SipUri | undefined {
    return this.uri instanceof SipUriCtor ? this.uri : undefined;
  }

  param(name: string): string | undefined {
    return paramValue(this.params, name);
  }

  hasParam(name: string): boolean {
    return findParam(this.params, name) !== undefined;
  }

  with(changes: Partial<NameAddrFields>): NameAddr {
    return new NameAddr({ displayName: this.displayName, uri: this.uri, params: this.params, ...changes });
  }

  withParam(name: string, value?: string | null): NameAddr {
    return this.with({ params: withParam(this.params, name, value) });
  }

  withTag(tag: string): NameAddr {
    return this.withParam('tag', tag);
  }

  toString(): string {
    if (this.text === undefined) {
      const display = this.displayName !== undefined ? `${quote(this.displayName)} ` : '';
      this.text = `${display}<${this.uri.toString()}>${serializeParams(this.params)}`;
    }
    return this.text;
  }
}

/**
 * Reads one (name-addr / addr-spec) *(SEMI param) element at `cur.pos`; stops before a comma or at
 * the end. An addr-spec without angle brackets ends at the first ";" "," or whitespace: its
 * parameters belong to the header, and a URI with headers must use brackets (RFC 3261 20.10).
 */
export function parseNameAddrAt(cur: Cursor): NameAddr {
  const { s } = cur;
  cur.skipWs();
  const start = cur.pos;
  let displayName: string | undefined;
  let c = cur.peek();
  if (c === DQUOTE) {
    displayName = unquote(cur.quotedString());
    cur.skipWs();
    if (cur.peek() !== LAQUOT) cur.fail('expected "<" after display name');
  } else if (c !== LAQUOT) {
    // display-name = *(token LWS): look ahead for tokens followed by "<".
    let i = start;
    let lastEnd = start;
    for (;;) {
      const j = scanClass(s, TOKEN, i, cur.end);
      if (j === i) break;
      lastEnd = j;
      i = skipWs(s, j, cur.end);
    }
    if (i > start && s.charCodeAt(i) === LAQUOT && i < cur.end) {
      displayName = s.slice(start, lastEnd);
      cur.pos = i;
    }
  }
  c = cur.peek();
  let uri: Uri;
  if (c === LAQUOT) {
    const gt = s.indexOf('>', cur.pos);
    if (gt < 0 || gt >= cur.end) cur.fail('expected ">"');
    // The URI is read with the cursor narrowed to the brackets, then the end is put back.
    const end = cur.end;
    cur.pos++;
    cur.end = gt;
    uri = parseUriAt(cur);
    if (cur.pos !== gt) cur.fail('unexpected character in URI');
    cur.end = end;
    cur.pos = gt + 1;
  } else {
    let stop = cur.pos;
    while (stop < cur.end) {
      const ch = s.charCodeAt(stop);
      if (ch === SEMI || ch === COMMA || ch === SP || ch === HTAB) break;
      stop++;
    }
    const end = cur.end;
    cur.end = stop;
    uri = parseUriAt(cur);
    if (cur.pos !== stop) {
      cur.fail(s.charCodeAt(cur.pos) === QUESTION ? 'URI with headers must be enclosed in "<>"' : 'unexpected character in address');
    }
    if (uri instanceof SipUriCtor && uri.headers.length > 0) cur.fail('URI with headers must be enclosed in "<>"');
    cur.end = end;
  }
  const params = parseParams(cur);
  return new NameAddr({ displayName, uri, params }, s.slice(start, cur.pos));
}

/** A comma-separated list of name-addr elements (Contact, Route, Record-Route). */
export function parseNameAddrList(cur: Cursor): NameAddr[] {
  const list: NameAddr[] = [];
  for (;;) {
    list.push(parseNameAddrAt(cur));
    cur.skipWs();
    if (cur.atEnd()) return list;
    if (cur.peek() !== COMMA) cur.fail('expected "," or end of value');
    cur.pos++;
  }
}
