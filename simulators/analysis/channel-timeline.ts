/**
 * One channel's timeline: whole frames from the scanner, cut frames and silence/unknown stretches
 * from the gap classifier, frame indexes unwrapped past 2^16, and runs of consecutive frames merged
 * into audio segments. Segments tile the channel: every sample belongs to exactly one.
 */
import * as layout from '../media/watermark/layout';
import { classifyGap, splitStretches, GapStretch, PartialFrame } from './gap-classifier';
import { scanFrames, ScannedFrame } from './frame-scanner';
import { RebuiltFrames, measurePath, significant, withinNoise } from './recording-path';
import { ScanOptions } from './scan-options';
import { ChannelTimeline, FoundFrame, Segment } from './recording-analysis';

const FRAME_SAMPLES = layout.FRAME_SAMPLES;
const INDEX_MODULUS = layout.INDEX_MODULUS;

/** A frame before unwrapping: the watermark gives its index modulo 2^16. */
type RawFrame = Omit<FoundFrame, 'index'> & { index16: number };
type Item = { frame: RawFrame } | { stretch: GapStretch };

/** What the timeline needs to know about the send log. */
export interface SentIndexes {
  /** The first index the stream sent (anchors unwrapping; 0 for an unknown stream). */
  firstIndex(streamId: number): number;
  /** False only when the stream is known and never sent `index`. */
  mayHaveSent(streamId: number, index: number): boolean;
}

export function buildChannelTimeline(
  channel: number,
  samples: Int16Array,
  options: ScanOptions,
  sent: SentIndexes,
): ChannelTimeline {
  const scanned = scanFrames(samples, options);
  const items: Item[] = [];
  const rebuilt = new RebuiltFrames();
  const pushGap = (start: number, end: number, before?: ScannedFrame, after?: ScannedFrame): void => {
    if (end <= start) return;
    const verify = (piece: PartialFrame): boolean => samePath(samples, piece, [before, after], rebuilt, options);
    for (const item of classifyGap(samples, start, end, before, after, options, verify)) {
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
  const indexes = unwrapIndexes(items, sent);
  // A cut piece predicted for a frame its stream never sent (before the first, after the last)
  // was a chance fit: its samples are unexplained after all.
  const kept: Item[] = [];
  const frames: FoundFrame[] = [];
  items.forEach((item, i) => {
    if (!('frame' in item)) return kept.push(item);
    const index = indexes[i];
    if (item.frame.how === 'partial' && !sent.mayHaveSent(item.frame.streamId, index)) {
      return kept.push({ stretch: { kind: 'unknown', start: item.frame.start, length: item.frame.length, digital: false } });
    }
    const { streamId, start, length, frameOffset, correlation, how } = item.frame;
    frames.push({ streamId, index, start, length, frameOffset, correlation, how });
    return kept.push(item);
  });
  return { channel, frames, segments: toSegments(kept, frames) };
}

/**
 * Whether a cut piece is its frame as this recorder writes frames (law and noise measured on the
 * whole frames either side of the gap): a piece of another frame can lean towards the predicted
 * one (frames share tones, edges are loud) closely enough for the least-squares cut, not this.
 */
function samePath(
  samples: Int16Array,
  piece: PartialFrame,
  neighbours: (ScannedFrame | undefined)[],
  rebuilt: RebuiltFrames,
  options: ScanOptions,
): boolean {
  const frames = neighbours.flatMap((f) => (f ? [{ streamId: f.streamId, index: f.index16, start: f.start }] : []));
  const path = measurePath(samples, frames, rebuilt);
  if (!path) return true;
  const frame = rebuilt.get(piece.streamId, piece.index16, path.law);
  let error = 0;
  for (let k = 0; k < piece.length; k++) error += (samples[piece.start + k] - frame[piece.frameOffset + k]) ** 2;
  if (!withinNoise(error, piece.length, path, options)) return false;
  // A piece that carries on from its whole neighbour (the frame after it, or before it, with no gap)
  // is where the next frame must be; one further along the grid, across silence, must be long
  // enough to be evidence (one alignment tried: a sample or two on a clean path).
  const [before, after] = neighbours;
  const continues =
    (before !== undefined && piece.start === before.start + FRAME_SAMPLES) ||
    (after !== undefined && piece.start + piece.length === after.start);
  return continues || significant(piece.length, 1, path, options);
}

function partialFrame(partial: PartialFrame): RawFrame {
  return { ...partial, how: 'partial' };
}

/** `index16` moved to the integer nearest `reference`. */
function nearest(index16: number, reference: number): number {
  let delta = (index16 - (reference % INDEX_MODULUS) + INDEX_MODULUS) % INDEX_MODULUS;
  if (delta >= INDEX_MODULUS / 2) delta -= INDEX_MODULUS;
  return reference + delta;
}

/** The first index at or after `anchor` whose low 16 bits are `index16`. */
function firstAtOrAfter(index16: number, anchor: number): number {
  return anchor + ((index16 - (anchor % INDEX_MODULUS) + INDEX_MODULUS) % INDEX_MODULUS);
}

/**
 * Full indexes, by item position. Whole frames: continuity per stream, the first anchored on the
 * stream's first sent index. Cut pieces: relative to the nearest whole frame of their stream (the
 * neighbour they were predicted from), so a stray piece can never shift a whole run by 2^16.
 */
function unwrapIndexes(items: Item[], sent: SentIndexes): number[] {
  const indexes: number[] = new Array(items.length).fill(NaN);
  const previous = new Map<number, number>();
  items.forEach((item, i) => {
    if (!('frame' in item) || item.frame.how === 'partial') return;
    const { streamId, index16 } = item.frame;
    const before = previous.get(streamId);
    const index = before === undefined ? firstAtOrAfter(index16, sent.firstIndex(streamId)) : nearest(index16, before);
    previous.set(streamId, index);
    indexes[i] = index;
  });
  items.forEach((item, i) => {
    if (!('frame' in item) || item.frame.how !== 'partial') return;
    const { streamId, index16, start } = item.frame;
    // The nearest whole frame of the stream on either side (pieces sit next to their neighbour).
    let reference: number | undefined;
    let distance = Infinity;
    for (const step of [-1, 1]) {
      for (let j = i + step; j >= 0 && j < items.length; j += step) {
        const other = items[j];
        if (!('frame' in other) || other.frame.how === 'partial' || other.frame.streamId !== streamId) continue;
        if (Math.abs(other.frame.start - start) < distance) {
          distance = Math.abs(other.frame.start - start);
          reference = indexes[j];
        }
        break;
      }
    }
    indexes[i] = reference === undefined ? firstAtOrAfter(index16, sent.firstIndex(streamId)) : nearest(index16, reference);
  });
  return indexes;
}

function toSegments(items: Item[], frames: FoundFrame[]): Segment[] {
  const segments: Segment[] = [];
  let f = 0;
  for (const item of items) {
    if ('stretch' in item) {
      const { kind, start, length, digital } = item.stretch;
      const last = segments[segments.length - 1];
      if (kind === 'unknown' && last?.kind === 'unknown' && last.start + last.length === start) last.length += length;
      else segments.push(kind === 'silence' ? { kind, start, length, digital } : { kind, start, length });
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
