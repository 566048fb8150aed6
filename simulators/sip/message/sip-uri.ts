import * as chars from './char-classes';
import { Cursor } from './cursor';
import * as cursorModule from './cursor';
import { SipParam, SipParams, serializeParams, withParam } from './params';
import * as paramsModule from './params';

// Bound once: per-use access to imported bindings costs a getter call under the CJS loader.
const {AMP, COLON, DIGIT, EQUAL, HEX, HOST, LBRACKET, QUESTION, RBRACKET, SEMI, URI_HEADER, URI_PARAM, URI_PASSWORD, URI_USER, scanClass,} = chars;
const CursorCtor = cursorModule.Cursor;
const { findParam, paramValue, NO_PARAMS } = paramsModule;

export interface SipUriFields {
  scheme: 'sip' | 'sips';
  user?: string;
  password?: string;
  host: string;
  port?: number;
  params?: SipParams;
  headers?: SipParams;
}

/**
 * A sip: or sips: URI (RFC 3261 19.1). Immutable: `with()` makes a changed copy. A parsed URI keeps
 * its text, so serializing it gives back the exact bytes it came from. `user` stays escaped.
 */
export class SipUri {
  readonly scheme: 'sip' | 'sips';
  readonly user?: string;
  readonly password?: string;
  /** Host as written; an IPv6 reference keeps its brackets. */
  readonly host: string;
  readonly port?: number;
  readonly params: SipParams;
  readonly headers: SipParams;
  private text?: string;

  constructor(fields: SipUriFields, text?: string) {
    this.scheme = fields.scheme;
    this.user = fields.user;
    this.password = fields.password;
    this.host = fields.host;
    this.port = fields.port;
    this.params = fields.params ?? NO_PARAMS;
    this.headers = fields.headers ?? NO_PARAMS;
    this.text = text;
  }

  static parse(text: string): SipUri {
    const cur = new CursorCtor(text);
    const uri = parseSipUriAt(cur);
    if (!cur.atEnd()) cur.fail('unexpected character in SIP URI');
    return uri;
  }

  param(name: string): string | undefined {
    return paramValue(this.params, name);
  }

  hasParam(name: string): boolean {
    return findParam(this.params, name) !== undefined;
  }

  /** The transport the URI asks for (lower case), if any. */
  get transport(): string | undefined {
    return this.param('transport')?.toLowerCase();
  }

  /** Host without IPv6 brackets, as a socket API wants it. */
  get hostname(): string {
    return this.host.startsWith('[') ? this.host.slice(1, -1) : this.host;
  }

  with(changes: Partial<SipUriFields>): SipUri {
    return new SipUri({ ...this.fields(), ...changes });
  }

  withParam(name: string, value?: string | null): SipUri {
    return this.with({ params: withParam(this.params, name, value) });
  }

  fields(): SipUriFields {
    const { scheme, user, password, host, port, params, headers } = this;
    return { scheme, user, password, host, port, params, headers };
  }

  toString(): string {
    if (this.text === undefined) {
      let s = `${this.scheme}:`;
      if (this.user !== undefined) s += this.password !== undefined ? `${this.user}:${this.password}@` : `${this.user}@`;
      s += this.host;
      if (this.port !== undefined) s += `:${this.port}`;
      s += serializeParams(this.params);
      if (this.headers.length > 0) {
        s += `?${this.headers.map((h) => `${h.name}=${h.value ?? ''}`).join('&')}`;
      }
      this.text = s;
    }
    return this.text;
  }
}

/** "sip" or "sips" when `s` holds "sip:" or "sips:" (any case) at `at`, without slicing. */
export function sipSchemeAt(s: string, at: number, end: number): 'sip' | 'sips' | undefined {
  if (at + 4 > end || (s.charCodeAt(at) | 0x20) !== 0x73 || (s.charCodeAt(at + 1) | 0x20) !== 0x69 || (s.charCodeAt(at + 2) | 0x20) !== 0x70) {
    return undefined;
  }
  const c = s.charCodeAt(at + 3);
  if (c === COLON) return 'sip';
  if ((c | 0x20) === 0x73 && at + 5 <= end && s.charCodeAt(at + 4) === COLON) return 'sips';
  return undefined;
}

function checkEscapes(cur: Cursor, from: number, to: number): void {
  const { s } = cur;
  for (let i = s.indexOf('%', from); i >= 0 && i < to; i = s.indexOf('%', i + 1)) {
    const a = s.charCodeAt(i + 1);
    const b = s.charCodeAt(i + 2);
    if (i + 2 >= to || a >= 128 || b >= 128 || !HEX[a] || !HEX[b]) cur.fail('bad %-escape in URI', i);
  }
}

/**
 * Reads a sip/sips URI starting at its scheme, within `cur.end`. Stops at the end of the URI
 * grammar; the caller checks what follows.
 */
