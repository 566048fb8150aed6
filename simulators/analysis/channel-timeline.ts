/**
 * One channel's timeline: whole frames from the scanner, cut frames and silence/unknown stretches
 * from the gap classifier, frame indexes unwrapped past 2^16, and runs of consecutive frames merged
 * into audio segments. Segments tile the channel: every sample belongs to exactly one.
 */
import * as layout from '../media/watermark/layout';
import { classifyGap, splitStretches, GapStretch, PartialFrame } from './gap-classifier';
import { scanFrames, ScannedFrame } from './frame-scanner';
import { ScanOptions } from './scan-options';
import { ChannelTimeline, FoundFrame, Segment } from './recording-analysis';

const FRAME_SAMPLES = layout.FRAME_SAMPLES;
const INDEX_MODULUS = layout.INDEX_MODULUS;

/** A frame before unwrapping: the watermark gives its index modulo 2^16. */
type RawFrame = Omit<FoundFrame, 'index'> & { index16: number };
type Item = { frame: RawFrame } | { stretch: GapStretch };

/**
 * `firstIndexOf(streamId)`: the first index the stream sent (anchors unwrapping; 0 when unknown).
 */
export function buildChannelTimeline(
  channel: number,
  samples: Int16Array,
  options: ScanOptions,
  firstIndexOf: (streamId: number) => number,
): ChannelTimeline {
  const scanned = scanFrames(samples, options);
  const items: Item[] = [];
  const pushGap = (start: number, end: number, before?: ScannedFrame, after?: ScannedFrame): void => {
    if (end <= start) return;
    for (const item of classifyGap(samples, start, end, before, after, options)) {
      if ('piece' in item) items.push({ frame: partialFrame(item.piece) });
      else if (item.stretch.length > 0) items.push({ stretch: item.stretch });
    }
  };
  if (scanned.length === 0) {
    for (const stretch of splitStretches(samples, 0, samples.length, options)) items.push({ stretch });
  } else {
    pushGap(0, scanned[0].start, undefined, scanned[0]);
    scanned.forEach((frame, i) => {
      items.push({ frame: { ...frame, length: FRAME_SAMPLES, frameOffset: 0 } });
      const next = scanned[i + 1];
      pushGap(frame.start + FRAME_SAMPLES, next ? next.start : samples.length, frame, next);
    });
  }
  const frames = unwrapIndexes(items, firstIndexOf);
  return { channel, frames, segments: toSegments(items, frames) };
}

function partialFrame(partial: PartialFrame): RawFrame {
  return { ...partial, how: 'partial' };
}

/** Continuity per stream: each index is the one nearest the stream's previous index in this channel. */
function unwrapIndexes(items: Item[], firstIndexOf: (streamId: number) => number): FoundFrame[] {
  const previous = new Map<number, number>();
  const frames: FoundFrame[] = [];
  for (const item of items) {
    if (!('frame' in item)) continue;
    const { index16, ...rest } = item.frame;
    const before = previous.get(rest.streamId);
    let index: number;
    if (before === undefined) {
      const anchor = firstIndexOf(rest.streamId);
      index = anchor + ((index16 - (anchor % INDEX_MODULUS) + INDEX_MODULUS) % INDEX_MODULUS);
    } else {
      let delta = (index16 - (before % INDEX_MODULUS) + INDEX_MODULUS) % INDEX_MODULUS;
      if (delta >= INDEX_MODULUS / 2) delta -= INDEX_MODULUS;
      index = before + delta;
    }
    previous.set(rest.streamId, index);
    frames.push({ ...rest, index });
  }
  return frames;
}

function toSegments(items: Item[], frames: FoundFrame[]): Segment[] {
  const segments: Segment[] = [];
  let f = 0;
  for (const item of items) {
    if ('stretch' in item) {
      const { kind, start, length, digital } = item.stretch;
      segments.push(kind === 'silence' ? { kind, start, length, digital } : { kind, start, length });
      continue;
    }
    const frame = frames[f++];
    const last = segments[segments.length - 1];
    if (
      last?.kind === 'audio' &&
      last.streamId === frame.streamId &&
      last.lastIndex + 1 === frame.index &&
      last.start + last.length === frame.start
    ) {
      last.length += frame.length;
      last.lastIndex = frame.index;
      last.frameCount++;
    } else {
      segments.push({
        kind: 'audio',
        start: frame.start,
        length: frame.length,
        streamId: frame.streamId,
        firstIndex: frame.index,
        lastIndex: frame.index,
        frameCount: 1,
      });
    }
  }
  return segments;
}
