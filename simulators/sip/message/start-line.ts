import * as chars from './char-classes';
import type { Cursor } from './cursor';
import * as cursorModule from './cursor';
import * as sipUriModule from './sip-uri';
import { Uri } from './uri';
import * as uriModule from './uri';

// Bound once: per-use access to imported bindings costs a getter call under the CJS loader.
const {DIGIT, SP, TOKEN, scanClass} = chars;
const CursorCtor = cursorModule.Cursor;
const SipUriCtor = sipUriModule.SipUri;
const { parseUriAt } = uriModule;

export type StartLine =
  | { kind: 'request'; method: string; uri: Uri; version: string }
  | { kind: 'response'; version: string; status: number; reason: string };

/** True when the line starts like a Status-Line ("SIP/"), compared case-insensitively. */
export function looksLikeStatusLine(line: string): boolean {
  return isSipSlash(line, 0, line.length);
}

/** "SIP/" in any case at `at`, compared in place. */
function isSipSlash(s: string, at: number, end: number): boolean {
  return (
    at + 4 <= end &&
    (s.charCodeAt(at) | 0x20) === 0x73 &&
    (s.charCodeAt(at + 1) | 0x20) === 0x69 &&
    (s.charCodeAt(at + 2) | 0x20) === 0x70 &&
    s.charCodeAt(at + 3) === 0x2f
  );
}

/** SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; returns the part after "SIP/" and where it ends. */
function parseVersion(cur: Cursor): string {
  const { s } = cur;
  if (!isSipSlash(s, cur.pos, cur.end)) cur.fail('expected SIP version');
  const start = cur.pos + 4;
  const major = scanClass(s, DIGIT, start, cur.end);
  if (major === start || s.charCodeAt(major) !== 0x2e) cur.fail('bad SIP version', start);
  const minor = scanClass(s, DIGIT, major + 1, cur.end);
  if (minor === major + 1) cur.fail('bad SIP version', start);
  cur.pos = minor;
  return s.slice(start, minor);
}

/**
 * Request-Line = Method SP Request-URI SP SIP-Version; Status-Line = SIP-Version SP Status-Code
 * SP Reason-Phrase (RFC 3261 7.1, 7.2). Exactly one SP between elements (RFC 4475 3.1.2.9/10).
 */
export function parseStartLine(line: string, base: number): StartLine {
  const cur = new CursorCtor(line, 0, line.length, base, 'start line');
  if (looksLikeStatusLine(line)) {
    const version = parseVersion(cur);
    if (cur.peek() !== SP) cur.fail('expected SP after SIP version');
    const codeStart = cur.pos + 1;
    const codeEnd = scanClass(line, DIGIT, codeStart);
    if (codeEnd - codeStart !== 3) cur.fail('status code must be three digits', codeStart);
    const status = Number(line.slice(codeStart, codeEnd));
    if (status < 100 || status > 699) cur.fail('status code out of range', codeStart);
    // Reason-Phrase may be empty (RFC 4475 3.1.1.13); tolerate a missing SP before it.
    if (codeEnd < line.length && line.charCodeAt(codeEnd) !== SP) cur.fail('expected SP after status code', codeEnd);
    const reason = line.slice(Math.min(codeEnd + 1, line.length));
    for (let i = 0; i < reason.length; i++) {
      const c = reason.charCodeAt(i);
      if (c < 0x20 && c !== 0x09) cur.fail('control character in reason phrase', codeEnd + 1 + i);
    }
    return { kind: 'response', version, status, reason };
  }
  const methodEnd = scanClass(line, TOKEN, 0);
  if (methodEnd === 0) cur.fail('expected method');
  if (line.charCodeAt(methodEnd) !== SP) cur.fail('expected SP after method', methodEnd);
  const method = line.slice(0, methodEnd);
  const uriStart = methodEnd + 1;
  const uriEnd = line.indexOf(' ', uriStart);
  if (uriEnd < 0) cur.fail('expected SP after Request-URI', line.length);
  if (uriEnd === uriStart) cur.fail('expected Request-URI', uriStart);
  const uriCur = new CursorCtor(line, uriStart, uriEnd, base, 'Request-URI');
  const uri = parseUriAt(uriCur);
  if (uriCur.pos !== uriEnd) uriCur.fail('unexpected character in Request-URI');
  if (uri instanceof SipUriCtor && uri.headers.length > 0) {
    uriCur.fail('Request-URI may not contain headers', line.indexOf('?', uriStart));
  }
  cur.pos = uriEnd + 1;
  const version = parseVersion(cur);
  if (!cur.atEnd()) cur.fail('unexpected characters after SIP version');
  return { kind: 'request', method, uri, version };
}
