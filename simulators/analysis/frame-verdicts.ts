/**
 * Verdicts about frames: crosstalk (a stream in the wrong channel), foreign streams (a stream this
 * call never sent: another call's audio), duplicates, leaks (frames sent during a pause), drops
 * (frames sent while recording that the file lacks) and time shifts (audio away from where its send
 * times put it). Each names the frames and the sample spans that prove it.
 */
import * as layout from '../media/watermark/layout';
import type { HarnessLateness } from '../verdict/harness-lateness';
import { ChannelTimeline, FrameRunVerdict, TimeBase, TimeShiftVerdict, TimeWindow } from './recording-analysis';
import { SendLogIndex, describeStream, fitsArrayByOffset } from './send-log-index';
import { AnalysisTolerances } from './tolerances';
import { median } from './time-base';
import { channelName } from './channel-name';

const FRAME_SAMPLES = layout.FRAME_SAMPLES;

interface FrameHit {
  channel: number;
  streamId: number;
  index: number;
  start: number;
  end: number;
}

/** Splits hits (in file order) into runs of consecutive indexes of one stream in one channel. */
function runsOf(hits: FrameHit[]): FrameHit[][] {
  const runs: FrameHit[][] = [];
  for (const hit of hits) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (last && last.channel === hit.channel && last.streamId === hit.streamId && last.index + 1 === hit.index) run.push(hit);
    else runs.push([hit]);
  }
  return runs;
}

function runVerdict(
  type: FrameRunVerdict['type'],
  run: FrameHit[],
  message: (what: string) => string,
  extra: Partial<FrameRunVerdict> = {},
): FrameRunVerdict {
  const first = run[0];
  const last = run[run.length - 1];
  const indexes = first.index === last.index ? `frame ${first.index}` : `frames ${first.index}..${last.index}`;
  return {
    type,
    severity: 'fail',
    channel: first.channel,
    streamId: first.streamId,
    firstIndex: first.index,
    lastIndex: last.index,
    frameCount: run.length,
    spans: [{ channel: first.channel, start: first.start, end: last.end }],
    message: message(`${indexes} at samples ${first.start}..${last.end} of ${channelName(first.channel)}`),
    ...extra,
  };
}

export function crosstalkVerdicts(channels: readonly ChannelTimeline[], sendLog: SendLogIndex): FrameRunVerdict[] {
  const verdicts: FrameRunVerdict[] = [];
  for (const { channel, segments } of channels) {
    for (const segment of segments) {
      if (segment.kind !== 'audio') continue;
      const stream = sendLog.stream(segment.streamId);
      if (stream && stream.channel === channel) continue;
      const run: FrameHit[] = [
        { channel, streamId: segment.streamId, index: segment.firstIndex, start: segment.start, end: segment.start },
        { channel, streamId: segment.streamId, index: segment.lastIndex, start: segment.start, end: segment.start + segment.length },
      ];
      const hit = runVerdict(stream ? 'crosstalk' : 'foreign-stream', run, (where) =>
        stream
          ? `${describeStream(stream, segment.streamId)} belongs in ${stream.channel === 'none' ? 'no channel of this recording' : channelName(stream.channel)}, found ${where}`
          : `stream ${segment.streamId} was not sent in this call (another call's audio?), found ${where}`,
      );
      hit.frameCount = segment.frameCount;
      if (stream) hit.expectedChannel = stream.channel;
      verdicts.push(hit);
    }
  }
  return verdicts;
}

/** Samples [from, to) of a frame, recorded at file samples [start, end); `more`: other parts of it. */
interface FramePart {
  start: number;
  end: number;
  from: number;
  to: number;
  more?: FramePart[];
}

