/**
 * A channel timeline packed for the trip back from a worker thread: its frames (tens of thousands
 * in a long recording) as columns of typed arrays whose buffers are transferred, not cloned object
 * by object (structured cloning them cost as much as a tenth of the scan itself).
 */
import { ChannelTimeline, FoundFrame, Segment } from './recording-analysis';

const HOW: readonly FoundFrame['how'][] = ['tracked', 'decoded', 'partial'];

export interface PackedTimeline {
  channel: number;
  segments: Segment[];
  frames: {
    streamId: Int32Array;
    index: Float64Array;
    start: Float64Array;
    length: Int32Array;
    frameOffset: Int32Array;
    correlation: Float64Array;
    how: Uint8Array;
  };
}

export function packTimeline(timeline: ChannelTimeline): { packed: PackedTimeline; transfer: ArrayBuffer[] } {
  const n = timeline.frames.length;
  const frames: PackedTimeline['frames'] = {
    streamId: new Int32Array(n),
    index: new Float64Array(n),
    start: new Float64Array(n),
    length: new Int32Array(n),
    frameOffset: new Int32Array(n),
    correlation: new Float64Array(n),
    how: new Uint8Array(n),
  };
  timeline.frames.forEach((frame, i) => {
    frames.streamId[i] = frame.streamId;
    frames.index[i] = frame.index;
    frames.start[i] = frame.start;
    frames.length[i] = frame.length;
    frames.frameOffset[i] = frame.frameOffset;
    frames.correlation[i] = frame.correlation;
    frames.how[i] = HOW.indexOf(frame.how);
  });
  const transfer = Object.values(frames).map((column) => column.buffer as ArrayBuffer);
  return { packed: { channel: timeline.channel, segments: timeline.segments, frames }, transfer };
}

export function unpackTimeline({ channel, segments, frames }: PackedTimeline): ChannelTimeline {
  const found: FoundFrame[] = new Array(frames.how.length);
  for (let i = 0; i < found.length; i++) {
    found[i] = {
      streamId: frames.streamId[i],
      index: frames.index[i],
      start: frames.start[i],
      length: frames.length[i],
      frameOffset: frames.frameOffset[i],
      correlation: frames.correlation[i],
      how: HOW[frames.how[i]],
    };
  }
  return { channel, segments, frames: found };
}
