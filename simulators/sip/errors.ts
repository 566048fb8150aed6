/**
 * Typed errors of the SIP stack. A caller may catch SipError for "anything the stack reports";
 * each subclass carries the context a log needs (header and offset, transaction, address).
 * A non-2xx final response is never an error: it is data (SipResponse.status).
 */
export abstract class SipError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Input that is not a SIP message we can use. `offset` is the byte offset into the input where
 * the problem was found; `header` names the header field (as written) when the problem is inside
 * one. `partial` holds what could be read before the problem (start line and raw headers), so a
 * server can still answer 400 to a request whose Via, From, To, Call-ID and CSeq are readable.
 */
export class SipParseError extends SipError {
  readonly code = 'SIP_PARSE';

  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly header?: string,
    readonly partial?: unknown,
  ) {
    super(header ? `${header}: ${reason} (offset ${offset})` : `${reason} (offset ${offset})`);
  }

  /** The same problem located `base` bytes further into an enclosing input. */
  shifted(base: number, header = this.header, partial = this.partial): SipParseError {
    return new SipParseError(this.reason, this.offset + base, header, partial);
  }
}

/** A socket could not be bound, a message could not be sent, or a connection failed. */
export class SipTransportError extends SipError {
  readonly code = 'SIP_TRANSPORT';

  constructor(
    message: string,
    readonly address?: { host: string; port: number; protocol?: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A transaction ended without a final response (Timer B or F) or a 2xx was never ACKed. */
export class SipTimeoutError extends SipError {
  readonly code = 'SIP_TIMEOUT';

  constructor(
    message: string,
    readonly transactionId: string,
    readonly timer: string,
  ) {
    super(message);
  }
}

/** An operation that the current state of a transaction or dialog does not allow. */
export class SipStateError extends SipError {
  readonly code = 'SIP_STATE';

  constructor(
    message: string,
    readonly state: string,
  ) {
    super(message);
  }
}

/** A message the application asked to build is not valid SIP (missing header, bad argument). */
export class SipMessageError extends SipError {
  readonly code = 'SIP_MESSAGE';
}

/** An SDP body that cannot be used (no media, no connection address, unreadable). */
export class SdpError extends SipError {
  readonly code = 'SDP';
}

/** An application callback threw while the stack was handling a message; the stack answered 500. */
export class SipHandlerError extends SipError {
  readonly code = 'SIP_HANDLER';
}