export function duplicateVerdicts(channels: readonly ChannelTimeline[], sendLog: SendLogIndex): FrameRunVerdict[] {
  const hits: (FrameHit & { original: { start: number; end: number } })[] = [];
  for (const { channel, frames } of channels) {
    if (indexesRise(frames)) continue; // no index twice: nothing can repeat
    // Per stream and index, the parts of the frame (frame-sample ranges) recorded so far. Two pieces
    // of one frame that hold different parts of it (a frame split by a quiet stretch, or its tail
    // and head either side of a label) are not a repeat; the same samples twice are.
    // (Almost every frame is whole and seen once: one object per index, a list only for the rest.)
    const seen = new Map<number, Map<number, FramePart>>();
    for (const frame of frames) {
      let indexes = seen.get(frame.streamId);
      if (!indexes) seen.set(frame.streamId, (indexes = new Map()));
      const part: FramePart = { start: frame.start, end: frame.start + frame.length, from: frame.frameOffset, to: frame.frameOffset + frame.length };
      const first = indexes.get(frame.index);
      if (!first) {
        indexes.set(frame.index, part);
        continue;
      }
      const overlaps = (p: FramePart): boolean => p.from < part.to && part.from < p.to;
      const original = overlaps(first) ? first : first.more?.find(overlaps);
      if (original) {
        hits.push({ channel, streamId: frame.streamId, index: frame.index, start: part.start, end: part.end, original: { start: original.start, end: original.end } });
      } else {
        (first.more ??= []).push(part);
      }
    }
  }
  return runsOf(hits).map((run) => {
    const first = run[0] as (typeof hits)[number];
    const last = run[run.length - 1] as (typeof hits)[number];
    const verdict = runVerdict('duplicate', run, (where) => {
      const stream = describeStream(sendLog.stream(first.streamId), first.streamId);
      return `${stream} repeats ${where}, first recorded at samples ${first.original.start}..${last.original.end}`;
    });
    // The evidence is both copies: the repeat, then the first recording.
    verdict.spans.push({ channel: first.channel, start: first.original.start, end: last.original.end });
    return verdict;
  });
}

/** Whether every stream's indexes strictly rise through the channel (the usual file: no repeat possible). */
function indexesRise(frames: readonly { streamId: number; index: number }[]): boolean {
  const last = new Map<number, number>();
  for (const { streamId, index } of frames) {
    const before = last.get(streamId);
    if (before !== undefined && index <= before) return false;
    last.set(streamId, index);
  }
  return true;
}

/** The pause a send time falls in, at least `guardMs` inside both edges. */
function pauseHolding(timeMs: number, pauses: readonly TimeWindow[], guardMs: number): TimeWindow | undefined {
  return pauses.find((pause) => timeMs >= pause.startMs + guardMs && timeMs <= pause.endMs - guardMs);
}

export function leakVerdicts(
  channels: readonly ChannelTimeline[],
  sendLog: SendLogIndex,
  pauses: readonly TimeWindow[],
  tolerances: AnalysisTolerances,
): FrameRunVerdict[] {
  if (pauses.length === 0) return [];
  const hits: (FrameHit & { pause: TimeWindow })[] = [];
  for (const { channel, frames } of channels) {
    for (const frame of frames) {
      const sent = sendLog.sent(frame.streamId, frame.index);
      const pause = sent && pauseHolding(sent.sentAtMs, pauses, tolerances.leakGuardMs);
      if (pause) hits.push({ channel, streamId: frame.streamId, index: frame.index, start: frame.start, end: frame.start + frame.length, pause });
    }
  }
  return runsOf(hits).map((run) => {
    const pause = (run[0] as (typeof hits)[number]).pause;
    return runVerdict(
      'leak',
      run,
      (where) =>
        `${describeStream(sendLog.stream(run[0].streamId), run[0].streamId)} sent during the pause ${pause.startMs}..${pause.endMs} ms is in the file: ${where}`,
      { pause },
    );
  });
}

