import { SipParseError } from '../errors';
import { paramValue, parseParams, hasParam } from './params';
import { Cursor } from './cursor';
import { NameAddr } from './name-addr';
import { SipUri } from './sip-uri';

/**
 * Replaces (RFC 3891 6.1): the dialog an INVITE takes over. The tags are seen from the UA that
 * receives the INVITE: to-tag is its local tag, from-tag its remote tag.
 */
export interface ReplacesInfo {
  callId: string;
  toTag: string;
  fromTag: string;
  earlyOnly: boolean;
}

export function parseReplaces(value: string): ReplacesInfo {
  const semi = value.indexOf(';');
  const callId = (semi < 0 ? value : value.slice(0, semi)).trim();
  if (!callId) throw new SipParseError('Replaces has no Call-ID', 0, 'Replaces');
  const cur = new Cursor(value, semi < 0 ? value.length : semi, value.length, 0, 'Replaces');
  const params = parseParams(cur);
  cur.skipWs();
  if (!cur.atEnd()) cur.fail('unexpected character in Replaces');
  const toTag = paramValue(params, 'to-tag');
  const fromTag = paramValue(params, 'from-tag');
  if (toTag === undefined || fromTag === undefined) throw new SipParseError('Replaces needs to-tag and from-tag', 0, 'Replaces');
  return { callId, toTag, fromTag, earlyOnly: hasParam(params, 'early-only') };
}

export function formatReplaces(info: ReplacesInfo): string {
  return `${info.callId};to-tag=${info.toTag};from-tag=${info.fromTag}${info.earlyOnly ? ';early-only' : ''}`;
}

/** Escapes a header value for the headers part of a SIP URI (RFC 3261 19.1.1). */
function escapeHeaderValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A Refer-To value whose URI makes the referee send `Replaces` (consultation transfer, RFC 3891 7). */
export function referToWithReplaces(target: SipUri, replaces: ReplacesInfo): NameAddr {
  const headers = target.headers.filter((h) => h.name.toLowerCase() !== 'replaces');
  headers.push({ name: 'Replaces', value: escapeHeaderValue(formatReplaces(replaces)) });
  return new NameAddr({ uri: target.with({ headers }) });
}

/** The header fields a Refer-To URI asks the referee to put in its INVITE (unescaped). */
export function referToHeaders(referTo: NameAddr): Record<string, string> {
  const out: Record<string, string> = {};
  if (referTo.uri instanceof SipUri) for (const h of referTo.uri.headers) out[h.name] = decodeURIComponent(h.value ?? '');
  return out;
}
