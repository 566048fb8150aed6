/**
 * Header field names: compact forms (RFC 3261 7.3.3 and the extensions that define one), the
 * canonical spelling used when the stack writes a header, and which headers are comma lists.
 * A header's key is its long name in lower case; every lookup goes through `headerKey`.
 */
const COMPACT: Record<string, string> = {
  a: 'accept-contact',
  b: 'referred-by',
  c: 'content-type',
  d: 'request-disposition',
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact',
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  n: 'identity-info',
  o: 'event',
  r: 'refer-to',
  s: 'subject',
  t: 'to',
  u: 'allow-events',
  v: 'via',
  x: 'session-expires',
  y: 'identity',
};

const CANONICAL: Record<string, string> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'mime-version': 'MIME-Version',
  'rack': 'RAck',
  'rseq': 'RSeq',
  'sip-etag': 'SIP-ETag',
  'sip-if-match': 'SIP-If-Match',
};

/** Headers whose value is a comma-separated list that may also be split over several fields. */
const LIST_HEADERS = new Set([
  'via',
  'route',
  'record-route',
  'contact',
  'allow',
  'supported',
  'require',
  'proxy-require',
  'unsupported',
  'accept',
  'accept-encoding',
  'accept-language',
  'allow-events',
  'path',
  'service-route',
  'content-encoding',
  'content-language',
  'call-info',
  'alert-info',
  'error-info',
  'in-reply-to',
  'warning',
]);

// Names as they are usually written map straight to their key, skipping toLowerCase.
const KEY_CACHE = new Map<string, string>();

export function headerKey(name: string): string {
  let key = KEY_CACHE.get(name);
  if (key === undefined) {
    const lower = name.toLowerCase();
    key = COMPACT[lower] ?? lower;
    if (KEY_CACHE.size < 512) KEY_CACHE.set(name, key);
  }
  return key;
}

/** The canonical spelling of a header (Call-ID, CSeq, Content-Type, X-Genesys-Record-Id ...). */
export function canonicalName(name: string): string {
  const key = headerKey(name);
  return CANONICAL[key] ?? key.replace(/(^|-)([a-z])/g, (_m, dash: string, ch: string) => dash + ch.toUpperCase());
}

export function isListHeader(key: string): boolean {
  return LIST_HEADERS.has(key);
}

export function compactFormOf(name: string): string | undefined {
  const key = headerKey(name);
  for (const [short, long] of Object.entries(COMPACT)) if (long === key) return short;
  return undefined;
}

// Keys of the headers most messages carry, grouped by length, for headerKeyAt's fast path.
const COMMON_KEYS = [
  'via', 'from', 'to', 'call-id', 'cseq', 'contact', 'max-forwards', 'content-length', 'content-type', 'date',
  'route', 'record-route', 'subject', 'allow', 'supported', 'require', 'user-agent', 'server', 'expires', 'event',
  'refer-to', 'referred-by', 'subscription-state', 'www-authenticate', 'authorization', 'proxy-authenticate',
  'proxy-authorization', 'accept', 'allow-events', 'session-expires', 'min-se', 'replaces',
];
const BY_LENGTH: string[][] = [];
for (const key of COMMON_KEYS) (BY_LENGTH[key.length] ??= []).push(key);
const COMPACT_BY_CODE: Array<string | undefined> = [];
for (const [short, long] of Object.entries(COMPACT)) {
  COMPACT_BY_CODE[short.charCodeAt(0)] = long;
  COMPACT_BY_CODE[short.toUpperCase().charCodeAt(0)] = long;
}

/** `text[start..end)` equals `lowerKey` ignoring ASCII case (token characters only). */
function sameIgnoringCase(text: string, start: number, lowerKey: string): boolean {
  for (let i = 0; i < lowerKey.length; i++) {
    if ((text.charCodeAt(start + i) | 0x20) !== lowerKey.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * The key of a common header (or compact form) whose name is `text[start..end)`, recognised by
 * comparing characters without building and hashing a new string; undefined for other names.
 */
export function knownHeaderKeyAt(text: string, start: number, end: number): string | undefined {
  const length = end - start;
  if (length === 1) return COMPACT_BY_CODE[text.charCodeAt(start)];
  const candidates = BY_LENGTH[length];
  if (candidates !== undefined) {
    for (let i = 0; i < candidates.length; i++) if (sameIgnoringCase(text, start, candidates[i])) return candidates[i];
  }
  return undefined;
}
