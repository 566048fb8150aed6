import { SipTransportError } from '../errors';
import { TransportLimits } from './transport';

const BLANK_LINE = Buffer.from('\r\n\r\n', 'latin1');
const CONTENT_LENGTH = /(?:^|\r\n)(?:content-length|l)[ \t]*:[ \t]*(\S*)[ \t]*(?=\r\n|$)/i;
const EMPTY = Buffer.alloc(0);

/**
 * Cuts SIP messages out of a byte stream (RFC 3261 18.3): the header block ends at the first empty
 * line, Content-Length gives the body. Handles partial reads and several messages in one read;
 * CRLFs between messages (keep-alives, RFC 5626 3.5.1) are skipped. A stream that cannot be framed
 * (no usable Content-Length, headers or message over the limits) is an error: the caller must
 * close the connection, as the next message boundary cannot be found any more.
 */
export class StreamFramer {
  private buffer: Buffer = EMPTY;
  private failed = false;

  constructor(
    private readonly limits: TransportLimits,
    private readonly onMessage: (message: Buffer) => void,
    private readonly onError: (error: SipTransportError) => void,
  ) {}

  get buffered(): number {
    return this.buffer.length;
  }

  push(chunk: Buffer): void {
    if (this.failed) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      let start = 0;
      while (start + 1 < this.buffer.length && this.buffer[start] === 0x0d && this.buffer[start + 1] === 0x0a) start += 2;
      if (start > 0) this.buffer = this.buffer.subarray(start);
      if (this.buffer.length === 0) return;
      const blank = this.buffer.indexOf(BLANK_LINE);
      if (blank < 0) {
        if (this.buffer.length > this.limits.maxHeaderBytes) this.fail(`header block over ${this.limits.maxHeaderBytes} bytes`);
        return;
      }
      if (blank + 4 > this.limits.maxHeaderBytes) return this.fail(`header block over ${this.limits.maxHeaderBytes} bytes`);
      const head = this.buffer.toString('latin1', 0, blank);
      const match = CONTENT_LENGTH.exec(head);
      let bodyLength = 0;
      if (match) {
        if (!/^\d{1,10}$/.test(match[1])) return this.fail(`unusable Content-Length "${match[1].slice(0, 20)}"`);
        bodyLength = Number(match[1]);
      }
      const total = blank + 4 + bodyLength;
      if (total > this.limits.maxMessageBytes) return this.fail(`message of ${total} bytes over the ${this.limits.maxMessageBytes}-byte limit`);
      if (this.buffer.length < total) return;
      const message = Buffer.from(this.buffer.subarray(0, total));
      this.buffer = this.buffer.subarray(total);
      this.onMessage(message);
      if (this.failed) return;
    }
  }

  private fail(reason: string): void {
    this.failed = true;
    this.buffer = EMPTY;
    this.onError(new SipTransportError(`stream framing failed: ${reason}`));
  }
}
