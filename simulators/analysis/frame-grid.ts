/**
 * Where each stream's frames should sit in the file, so that a piece of a frame with no whole
 * neighbour (cut at the file's start and by a pause a few ms later, or between two pauses) can be
 * named by position rather than by continuity.
 *
 * A grid is a phase: frame `index` of the stream starts at file sample `phase + 160·index`. The
 * recorder places frames by their RTP timestamps, so the nearest whole frame of the stream in the
 * same channel gives the grid to the sample (up to a re-anchoring after a pause: arrival jitter,
 * hence a little slack). Elsewhere (a stream found only in another channel, or nowhere whole) the
 * grid is less certain and gets more slack: another channel's frames of the stream, or else the
 * send log and the time base.
 */
import * as layout from '../media/watermark/layout';
import { ChannelTimeline, SentStream, TimeBase } from './recording-analysis';
import { ScanOptions } from './scan-options';
import { SendLogIndex } from './send-log-index';
import { median } from './time-base';

const FRAME_SAMPLES = layout.FRAME_SAMPLES;

export interface GridGuess {
  streamId: number;
  /** File sample where frame 0 of the stream would start (frame n: phase + 160·n). */
  phase: number;
  /** How many samples either way the true grid may sit from `phase`. */
  slack: number;
  /** The stream belongs in the channel asked about (wins ties over another stream). */
  expected: boolean;
  /** Whether the stream may have sent frame `index` (a piece of a frame never sent is no piece). */
  mayHaveSent(index: number): boolean;
}

export interface WholeFrame {
  streamId: number;
  start: number;
  index: number;
}

export class FrameGrids {
  /** Whole frames per stream, then per channel, in file order. */
  private readonly whole = new Map<number, Map<number, WholeFrame[]>>();
  /** Whole frames per channel (any stream), in file order. */
  private readonly byChannel = new Map<number, WholeFrame[]>();
  private readonly sendPhaseMs = new Map<number, number | undefined>();
  private readonly streamIds: number[];

  constructor(
    timelines: readonly ChannelTimeline[],
    private readonly streams: readonly SentStream[],
    private readonly sendLog: SendLogIndex,
    private readonly timeBase: TimeBase,
    private readonly sampleRate: number,
    private readonly options: ScanOptions,
  ) {
    for (const { channel, frames } of timelines) {
      for (const frame of frames) {
        if (frame.how === 'partial') continue;
        const whole = { streamId: frame.streamId, start: frame.start, index: frame.index };
        let all = this.byChannel.get(channel);
        if (!all) this.byChannel.set(channel, (all = []));
        all.push(whole);
        let byChannel = this.whole.get(frame.streamId);
        if (!byChannel) this.whole.set(frame.streamId, (byChannel = new Map()));
        let list = byChannel.get(channel);
        if (!list) byChannel.set(channel, (list = []));
        list.push(whole);
      }
    }
    // Every stream of the call, and any other stream whose whole frames are in the file.
    const ids = new Set(streams.map((s) => s.streamId));
    for (const id of this.whole.keys()) ids.add(id);
    this.streamIds = [...ids].filter((id) => Number.isInteger(id) && id >= 0 && id <= layout.MAX_STREAM_ID);
  }

  /** One guess per stream for audio at file sample `position` of `channel`. */
  guesses(channel: number, position: number): GridGuess[] {
    const guesses: GridGuess[] = [];
    for (const streamId of this.streamIds) {
      const guess = this.guess(streamId, channel, position);
      if (guess) guesses.push(guess);
    }
    return guesses;
  }

  /**
   * Up to `count` whole frames nearest `position`: of `channel`, or of any channel when it has none
   * (the recorder's path, and so its noise and law, is the same for all).
   */
  wholeFramesNear(channel: number, position: number, count: number): { channel: number; frames: WholeFrame[] } | undefined {
    const [from, list] = this.byChannel.has(channel)
      ? [channel, this.byChannel.get(channel)!]
      : [...this.byChannel.entries()][0] ?? [channel, []];
    if (list.length === 0) return undefined;
    const at = nearestAt(list, position);
    const first = Math.max(0, Math.min(at - (count >> 1), list.length - count));
    return { channel: from, frames: list.slice(first, first + count) };
  }

  private guess(streamId: number, channel: number, position: number): GridGuess | undefined {
    const { fragmentSlackSamples, fragmentFarSlackSamples } = this.options;
    const stream = this.sendLog.stream(streamId);
    const expected = stream?.channel === channel;
    const mayHaveSent = (index: number): boolean => index >= 0 && this.sendLog.mayHaveSent(streamId, index);
    const byChannel = this.whole.get(streamId);
    const here = byChannel?.get(channel);
    if (here) return { streamId, phase: phaseOf(nearest(here, position)), slack: fragmentSlackSamples, expected, mayHaveSent };
    if (byChannel) {
      let best: WholeFrame | undefined;
      for (const list of byChannel.values()) {
        const frame = nearest(list, position);
        if (!best || Math.abs(frame.start - position) < Math.abs(best.start - position)) best = frame;
      }
      if (best) return { streamId, phase: phaseOf(best), slack: fragmentFarSlackSamples, expected, mayHaveSent };
    }
    // Nowhere whole: the send log says when frame n was sent; the frames' own offset (estimated
    // even when a start was given: the network delay sits in it) says where that time is in the file.
    const baseMs = this.timeBase.estimatedStartMs ?? this.timeBase.fileStartMs;
    const phaseMs = this.sendPhase(streamId);
    if (baseMs === undefined || phaseMs === undefined) return undefined;
    const phase = ((phaseMs - baseMs) * this.sampleRate) / 1000;
    return { streamId, phase: Math.round(phase), slack: fragmentFarSlackSamples, expected, mayHaveSent };
  }

  /**
   * When frame 0 would have been sent (ms): the median of sentAt − 20·index, so a late timer on one
   * frame does not move the grid. The frame length in ms follows the sample rate.
   */
  private sendPhase(streamId: number): number | undefined {
    if (this.sendPhaseMs.has(streamId)) return this.sendPhaseMs.get(streamId);
    const frameMs = (FRAME_SAMPLES * 1000) / this.sampleRate;
    const frames = this.streams.find((s) => s.streamId === streamId)?.frames ?? [];
    const phaseMs = frames.length > 0 ? median(frames.map((f) => f.sentAtMs - frameMs * f.index)) : undefined;
    this.sendPhaseMs.set(streamId, phaseMs);
    return phaseMs;
  }
}

function phaseOf(frame: WholeFrame): number {
  return frame.start - FRAME_SAMPLES * frame.index;
}

function nearest(frames: WholeFrame[], position: number): WholeFrame {
  return frames[nearestAt(frames, position)];
}

/** Where in a file-ordered, non-empty list the frame nearest `position` is (binary search). */
function nearestAt(frames: WholeFrame[], position: number): number {
  let lo = 0;
  let hi = frames.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid].start < position) lo = mid + 1;
    else hi = mid;
  }
  const before = lo - 1;
  return before >= 0 && Math.abs(frames[before].start - position) <= Math.abs(frames[lo].start - position) ? before : lo;
}
