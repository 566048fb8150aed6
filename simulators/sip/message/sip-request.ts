import { SipHeaders } from './sip-headers';
import { SipMessage } from './sip-message';
import { Uri } from './uri';

export interface SipRequestInit {
  method: string;
  uri: Uri;
  headers?: SipHeaders;
  body?: Buffer | string;
  version?: string;
}

/** A SIP request: method, Request-URI, headers, body (RFC 3261 7.1). */
export class SipRequest extends SipMessage {
  method: string;
  uri: Uri;

  constructor(init: SipRequestInit) {
    super(init.headers, init.body, init.version);
    this.method = init.method;
    this.uri = init.uri;
  }

  override isRequest(): this is SipRequest {
    return true;
  }

  override startLine(): string {
    return `${this.method} ${this.uri.toString()} SIP/${this.version}`;
  }
}
