import { SipParseError } from '../errors';
import * as chars from './char-classes';

// Bound once: per-use access to imported bindings costs a getter call under the CJS loader.
const {BACKSLASH, DQUOTE, HTAB, SP, TOKEN, scanClass, skipWs} = chars;

/**
 * A read position over one header value (or start-line element). `base` is where `s[0]` sits in
 * the whole message text, so every failure names the header and the absolute offset.
 */
export class Cursor {
  constructor(
    readonly s: string,
    public pos = 0,
    public end = s.length,
    readonly base = 0,
    readonly header?: string,
  ) {}

  fail(reason: string, at = this.pos): never {
    throw new SipParseError(reason, this.base + at, this.header);
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  peek(): number {
    return this.pos < this.end ? this.s.charCodeAt(this.pos) : -1;
  }

  skipWs(): void {
    this.pos = skipWs(this.s, this.pos, this.end);
  }

  /** Consumes `code` (after optional whitespace around it, as SWS allows) or fails. */
  expect(code: number, what: string): void {
    this.skipWs();
    if (this.peek() !== code) this.fail(`expected ${what}`);
    this.pos++;
    this.skipWs();
  }

  token(what: string): string {
    const start = this.pos;
    this.pos = scanClass(this.s, TOKEN, this.pos, this.end);
    if (this.pos === start) this.fail(`expected ${what}`);
    return this.s.slice(start, this.pos);
  }

  /**
   * quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE (RFC 3261 25.1). Returns the raw text
   * including the quotes; `unquote` gives the value.
   */
  quotedString(): string {
    const start = this.pos;
    if (this.peek() !== DQUOTE) this.fail('expected quoted string');
    let i = this.pos + 1;
    const { s, end } = this;
    while (i < end) {
      const c = s.charCodeAt(i);
      if (c === DQUOTE) {
        this.pos = i + 1;
        return s.slice(start, this.pos);
      }
      if (c === BACKSLASH) {
        if (i + 1 >= end) break;
        const next = s.charCodeAt(i + 1);
        if (next === 0x0a || next === 0x0d || next > 0x7f) this.fail('bad quoted-pair', i);
        i += 2;
        continue;
      }
      // qdtext excludes control characters other than LWS.
      if (c < 0x20 && c !== HTAB) this.fail('control character in quoted string', i);
      i++;
    }
    return this.fail('unterminated quoted string', start);
  }
}

/** The value of a quoted-string: quotes removed, quoted-pairs undone. Unquoted input is returned as is. */
export function unquote(raw: string): string {
  if (raw.length < 2 || raw.charCodeAt(0) !== DQUOTE) return raw;
  const inner = raw.slice(1, -1);
  return inner.indexOf('\\') < 0 ? inner : inner.replace(/\\(.)/gs, '$1');
}

/** A quoted-string holding `value` (backslash and quote escaped). */
export function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

/** True when `c` is SP or HTAB. */
export function isWs(c: number): boolean {
  return c === SP || c === HTAB;
}
