import { SipMessageError } from '../errors';
import {
  CSeq,
  parseAddressList,
  parseAddressValue,
  parseCSeqValue,
  parseCallIdValue,
  parseContactValue,
  parseMaxForwardsValue,
  parseViaValue,
} from './header-values';
import { NameAddr } from './name-addr';
import { SipHeaders } from './sip-headers';
import { Via } from './via';

/** Typed views of headers, parsed once per header version. */
export interface MessageViews {
  via?: Via[];
  from?: NameAddr;
  to?: NameAddr;
  callId?: string;
  cseq?: CSeq;
  contact?: NameAddr[] | '*';
  maxForwards?: number | null;
}

const EMPTY = Buffer.alloc(0);

/**
 * What requests and responses share: header fields (strings, in order) and a body (bytes).
 * The typed getters parse on first use and cache until a header changes; a parsed message comes
 * with them already filled in, since the parser validated those headers.
 */
export abstract class SipMessage {
  readonly headers: SipHeaders;
  body: Buffer;
  /** SIP-Version without the "SIP/" (normally "2.0"). */
  version: string;
  /** How header text maps to bytes: latin1 only for received headers that were not valid UTF-8. */
  headerEncoding: 'utf8' | 'latin1' = 'utf8';
  private views: MessageViews = {};
  private viewsVersion = 0;

  constructor(headers?: SipHeaders, body?: Buffer | string, version = '2.0') {
    this.headers = headers ?? new SipHeaders();
    this.body = body === undefined ? EMPTY : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.version = version;
    this.viewsVersion = this.headers.version;
  }

  abstract isRequest(): boolean;
  abstract startLine(): string;

  /** Filled in by the parser with what it validated. */
  setViews(views: MessageViews): void {
    this.views = views;
    this.viewsVersion = this.headers.version;
  }

  private view(): MessageViews {
    if (this.viewsVersion !== this.headers.version) {
      this.views = {};
      this.viewsVersion = this.headers.version;
    }
    return this.views;
  }

  private required(name: string): string {
    const value = this.headers.get(name);
    if (value === undefined) throw new SipMessageError(`message has no ${name} header`);
    return value;
  }

  /** Every Via, top first. */
  get via(): Via[] {
    const v = this.view();
    return (v.via ??= this.headers.getFields('Via').flatMap((value) => parseViaValue(value)));
  }

  get topVia(): Via | undefined {
    return this.via[0];
  }

  get from(): NameAddr {
    const v = this.view();
    return (v.from ??= parseAddressValue(this.required('From'), 0, 'From'));
  }

  get to(): NameAddr {
    const v = this.view();
    return (v.to ??= parseAddressValue(this.required('To'), 0, 'To'));
  }

  get callId(): string {
    const v = this.view();
    return (v.callId ??= parseCallIdValue(this.required('Call-ID')));
  }

  get cseq(): CSeq {
    const v = this.view();
    return (v.cseq ??= parseCSeqValue(this.required('CSeq')));
  }

  /** Contact addresses; empty when absent or "*" (see isWildcardContact). */
  get contact(): NameAddr[] {
    const v = this.view();
    if (v.contact === undefined) {
      const fields = this.headers.getFields('Contact');
      v.contact = fields.length === 1 && fields[0] === '*' ? '*' : fields.flatMap((f) => parseContactValue(f) as NameAddr[]);
    }
    return v.contact === '*' ? [] : v.contact;
  }

  get isWildcardContact(): boolean {
    this.contact;
    return this.view().contact === '*';
  }

  get maxForwards(): number | undefined {
    const v = this.view();
    if (v.maxForwards === undefined) {
      const raw = this.headers.get('Max-Forwards');
      v.maxForwards = raw === undefined ? null : parseMaxForwardsValue(raw);
    }
    return v.maxForwards ?? undefined;
  }

  get recordRoute(): NameAddr[] {
    return this.headers.getFields('Record-Route').flatMap((f) => parseAddressList(f, 0, 'Record-Route'));
  }

  get route(): NameAddr[] {
    return this.headers.getFields('Route').flatMap((f) => parseAddressList(f, 0, 'Route'));
  }

  get contentType(): string | undefined {
    return this.headers.get('Content-Type');
  }

  /** The body decoded as UTF-8. */
  get bodyText(): string {
    return this.body.toString('utf8');
  }

  /** Sets the body and its Content-Type (removed when the body is empty). */
  setBody(body: Buffer | string | undefined, contentType?: string): this {
    this.body = body === undefined ? EMPTY : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (this.body.length === 0) this.headers.remove('Content-Type');
    else if (contentType !== undefined) this.headers.set('Content-Type', contentType);
    return this;
  }
}
