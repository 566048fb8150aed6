/**
 * Lookups over what was sent: a stream by id, a frame's send time by (stream, index), and sample
 * offset ↔ send-clock ms once the time base is known.
 */
import { SentFrameTime, SentStream } from './recording-analysis';

/**
 * Whether `count` indexes spread over first..last are kept in an array by offset (a sender's run,
 * and what was found of it) rather than a map: not when they lie so far apart that the array would
 * be mostly empty (and, for scattered input, huge).
 */
export function fitsArrayByOffset(count: number, first: number, last: number): boolean {
  return last - first < 16 * count + 4096;
}

/** Frames by offset from the first index: an array, or for scattered indexes an object keyed alike. */
type FramesByOffset = { [offset: number]: SentFrameTime | undefined };
class SparseFrames {
  [offset: number]: SentFrameTime | undefined;
}

export class SendLogIndex {
  private readonly byId = new Map<number, SentStream>();
  /** Per stream, its frames by index − first (a sender's indexes are a run: an array, not a map). */
  private readonly frames = new Map<number, { first: number; byOffset: FramesByOffset; count: number }>();

  constructor(streams: readonly SentStream[]) {
    for (const stream of streams) {
      if (this.byId.has(stream.streamId)) {
        throw new RangeError(`stream ${stream.streamId} is listed twice in the analyzer input`);
      }
      this.byId.set(stream.streamId, stream);
      let first = Infinity;
      let last = -Infinity;
      for (const frame of stream.frames) {
        if (frame.index < first) first = frame.index;
        if (frame.index > last) last = frame.index;
      }
      // Indexes far apart (not a sender's run) go in a map rather than a mostly empty array.
      const dense = fitsArrayByOffset(stream.frames.length, first, last);
      const byOffset: FramesByOffset = stream.frames.length === 0 ? [] : dense ? new Array(last - first + 1).fill(undefined) : new SparseFrames();
      // A frame logged twice under one index: the later entry answers, as a map's set would.
      for (const frame of stream.frames) byOffset[frame.index - first] = frame;
      this.frames.set(stream.streamId, { first, byOffset, count: stream.frames.length });
    }
  }

  stream(streamId: number): SentStream | undefined {
    return this.byId.get(streamId);
  }

  sent(streamId: number, index: number): SentFrameTime | undefined {
    const frames = this.frames.get(streamId);
    return frames?.byOffset[index - frames.first];
  }

  /** False only when the stream is known and never sent `index` (an unknown stream may have). */
  mayHaveSent(streamId: number, index: number): boolean {
    const frames = this.frames.get(streamId);
    return !frames || frames.count === 0 || frames.byOffset[index - frames.first] !== undefined;
  }

  /** The first index the stream sent (anchors 16-bit index unwrapping); 0 for an unknown stream. */
  firstIndex(streamId: number): number {
    const frames = this.frames.get(streamId);
    return frames && frames.count > 0 ? frames.first : 0;
  }
}

export function describeStream(stream: SentStream | undefined, streamId: number): string {
  return stream?.label ? `stream ${streamId} (${stream.label})` : `stream ${streamId}`;
}
