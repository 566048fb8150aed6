/**
 * Padding verdicts (PAD-01, PAD-05): for every expected pause and every channel, the silence that
 * covers it and how far its edges sit from the pause and resume times; plus the file duration
 * against the session's wall time, and audio nobody can explain.
 */
import {
  ChannelTimeline,
  DurationVerdict,
  PaddingVerdict,
  SilenceSegment,
  TimeBase,
  TimeWindow,
  UnknownAudioVerdict,
} from './recording-analysis';
import { AnalysisTolerances } from './tolerances';
import { SendLogIndex } from './send-log-index';
import { channelName } from './channel-name';

const FRAME_SAMPLES = 160;

/**
 * Whether a frame that should be in the file (sent outside every pause, not lost on purpose) is
 * missing from `timeline` although its send time puts it in samples [start, end). Silence there is
 * then the recorder's doing; otherwise nothing was there to record (or it is there, just after the
 * silence), and a padding edge that runs into that span cannot be blamed on the recorder.
 */
function missingFrameDue(
  sendLog: SendLogIndex,
  streams: readonly { streamId: number; channel: number | 'none' }[],
  pauses: readonly TimeWindow[],
  timeline: ChannelTimeline,
  start: number,
  end: number,
  fileStartMs: number,
  sampleRate: number,
): boolean {
  for (const { streamId, channel: expected } of streams) {
    if (expected !== timeline.channel) continue;
    const found = new Set(timeline.frames.filter((f) => f.streamId === streamId).map((f) => f.index));
    for (const frame of sendLog.stream(streamId)?.frames ?? []) {
      if (frame.lost || found.has(frame.index)) continue;
      if (pauses.some((p) => frame.sentAtMs >= p.startMs && frame.sentAtMs < p.endMs)) continue;
      const at = ((frame.sentAtMs - fileStartMs) * sampleRate) / 1000;
      if (at < end && at + FRAME_SAMPLES > start) return true;
    }
  }
  return false;
}

export function paddingVerdicts(
  channels: readonly ChannelTimeline[],
  sendLog: SendLogIndex,
  streams: readonly { streamId: number; channel: number | 'none' }[],
  pauses: readonly TimeWindow[],
  timeBase: TimeBase,
  sampleRate: number,
  lengthSamples: number,
  tolerances: AnalysisTolerances,
): PaddingVerdict[] {
  const verdicts: PaddingVerdict[] = [];
  const fileStartMs = timeBase.fileStartMs;
  const toMs = (samples: number): number => (samples * 1000) / sampleRate;
  for (const pause of pauses) {
    const label = pause.label ? ` (${pause.label})` : '';
    for (const timeline of channels) {
      const { channel, segments } = timeline;
      if (fileStartMs === undefined) {
        verdicts.push({
          type: 'padding',
          severity: 'fail',
          channel,
          pause,
          expected: { start: 0, end: 0 },
          spans: [{ channel, start: 0, end: lengthSamples }], // searched everywhere, placed nowhere
          message: `pause ${pause.startMs}..${pause.endMs} ms${label}: no time base (no recording start given and no frame with a send time found)`,
        });
        continue;
      }
      const start = Math.max(0, Math.round(((pause.startMs - fileStartMs) * sampleRate) / 1000));
      const end = Math.min(lengthSamples, Math.round(((pause.endMs - fileStartMs) * sampleRate) / 1000));
      if (end <= start) continue; // the pause lies outside the file
      const covering = segments.filter(
        (s): s is SilenceSegment => s.kind === 'silence' && s.start < end && s.start + s.length > start,
      );
      const expected = { start, end };
      if (covering.length === 0) {
        verdicts.push({
          type: 'padding',
          severity: 'fail',
          channel,
          pause,
          expected,
          spans: [{ channel, start, end }],
          message: `pause ${pause.startMs}..${pause.endMs} ms${label}: no silence in ${channelName(channel)} over samples ${start}..${end}`,
        });
        continue;
      }
      const found = {
        start: covering[0].start,
        end: covering[covering.length - 1].start + covering[covering.length - 1].length,
        digital: covering.every((s) => s.digital),
      };
      const startErrorMs = toMs(found.start - start);
      const endErrorMs = toMs(found.end - end);
      // Silence that starts early or ends late is excused where no frame was due (lost on purpose,
      // or the party was not sending): the edge is then hidden, not wrong.
      const due = (from: number, to: number): boolean =>
        missingFrameDue(sendLog, streams, pauses, timeline, from, to, fileStartMs, sampleRate);
      // Only frames beyond the tolerance count: one that belongs within padEdgeMs of the edge may be
      // missing anyway, as the edge itself may be off by that much.
      const edgeSamples = Math.round((tolerances.padEdgeMs * sampleRate) / 1000);
      const startHidden = startErrorMs < -tolerances.padEdgeMs && !due(found.start, start - edgeSamples);
      const endHidden = endErrorMs > tolerances.padEdgeMs && !due(end + edgeSamples, found.end);
      const ok =
        (Math.abs(startErrorMs) <= tolerances.padEdgeMs || startHidden) &&
        (Math.abs(endErrorMs) <= tolerances.padEdgeMs || endHidden);
      const hidden = [startHidden && 'start', endHidden && 'end'].filter(Boolean);
      verdicts.push({
        type: 'padding',
        severity: ok ? 'pass' : 'fail',
        channel,
        pause,
        expected,
        found,
        startErrorMs,
        endErrorMs,
        hiddenEdges: hidden as ('start' | 'end')[],
        spans: [{ channel, start: found.start, end: found.end }],
        message:
          `pause ${pause.startMs}..${pause.endMs} ms${label}: ${channelName(channel)} silent over samples ${found.start}..${found.end}` +
          ` (expected ${start}..${end}): start ${signed(startErrorMs)} ms, end ${signed(endErrorMs)} ms` +
          ` (tolerance ±${tolerances.padEdgeMs} ms)${found.digital ? '' : ', not digital silence'}` +
          (hidden.length ? `; ${hidden.join(' and ')} edge hidden: no frame is missing there (lost on purpose, sent during the pause, or not sent)` : ''),
      });
    }
  }
  return verdicts;
}

