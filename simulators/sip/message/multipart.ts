import { randomBytes } from 'node:crypto';
import { SipParseError } from '../errors';
import { unquote } from './cursor';
import { SipHeaders } from './sip-headers';

export interface MultipartPart {
  headers: SipHeaders;
  contentType?: string;
  body: Buffer;
}

export interface PartInit {
  contentType: string;
  body: Buffer | string;
  headers?: Record<string, string>;
}

const CRLF = Buffer.from('\r\n');

/** The boundary parameter of a multipart Content-Type (RFC 2046 5.1.1), or undefined. */
export function multipartBoundary(contentType: string): string | undefined {
  const [type, ...params] = contentType.split(';');
  if (!/^\s*multipart\//i.test(type)) return undefined;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq > 0 && p.slice(0, eq).trim().toLowerCase() === 'boundary') return unquote(p.slice(eq + 1).trim());
  }
  return undefined;
}

function parsePartHeaders(text: string, base: number): SipHeaders {
  const headers = new SipHeaders();
  for (const line of text.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new SipParseError('multipart part header without ":"', base, 'body');
    headers.add(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * Splits a multipart body into its parts (RFC 2046 5.1): binary-safe, the preamble and epilogue
 * ignored, each part's headers read up to its empty line. Errors are SipParseError on "body".
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw new SipParseError('Content-Type has no multipart boundary', 0, 'Content-Type');
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.concat([CRLF, dash]);
  let at = body.subarray(0, dash.length).equals(dash) ? 0 : body.indexOf(delimiter);
  if (at < 0) throw new SipParseError(`no "--${boundary}" delimiter in the body`, 0, 'body');
  if (at > 0) at += 2;
  const parts: MultipartPart[] = [];
  for (;;) {
    let pos = at + dash.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts; // close-delimiter
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++; // transport padding
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw new SipParseError('expected CRLF after the boundary', pos, 'body');
    pos += 2;
    const next = body.indexOf(delimiter, pos - 2);
    if (next < 0) throw new SipParseError('multipart body has no closing delimiter', body.length, 'body');
    const part = body.subarray(pos, Math.max(pos, next));
    let headers = new SipHeaders();
    let content = part;
    if (!(part[0] === 0x0d && part[1] === 0x0a)) {
      const blank = part.indexOf('\r\n\r\n');
      const headEnd = blank < 0 ? part.length : blank;
      headers = parsePartHeaders(part.toString('utf8', 0, headEnd), pos);
      content = blank < 0 ? part.subarray(part.length) : part.subarray(blank + 4);
    } else content = part.subarray(2);
    parts.push({ headers, contentType: headers.get('Content-Type'), body: content });
    at = next + 2;
  }
}

/** A multipart/mixed body and its Content-Type (RFC 2046 5.1.3). */
export function buildMultipart(parts: PartInit[], subtype = 'mixed', boundary = randomBytes(8).toString('hex')): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Type: ${part.contentType}\r\n`;
    for (const [name, value] of Object.entries(part.headers ?? {})) head += `${name}: ${value}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), typeof part.body === 'string' ? Buffer.from(part.body) : part.body, CRLF);
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/${subtype};boundary=${boundary}` };
}
