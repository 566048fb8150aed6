import * as chars from './char-classes';
import { Cursor } from './cursor';
import * as cursorModule from './cursor';
import { SipParams, serializeParams, withParam } from './params';
import * as paramsModule from './params';
import * as sipUriModule from './sip-uri';

// Bound once: per-use access to imported bindings costs a getter call under the CJS loader.
const {COLON, COMMA, SLASH, TOKEN, scanClass} = chars;
const CursorCtor = cursorModule.Cursor;
const { findParam, paramValue, parseParams, NO_PARAMS } = paramsModule;
const { parseHost, parsePortDigits } = sipUriModule;

export interface ViaFields {
  protocolName?: string;
  version?: string;
  transport: string;
  host: string;
  port?: number;
  params?: SipParams;
}

/** The magic cookie that marks an RFC 3261 branch (section 8.1.1.7). */
export const BRANCH_COOKIE = 'z9hG4bK';

/** One via-parm: sent-protocol, sent-by and parameters (RFC 3261 20.42). Immutable. */
export class Via {
  readonly protocolName: string;
  readonly version: string;
  /** Transport as written (UDP, TCP, TLS, SCTP or any token). */
  readonly transport: string;
  readonly host: string;
  readonly port?: number;
  readonly params: SipParams;
  private text?: string;

  constructor(fields: ViaFields, text?: string) {
    this.protocolName = fields.protocolName ?? 'SIP';
    this.version = fields.version ?? '2.0';
    this.transport = fields.transport;
    this.host = fields.host;
    this.port = fields.port;
    this.params = fields.params ?? NO_PARAMS;
    this.text = text;
  }

  static parse(text: string): Via {
    const cur = new CursorCtor(text);
    const via = parseViaAt(cur);
    cur.skipWs();
    if (!cur.atEnd()) cur.fail('unexpected character after Via');
    return via;
  }

  get branch(): string | undefined {
    return paramValue(this.params, 'branch');
  }

  get received(): string | undefined {
    return paramValue(this.params, 'received');
  }

  /** rport (RFC 3581): a number once filled in, `true` when requested but empty. */
  get rport(): number | true | undefined {
    const p = findParam(this.params, 'rport');
    if (!p) return undefined;
    return p.value === undefined ? true : Number(p.value);
  }

  /** Host without IPv6 brackets. */
  get hostname(): string {
    return this.host.startsWith('[') ? this.host.slice(1, -1) : this.host;
  }

  /** sent-by as written: host[:port]. */
  get sentBy(): string {
    return this.port === undefined ? this.host : `${this.host}:${this.port}`;
  }

  param(name: string): string | undefined {
    return paramValue(this.params, name);
  }

  hasParam(name: string): boolean {
    return findParam(this.params, name) !== undefined;
  }

  withParam(name: string, value?: string | null): Via {
    return new Via(
      {
        protocolName: this.protocolName,
        version: this.version,
        transport: this.transport,
        host: this.host,
        port: this.port,
        params: withParam(this.params, name, value),
      },
    );
  }

  toString(): string {
    if (this.text === undefined) {
      const port = this.port === undefined ? '' : `:${this.port}`;
      this.text = `${this.protocolName}/${this.version}/${this.transport} ${this.host}${port}${serializeParams(this.params)}`;
    }
    return this.text;
  }
}

function protocolPart(cur: Cursor, what: string): string {
  cur.skipWs();
  const start = cur.pos;
  cur.pos = scanClass(cur.s, TOKEN, cur.pos, cur.end);
  if (cur.pos === start) cur.fail(`expected ${what}`);
  return cur.s.slice(start, cur.pos);
}

/** via-parm = sent-protocol LWS sent-by *( SEMI via-params ); stops before a comma or the end. */
export function parseViaAt(cur: Cursor): Via {
  cur.skipWs();
  const start = cur.pos;
  let protocolName = 'SIP';
  let version = '2.0';
  if (cur.s.startsWith('SIP/2.0/', start) && start + 8 <= cur.end) {
    cur.pos += 8; // the usual spelling, without whitespace: no need to cut it into parts
  } else {
    protocolName = protocolPart(cur, 'protocol name');
    cur.expect(SLASH, '"/" in Via sent-protocol');
    version = protocolPart(cur, 'protocol version');
    cur.expect(SLASH, '"/" in Via sent-protocol');
  }
  const transport = protocolPart(cur, 'transport');
  const beforeWs = cur.pos;
  cur.skipWs();
  if (cur.pos === beforeWs) cur.fail('expected whitespace before Via sent-by');
  const host = parseHost(cur);
  let port: number | undefined;
  cur.skipWs();
  if (cur.peek() === COLON) {
    cur.pos++;
    cur.skipWs();
    port = parsePortDigits(cur);
  }
  const params = parseParams(cur);
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p.value === undefined && p.name.length === 6 && p.name.toLowerCase() === 'branch') cur.fail('empty Via branch');
  }
  return new Via({ protocolName, version, transport, host, port, params }, cur.s.slice(start, cur.pos));
}

/** Via = via-parm *(COMMA via-parm). */
export function parseViaList(cur: Cursor): Via[] {
  const list: Via[] = [];
  for (;;) {
    list.push(parseViaAt(cur));
    cur.skipWs();
    if (cur.atEnd()) return list;
    if (cur.peek() !== COMMA) cur.fail('expected "," or end of Via');
    cur.pos++;
  }
}
