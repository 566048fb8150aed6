import { SipHeaders } from './sip-headers';
import { SipMessage } from './sip-message';

export interface SipResponseInit {
  status: number;
  reason?: string;
  headers?: SipHeaders;
  body?: Buffer | string;
  version?: string;
}

/** A SIP response: status code, reason phrase, headers, body (RFC 3261 7.2). */
export class SipResponse extends SipMessage {
  status: number;
  reason: string;

  constructor(init: SipResponseInit) {
    super(init.headers, init.body, init.version);
    this.status = init.status;
    this.reason = init.reason ?? defaultReason(init.status);
  }

  override isRequest(): false {
    return false;
  }

  override startLine(): string {
    return `SIP/${this.version} ${this.status} ${this.reason}`;
  }

  get isProvisional(): boolean {
    return this.status < 200;
  }

  get isSuccess(): boolean {
    return this.status >= 200 && this.status < 300;
  }
}

const REASONS: Record<number, string> = {
  100: 'Trying',
  180: 'Ringing',
  181: 'Call Is Being Forwarded',
  182: 'Queued',
  183: 'Session Progress',
  200: 'OK',
  202: 'Accepted',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Moved Temporarily',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  416: 'Unsupported URI Scheme',
  420: 'Bad Extension',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  482: 'Loop Detected',
  483: 'Too Many Hops',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  491: 'Request Pending',
  500: 'Server Internal Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  504: 'Server Time-out',
  505: 'Version Not Supported',
  513: 'Message Too Large',
  600: 'Busy Everywhere',
  603: 'Decline',
};

export function defaultReason(status: number): string {
  return REASONS[status] ?? (status < 200 ? 'Progress' : status < 300 ? 'OK' : 'Error');
}
