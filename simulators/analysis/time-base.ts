/**
 * Where file sample 0 sits on the send clock. Each whole frame found with a known send time says
 * "file start = sent at − file position"; the median of those is robust to a few misplaced frames.
 * With a given recording start the median still tells whether the audio sits where it should.
 */
import { ChannelTimeline, TimeBase } from './recording-analysis';
import { SendLogIndex } from './send-log-index';

export function computeTimeBase(
  channels: readonly ChannelTimeline[],
  sendLog: SendLogIndex,
  sampleRate: number,
  givenStartMs: number | undefined,
): TimeBase {
  const offsets: number[] = [];
  for (const channel of channels) {
    for (const frame of channel.frames) {
      if (frame.how === 'partial') continue;
      const sent = sendLog.sent(frame.streamId, frame.index);
      if (sent) offsets.push(sent.sentAtMs - (frame.start * 1000) / sampleRate);
    }
  }
  const estimatedStartMs = offsets.length > 0 ? median(offsets) : undefined;
  if (givenStartMs !== undefined) {
    return {
      fileStartMs: givenStartMs,
      source: 'given',
      estimatedStartMs,
      shiftMs: estimatedStartMs === undefined ? undefined : estimatedStartMs - givenStartMs,
      framesUsed: offsets.length,
    };
  }
  return {
    fileStartMs: estimatedStartMs,
    source: estimatedStartMs === undefined ? 'none' : 'estimated',
    estimatedStartMs,
    framesUsed: offsets.length,
  };
}

export function median(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