export function parseSipUriAt(cur: Cursor): SipUri {
  const { s } = cur;
  const start = cur.pos;
  const scheme = sipSchemeAt(s, start, cur.end);
  if (scheme === undefined) cur.fail('expected sip or sips URI', start);
  cur.pos = start + scheme.length + 1;

  let user: string | undefined;
  let password: string | undefined;
  const at = s.indexOf('@', cur.pos);
  if (at >= 0 && at < cur.end) {
    const userEnd = scanClass(s, URI_USER, cur.pos, at);
    if (userEnd === cur.pos) cur.fail('empty user part in URI');
    if (userEnd < at && s.charCodeAt(userEnd) !== COLON) cur.fail('bad character in URI user part', userEnd);
    checkEscapes(cur, cur.pos, userEnd);
    user = s.slice(cur.pos, userEnd);
    if (userEnd < at) {
      const pwEnd = scanClass(s, URI_PASSWORD, userEnd + 1, at);
      if (pwEnd !== at) cur.fail('bad character in URI password', pwEnd);
      checkEscapes(cur, userEnd + 1, at);
      password = s.slice(userEnd + 1, at);
    }
    cur.pos = at + 1;
  }

  const host = parseHost(cur);
  let port: number | undefined;
  if (cur.peek() === COLON) port = parsePort(cur);

  let params: SipParam[] | undefined;
  while (cur.peek() === SEMI) {
    cur.pos++;
    const nameStart = cur.pos;
    cur.pos = scanClass(s, URI_PARAM, cur.pos, cur.end);
    if (cur.pos === nameStart) cur.fail('empty URI parameter name');
    checkEscapes(cur, nameStart, cur.pos);
    const name = s.slice(nameStart, cur.pos);
    (params ??= []).push(cur.peek() === EQUAL ? { name, value: uriParamValue(cur) } : { name });
  }

  let headers: SipParam[] | undefined;
  if (cur.peek() === QUESTION) {
    do {
      cur.pos++;
      const nameStart = cur.pos;
      cur.pos = scanClass(s, URI_HEADER, cur.pos, cur.end);
      if (cur.pos === nameStart) cur.fail('empty URI header name');
      const name = s.slice(nameStart, cur.pos);
      if (cur.peek() !== EQUAL) cur.fail('expected "=" in URI header');
      cur.pos++;
      const valueStart = cur.pos;
      cur.pos = scanClass(s, URI_HEADER, cur.pos, cur.end);
      checkEscapes(cur, nameStart, cur.pos);
      (headers ??= []).push({ name, value: s.slice(valueStart, cur.pos) });
    } while (cur.peek() === AMP);
  }
  return new SipUri({ scheme, user, password, host, port, params, headers }, s.slice(start, cur.pos));
}

function uriParamValue(cur: Cursor): string {
  cur.pos++;
  const start = cur.pos;
  cur.pos = scanClass(cur.s, URI_PARAM, cur.pos, cur.end);
  checkEscapes(cur, start, cur.pos);
  return cur.s.slice(start, cur.pos);
}

/** host = hostname / IPv4address / IPv6reference (RFC 3261 25.1). */
export function parseHost(cur: Cursor): string {
  const { s } = cur;
  const start = cur.pos;
  if (cur.peek() === LBRACKET) {
    const close = s.indexOf(']', start);
    if (close < 0 || close >= cur.end) cur.fail('unterminated IPv6 reference');
    for (let i = start + 1; i < close; i++) {
      const c = s.charCodeAt(i);
      if (!(c === COLON || c === 0x2e || (c < 128 && HEX[c]))) cur.fail('bad character in IPv6 reference', i);
    }
    if (close === start + 1 || s.indexOf(':', start) > close) cur.fail('bad IPv6 reference', start);
    cur.pos = close + 1;
    return s.slice(start, cur.pos);
  }
  cur.pos = scanClass(s, HOST, cur.pos, cur.end);
  if (cur.pos === start) cur.fail('expected host');
  if (cur.peek() === RBRACKET) cur.fail('unexpected "]" in host');
  return s.slice(start, cur.pos);
}

/** port = 1*DIGIT, at most 65535; `cur` is at the colon. */
export function parsePort(cur: Cursor): number {
  cur.pos++;
  return parsePortDigits(cur);
}

/** The digits of a port, at `cur.pos`. */
export function parsePortDigits(cur: Cursor): number {
  const start = cur.pos;
  cur.pos = scanClass(cur.s, DIGIT, cur.pos, cur.end);
  if (cur.pos === start) cur.fail('expected port number');
  if (cur.pos - start > 5) cur.fail('port number too large', start);
  const port = Number(cur.s.slice(start, cur.pos));
  if (port > 65535) cur.fail('port number too large', start);
  return port;
}
