import { SipTransportError } from '../errors';

export type TransportProtocol = 'udp' | 'tcp';

/** Where a message came from or goes to. */
export interface TransportAddress {
  protocol: TransportProtocol;
  host: string;
  port: number;
}

export interface HostPort {
  host: string;
  port: number;
}

/** Limits every transport enforces on what it accepts and sends. */
export interface TransportLimits {
  /** Largest message accepted or sent, in bytes (default 65535; a UDP datagram holds 65507). */
  maxMessageBytes: number;
  /** Largest header block a stream transport buffers before giving up on the peer (default 16 KiB). */
  maxHeaderBytes: number;
}

export const DEFAULT_LIMITS: TransportLimits = { maxMessageBytes: 65535, maxHeaderBytes: 16384 };

/**
 * A SIP transport (RFC 3261 18): moves whole messages as bytes. It knows nothing of SIP beyond
 * framing on streams. Received data goes to the handler with its source; a stream transport hands
 * over one framed message at a time. Sending to an address without a connection opens one (TCP).
 */
export interface Transport {
  readonly protocol: TransportProtocol;
  /** Reliable transports get no retransmissions (RFC 3261 17.1.1.2, 17.1.2.2). */
  readonly reliable: boolean;
  /** The address actually bound (port 0 resolved). */
  readonly local: HostPort;
  send(data: Buffer, destination: HostPort): Promise<void>;
  onData(handler: (data: Buffer, source: TransportAddress) => void): void;
  /** Errors that happen outside a send (a connection reset, a socket error, oversize input). */
  onError(handler: (error: SipTransportError) => void): void;
  close(): Promise<void>;
}