export function dropVerdicts(
  channels: readonly ChannelTimeline[],
  sendLog: SendLogIndex,
  streams: readonly { streamId: number; channel: number | 'none' }[],
  pauses: readonly TimeWindow[],
  timeBase: TimeBase,
  window: { startMs: number; stopMs: number },
  sampleRate: number,
  tolerances: AnalysisTolerances,
): FrameRunVerdict[] {
  const fileStartMs = timeBase.fileStartMs;
  if (fileStartMs === undefined) return [];
  const toSample = (ms: number): number => Math.round(((ms - fileStartMs) * sampleRate) / 1000);
  const guard = tolerances.dropGuardMs;
  const verdicts: FrameRunVerdict[] = [];
  for (const { streamId, channel } of streams) {
    if (channel === 'none' || !channels[channel]) continue;
    const sent = sendLog.stream(streamId)?.frames ?? [];
    const found = new IndexSet(sent);
    for (const frame of channels[channel].frames) if (frame.streamId === streamId) found.add(frame.index);
    const missing: (FrameHit & { lost: boolean })[] = [];
    for (const frame of sent) {
      const t = frame.sentAtMs;
      if (t < window.startMs + guard || t > window.stopMs - guard) continue;
      if (found.has(frame.index)) continue;
      if (pauses.some((pause) => t >= pause.startMs - guard && t <= pause.endMs + guard)) continue;
      const start = toSample(t);
      missing.push({ channel, streamId, index: frame.index, start, end: start + FRAME_SAMPLES, lost: frame.lost === true });
    }
    for (const run of runsOf(missing)) {
      const injectedLoss = run.every((hit) => (hit as (typeof missing)[number]).lost);
      const verdict = runVerdict(
        'drop',
        run,
        (where) =>
          `${describeStream(sendLog.stream(streamId), streamId)} is missing ${where.replace(' at samples', ', expected at samples')}${injectedLoss ? ' (lost on purpose by injected loss)' : ''}`,
        { injectedLoss },
      );
      if (injectedLoss) verdict.severity = 'info';
      verdicts.push(verdict);
    }
  }
  return verdicts;
}

/**
 * Which of a stream's sent indexes were found: a byte per index of the sent range (others are never
 * asked), or a set when the sent indexes lie too far apart for that.
 */
class IndexSet {
  private readonly first: number = 0;
  private readonly dense?: Uint8Array;
  private readonly sparse?: Set<number>;

  constructor(sent: readonly { index: number }[]) {
    let first = Infinity;
    let last = -Infinity;
    for (const { index } of sent) {
      if (index < first) first = index;
      if (index > last) last = index;
    }
    if (sent.length === 0) this.dense = new Uint8Array(0);
    else if (fitsArrayByOffset(sent.length, first, last)) {
      this.first = first;
      this.dense = new Uint8Array(last - first + 1);
    } else this.sparse = new Set();
  }

  add(index: number): void {
    if (this.sparse) this.sparse.add(index);
    else if (index >= this.first && index - this.first < this.dense!.length) this.dense![index - this.first] = 1;
  }

  has(index: number): boolean {
    return this.sparse ? this.sparse.has(index) : this.dense![index - this.first] === 1;
  }
}

/**
 * Where audio segments sit against their send times: each run of frames (and the whole file) as one
 * verdict, failed when more than shiftMs away. Given the harness's lateness, each verdict also says
 * how far that lateness could move its median (medianUncertainty).
 */
