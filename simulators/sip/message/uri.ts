import * as chars from './char-classes';
import { Cursor } from './cursor';
import * as cursorModule from './cursor';
import { SipParams, serializeParams } from './params';
import * as paramsModule from './params';
import { SipUri } from './sip-uri';
import * as sipUriModule from './sip-uri';

// Bound once: per-use access to imported bindings costs a getter call under the CJS loader.
const {ALPHA, COLON, SCHEME, SEMI, scanClass} = chars;
const CursorCtor = cursorModule.Cursor;
const { paramValue, parseParams } = paramsModule;
const { parseSipUriAt, sipSchemeAt } = sipUriModule;

/** tel: URI (RFC 3966): the subscriber number and its parameters (phone-context etc.). */
export class TelUri {
  readonly scheme = 'tel';

  constructor(
    readonly number: string,
    readonly params: SipParams = [],
    private readonly text?: string,
  ) {}

  param(name: string): string | undefined {
    return paramValue(this.params, name);
  }

  toString(): string {
    return this.text ?? `tel:${this.number}${serializeParams(this.params)}`;
  }
}

/** Any other absoluteURI (http:, urn:, mailto:, ...): kept as opaque text. */
export class AbsoluteUri {
  constructor(
    readonly scheme: string,
    readonly opaque: string,
  ) {}

  toString(): string {
    return `${this.scheme}:${this.opaque}`;
  }
}

export type Uri = SipUri | TelUri | AbsoluteUri;

const TEL_CHARS = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF-.()+*#') TEL_CHARS[c.charCodeAt(0)] = 1;

/** Reads any URI from `cur.pos` up to `cur.end` (the caller has limited the extent). */
export function parseUriAt(cur: Cursor): Uri {
  const { s } = cur;
  const start = cur.pos;
  if (sipSchemeAt(s, start, cur.end) !== undefined) return parseSipUriAt(cur);
  const first = s.charCodeAt(start);
  if (!(first < 128 && ALPHA[first])) cur.fail('expected URI scheme');
  const schemeEnd = scanClass(s, SCHEME, start, cur.end);
  if (s.charCodeAt(schemeEnd) !== COLON || schemeEnd >= cur.end) cur.fail('expected ":" after URI scheme', schemeEnd);
  const scheme = s.slice(start, schemeEnd).toLowerCase();
  if (scheme === 'sip' || scheme === 'sips') return parseSipUriAt(cur);
  if (scheme === 'tel') {
    cur.pos = schemeEnd + 1;
    const numberEnd = scanClass(s, TEL_CHARS, cur.pos, cur.end);
    if (numberEnd === cur.pos) cur.fail('expected telephone number');
    const number = s.slice(cur.pos, numberEnd);
    cur.pos = numberEnd;
    const params = cur.peek() === SEMI ? parseParams(cur) : [];
    return new TelUri(number, params, s.slice(start, cur.pos));
  }
  // Opaque absoluteURI: everything up to the extent, no whitespace or controls.
  let i = schemeEnd + 1;
  while (i < cur.end) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f || c === 0x3c || c === 0x3e || c === 0x22) break;
    i++;
  }
  if (i === schemeEnd + 1) cur.fail('empty URI after scheme');
  cur.pos = i;
  return new AbsoluteUri(scheme, s.slice(schemeEnd + 1, i));
}

/** Parses a whole string as one URI; anything left over is an error. */
export function parseUri(text: string): Uri {
  const cur = new CursorCtor(text);
  const uri = parseUriAt(cur);
  if (!cur.atEnd()) cur.fail('unexpected character after URI');
  return uri;
}

/** Parses a string that must be a sip: or sips: URI. */
export function parseSipUri(text: string): SipUri {
  return SipUri.parse(text);
}

export { SipUri };
