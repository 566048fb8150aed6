import { SipTimeoutError, SipTransportError } from '../errors';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';

/** What a client transaction tells its TU (RFC 3261 17.1). Every callback is optional. */
export interface ClientTransactionUser {
  /** Every response passed up: provisionals, the final, and (INVITE) 2xx retransmissions. */
  onResponse?(response: SipResponse): void;
  /** Timer B or F fired without a final response. */
  onTimeout?(error: SipTimeoutError): void;
  onTransportError?(error: SipTransportError): void;
  onTerminated?(): void;
}

/** What a server transaction tells its TU (RFC 3261 17.2). */
export interface ServerTransactionUser {
  /** An ACK matched the transaction in the Accepted state (RFC 6026 7.1). */
  onAck?(ack: SipRequest): void;
  /** Timer H fired: the non-2xx final response was never acknowledged. */
  onTimeout?(error: SipTimeoutError): void;
  onTransportError?(error: SipTransportError): void;
  onTerminated?(): void;
}
