import { MAX_LINE_BYTES } from './cti-events';

export type FramedLine = { kind: 'line'; text: string } | { kind: 'tooLong'; bytes: number };

const NEWLINE = 0x0a;

/**
 * Splits a byte stream into newline-terminated lines (UTF-8). A line longer than `maxBytes`
 * (newline excluded) is reported once, as soon as it is known to be too long, and the rest of it
 * is discarded up to its newline, so a sender cannot make the reader buffer without bound.
 */
export class LineFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private discarding = false;

  constructor(private readonly maxBytes: number = MAX_LINE_BYTES) {}

  push(data: Buffer): FramedLine[] {
    const out: FramedLine[] = [];
    let from = 0;
    while (from <= data.length) {
      const newline = data.indexOf(NEWLINE, from);
      const end = newline < 0 ? data.length : newline;
      const piece = data.subarray(from, end);
      if (!this.discarding) {
        this.chunks.push(piece);
        this.buffered += piece.length;
        if (this.buffered > this.maxBytes) {
          out.push({ kind: 'tooLong', bytes: this.buffered });
          this.discarding = true;
          this.reset();
        }
      }
      if (newline < 0) break;
      if (this.discarding) this.discarding = false;
      else {
        const line = Buffer.concat(this.chunks).toString('utf8').replace(/\r$/, '');
        if (line.trim() !== '') out.push({ kind: 'line', text: line });
      }
      this.reset();
      from = newline + 1;
    }
    return out;
  }

  private reset(): void {
    this.chunks = [];
    this.buffered = 0;
  }
}
