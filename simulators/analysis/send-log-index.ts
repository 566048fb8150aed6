/**
 * Lookups over what was sent: a stream by id, a frame's send time by (stream, index), and sample
 * offset ↔ send-clock ms once the time base is known.
 */
import { SentFrameTime, SentStream } from './recording-analysis';

export class SendLogIndex {
  private readonly byId = new Map<number, SentStream>();
  private readonly frames = new Map<number, Map<number, SentFrameTime>>();
  private readonly first = new Map<number, number>();

  constructor(streams: readonly SentStream[]) {
    for (const stream of streams) {
      if (this.byId.has(stream.streamId)) {
        throw new RangeError(`stream ${stream.streamId} is listed twice in the analyzer input`);
      }
      this.byId.set(stream.streamId, stream);
      const byIndex = new Map<number, SentFrameTime>();
      let first = Infinity;
      for (const frame of stream.frames) {
        byIndex.set(frame.index, frame);
        if (frame.index < first) first = frame.index;
      }
      this.frames.set(stream.streamId, byIndex);
      if (first !== Infinity) this.first.set(stream.streamId, first);
    }
  }

  stream(streamId: number): SentStream | undefined {
    return this.byId.get(streamId);
  }

  sent(streamId: number, index: number): SentFrameTime | undefined {
    return this.frames.get(streamId)?.get(index);
  }

  /** False only when the stream is known and never sent `index` (an unknown stream may have). */
  mayHaveSent(streamId: number, index: number): boolean {
    const frames = this.frames.get(streamId);
    return !frames || frames.size === 0 || frames.has(index);
  }

  /** The first index the stream sent (anchors 16-bit index unwrapping); 0 for an unknown stream. */
  firstIndex(streamId: number): number {
    return this.first.get(streamId) ?? 0;
  }
}

export function describeStream(stream: SentStream | undefined, streamId: number): string {
  return stream?.label ? `stream ${streamId} (${stream.label})` : `stream ${streamId}`;
}