export function durationVerdict(
  recording: { startMs?: number; stopMs?: number } | undefined,
  sampleRate: number,
  lengthSamples: number,
  tolerances: AnalysisTolerances,
): DurationVerdict | undefined {
  if (recording?.startMs === undefined || recording.stopMs === undefined) return undefined;
  const expectedSamples = Math.round(((recording.stopMs - recording.startMs) * sampleRate) / 1000);
  const errorMs = ((lengthSamples - expectedSamples) * 1000) / sampleRate;
  const ok = Math.abs(errorMs) <= tolerances.durationMs;
  // Evidence: the samples the file has too many (or, past its end, too few), in channel 0.
  const spans = [{ channel: 0, start: Math.min(lengthSamples, expectedSamples), end: Math.max(lengthSamples, expectedSamples) }];
  return {
    type: 'duration',
    severity: ok ? 'pass' : 'fail',
    expectedSamples,
    actualSamples: lengthSamples,
    errorMs,
    spans,
    message: `file holds ${lengthSamples} samples per channel, the session lasted ${expectedSamples}: ${signed(errorMs)} ms (tolerance ±${tolerances.durationMs} ms)`,
  };
}

export function unknownAudioVerdicts(
  channels: readonly ChannelTimeline[],
  sampleRate: number,
  tolerances: AnalysisTolerances,
): UnknownAudioVerdict[] {
  const minSamples = (tolerances.unknownMinMs * sampleRate) / 1000;
  const verdicts: UnknownAudioVerdict[] = [];
  for (const { channel, segments } of channels) {
    for (const s of segments) {
      if (s.kind !== 'unknown' || s.length < minSamples) continue;
      verdicts.push({
        type: 'unknown-audio',
        severity: 'fail',
        channel,
        spans: [{ channel, start: s.start, end: s.start + s.length }],
        message: `${channelName(channel)} holds ${s.length} samples of audio that is neither a watermark frame nor silence at samples ${s.start}..${s.start + s.length}`,
      });
    }
  }
  return verdicts;
}

function signed(ms: number): string {
  return `${ms >= 0 ? '+' : ''}${ms.toFixed(2)}`;
}
