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
