/**
 * SIP over TCP in a capture: each direction of a connection is put back in sequence order (a
 * retransmitted or duplicate segment is dropped, an early one waits for the gap to fill), then cut
 * into messages by the blank line and Content-Length (RFC 3261 section 18.3). A message is dated by
 * the segment that completed it, as Wireshark does.
 */

interface Flow {
  nextSequence?: number;
  /** Segments that arrived ahead of a gap, by sequence number. */
  early: Map<number, Buffer>;
  pending: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(\d+)/im;

export class SipStreamFramer {
  private readonly flows = new Map<string, Flow>();

  /** Adds a segment of flow `key`; returns the SIP messages it completed (as bytes). */
  push(key: string, tcp: { sequence: number; syn: boolean }, payload: Buffer): Buffer[] {
    let flow = this.flows.get(key);
    if (!flow) {
      flow = { early: new Map(), pending: Buffer.alloc(0) };
      this.flows.set(key, flow);
    }
    if (tcp.syn) {
      flow.nextSequence = (tcp.sequence + 1) >>> 0;
      return [];
    }
    if (payload.length === 0) return [];
    flow.nextSequence ??= tcp.sequence; // a capture that began mid-connection
    const ahead = (tcp.sequence - flow.nextSequence) | 0;
    if (ahead < 0) return []; // retransmission of bytes already taken
    if (ahead > 0) {
      flow.early.set(tcp.sequence, payload);
      return [];
    }
    const parts = [flow.pending, payload];
    flow.nextSequence = (flow.nextSequence + payload.length) >>> 0;
    for (let next = flow.early.get(flow.nextSequence); next; next = flow.early.get(flow.nextSequence)) {
      flow.early.delete(flow.nextSequence);
      parts.push(next);
      flow.nextSequence = (flow.nextSequence + next.length) >>> 0;
    }
    flow.pending = Buffer.concat(parts);
    return this.cut(flow);
  }

  private cut(flow: Flow): Buffer[] {
    const messages: Buffer[] = [];
    for (;;) {
      // Keep-alive CRLFs between messages (RFC 5626) are not messages.
      let start = 0;
      while (start + 1 < flow.pending.length && flow.pending[start] === 0x0d && flow.pending[start + 1] === 0x0a) start += 2;
      const headerEnd = flow.pending.indexOf(HEADER_END, start);
      if (headerEnd < 0) break;
      const length = Number(CONTENT_LENGTH.exec(flow.pending.subarray(start, headerEnd).toString('latin1'))?.[1] ?? 0);
      const end = headerEnd + HEADER_END.length + length;
      if (end > flow.pending.length) break;
      messages.push(flow.pending.subarray(start, end));
      flow.pending = flow.pending.subarray(end);
    }
    return messages;
  }
}
