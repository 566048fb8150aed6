/**
 * Character classes of the RFC 3261 grammar (section 25.1) as lookup tables over char codes, so
 * scanners test a character with one array read. Codes >= 128 are outside every class except
 * where UTF8-NONASCII is allowed (quoted strings, display names, reason phrases).
 */
function table(chars: string, ranges: Array<[number, number]> = []): Uint8Array {
  const t = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  for (const [from, to] of ranges) for (let c = from; c <= to; c++) t[c] = 1;
  return t;
}

const ALNUM: Array<[number, number]> = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x61, 0x7a],
];

/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export const TOKEN = table("-.!%*_+`'~", ALNUM);
/** word: token characters plus the separators Call-ID allows. */
export const WORD = table("-.!%*_+`'~()<>:\\\"/[]?{}", ALNUM);
/** unreserved / escaped / user-unreserved: what a SIP URI user part may hold. */
export const URI_USER = table("-_.!~*'()%&=+$,;?/", ALNUM);
/** password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," ) */
export const URI_PASSWORD = table("-_.!~*'()%&=+$,", ALNUM);
/** paramchar = param-unreserved / unreserved / escaped */
export const URI_PARAM = table("[]/:&+$-_.!~*'()%", ALNUM);
/** hname / hvalue characters of URI headers */
export const URI_HEADER = table("[]/?:+$-_.!~*'()%", ALNUM);
/** hostname characters (IPv4 too); IPv6 references are scanned separately */
export const HOST = table('-.', ALNUM);
export const DIGIT = table('', [[0x30, 0x39]]);
export const ALPHA = table('', [
  [0x41, 0x5a],
  [0x61, 0x7a],
]);
/** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
export const SCHEME = table('+-.', ALNUM);
export const HEX = table('', [
  [0x30, 0x39],
  [0x41, 0x46],
  [0x61, 0x66],
]);

export const SP = 0x20;
export const HTAB = 0x09;
export const CR = 0x0d;
export const LF = 0x0a;
export const DQUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const SEMI = 0x3b;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const EQUAL = 0x3d;
export const LAQUOT = 0x3c;
export const RAQUOT = 0x3e;
export const AT = 0x40;
export const QUESTION = 0x3f;
export const AMP = 0x26;
export const SLASH = 0x2f;
export const LBRACKET = 0x5b;
export const RBRACKET = 0x5d;

export function inClass(cls: Uint8Array, code: number): boolean {
  return code < 128 && cls[code] === 1;
}

/** Index of the first character at or after `pos` that is not SP or HTAB (folding is undone earlier). */
export function skipWs(s: string, pos: number, end = s.length): number {
  while (pos < end) {
    const c = s.charCodeAt(pos);
    if (c !== SP && c !== HTAB) break;
    pos++;
  }
  return pos;
}

/** Index just past the run of `cls` characters starting at `pos`. */
export function scanClass(s: string, cls: Uint8Array, pos: number, end = s.length): number {
  while (pos < end) {
    const c = s.charCodeAt(pos);
    if (c >= 128 || cls[c] !== 1) break;
    pos++;
  }
  return pos;
}

export function isToken(s: string): boolean {
  return s.length > 0 && scanClass(s, TOKEN, 0) === s.length;
}