export function shiftVerdicts(
  channels: readonly ChannelTimeline[],
  sendLog: SendLogIndex,
  timeBase: TimeBase,
  sampleRate: number,
  tolerances: AnalysisTolerances,
  lateness?: HarnessLateness,
): TimeShiftVerdict[] {
  const verdicts: TimeShiftVerdict[] = [];
  const fileStartMs = timeBase.fileStartMs;
  if (fileStartMs === undefined) return verdicts;
  const whole: FrameOffset[] = [];
  for (const { channel, frames } of channels) {
    let i = 0;
    while (i < frames.length) {
      // A run: consecutive frames (index + 1) of one stream, back to back in the file.
      let j = i + 1;
      while (
        j < frames.length &&
        frames[j].streamId === frames[i].streamId &&
        frames[j].index === frames[j - 1].index + 1 &&
        frames[j].start === frames[j - 1].start + frames[j - 1].length
      ) j++;
      const offsets: FrameOffset[] = [];
      for (let k = i; k < j; k++) {
        const sent = sendLog.sent(frames[k].streamId, frames[k].index);
        const frameStartMs = ((frames[k].start - frames[k].frameOffset) * 1000) / sampleRate;
        if (!sent) continue;
        offsets.push({ offsetMs: sent.sentAtMs - frameStartMs - fileStartMs, sentAtMs: sent.sentAtMs });
        if (frames[k].how !== 'partial') whole.push(offsets[offsets.length - 1]);
      }
      if (offsets.length > 0) {
        const shiftMs = -median(offsets.map((o) => o.offsetMs));
        const start = frames[i].start;
        const end = frames[j - 1].start + frames[j - 1].length;
        verdicts.push({
          type: 'time-shift',
          severity: Math.abs(shiftMs) > tolerances.shiftMs ? 'fail' : 'pass',
          channel,
          streamId: frames[i].streamId,
          shiftMs,
          spans: [{ channel, start, end }],
          ...(lateness ? { uncertainty: medianUncertainty(offsets, lateness) } : {}),
          message: `${describeStream(sendLog.stream(frames[i].streamId), frames[i].streamId)} frames ${frames[i].index}..${frames[j - 1].index} at samples ${start}..${end} of ${channelName(channel)} sit ${lateOrEarly(shiftMs)} against their send times (tolerance ${tolerances.shiftMs} ms)`,
        });
      }
      i = j;
    }
  }
  if (timeBase.shiftMs !== undefined) {
    // The frames imply a later file start: the audio sits earlier than the given start puts it.
    const shiftMs = -timeBase.shiftMs;
    // Evidence: each channel's first frame with a send time (it sits shiftMs away from its time).
    const spans = channels.flatMap(({ channel, frames }) => {
      const frame = frames.find((f) => f.how !== 'partial' && sendLog.sent(f.streamId, f.index));
      return frame ? [{ channel, start: frame.start, end: frame.start + frame.length }] : [];
    });
    verdicts.push({
      type: 'time-shift',
      // A passed shift is kept too: the harness's own lateness may still leave it unproven (lateness-verdicts.ts).
      severity: Math.abs(shiftMs) > tolerances.shiftMs ? 'fail' : 'pass',
      shiftMs,
      spans,
      ...(lateness && whole.length > 0 ? { uncertainty: medianUncertainty(whole, lateness) } : {}),
      message: `the audio sits ${lateOrEarly(shiftMs)} against the recording start (${fileStartMs} ms) and its send times (median over ${timeBase.framesUsed} frames; tolerance ${tolerances.shiftMs} ms)`,
    });
  }
  return verdicts;
}

interface FrameOffset {
  offsetMs: number;
  sentAtMs: number;
}

/**
 * How far the harness's lateness could have moved a median of frame offsets. Each frame's offset is
 * off by at most u (the lateness that held the harness when it stamped or sent that frame, or while
 * the frame was on its way for as long as it sits off: a late pacer tick, a stall), so the true
 * median lies between the medians of offset − u and offset + u. A stall that touched a few frames of
 * a run leaves its median alone; an on-time frame asks only about the moment of its stamp.
 */
export function medianUncertainty(offsets: readonly FrameOffset[], lateness: HarnessLateness): { lateMs: number; evidence: string } {
  const measured = median(offsets.map((o) => o.offsetMs));
  // A frame that sits X ms off may have waited that long for the harness after it was stamped (an
  // embedded recorder shares the loop): how long the loop was held in those X ms bears on it too.
  const reports = offsets.map((o) => {
    const atStamp = lateness.during(o.sentAtMs - STAMP_SLACK_MS, o.sentAtMs + STAMP_SLACK_MS);
    const held = Math.abs(o.offsetMs) > STAMP_SLACK_MS ? lateness.heldDuring?.(o.sentAtMs, o.sentAtMs + Math.abs(o.offsetMs)) : undefined;
    return held && held.lateMs > atStamp.lateMs ? held : atStamp;
  });
  const low = median(offsets.map((o, k) => o.offsetMs - reports[k].lateMs));
  const high = median(offsets.map((o, k) => o.offsetMs + reports[k].lateMs));
  const worst = reports.reduce((a, b) => (b.lateMs > a.lateMs ? b : a));
  return { lateMs: Math.max(measured - low, high - measured), evidence: worst.evidence };
}

/** A stamp is held by a stall that covers it or ends within this much of it (the monitor's resolution). */
const STAMP_SLACK_MS = 2;

function lateOrEarly(shiftMs: number): string {
  return `${Math.abs(shiftMs).toFixed(1)} ms ${shiftMs > 0 ? 'late' : 'early'}`;
}
