/**
 * The recording analyzer: from decoded channels and what was sent, each channel's timeline
 * (audio(stream, frames a..b), silence, unknown — at sample offsets) and the verdicts about it.
 */
import * as layout from '../media/watermark/layout';
import { buildChannelTimeline } from './channel-timeline';
import { crosstalkVerdicts, dropVerdicts, duplicateVerdicts, leakVerdicts, shiftVerdicts } from './frame-verdicts';
import { durationVerdict, paddingVerdicts, unknownAudioVerdicts } from './padding-verdicts';
import { AnalyzeRecordingInput, ChannelTimeline, RecordingAnalysis, Verdict } from './recording-analysis';
import { DEFAULT_SCAN_OPTIONS, ScanOptions } from './scan-options';
import { SendLogIndex } from './send-log-index';
import { computeTimeBase } from './time-base';
import { identifyFragments } from './fragment-identifier';
import { resolveTolerances } from './tolerances';
import { weighHarnessLateness } from './lateness-verdicts';
import { markUnobservableEdges } from './unobservable-edges';
import { sentIndexTable } from './sent-index-table';
import { buildChannelTimelines } from './timeline-pool';

export class RecordingInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordingInputError';
  }
}

export function analyzeRecording(input: AnalyzeRecordingInput): RecordingAnalysis {
  const prepared = prepare(input);
  const channels = input.channels.map((samples, channel) => buildChannelTimeline(channel, samples, prepared.scan, prepared.sendLog));
  return finish(input, prepared, channels);
}

/**
 * The same analysis, with the channels of a long recording scanned side by side on worker threads
 * (timeline-pool.ts); a short one is scanned here, as analyzeRecording does.
 */
export async function analyzeRecordingInParallel(input: AnalyzeRecordingInput): Promise<RecordingAnalysis> {
  const prepared = prepare(input);
  const channels = await buildChannelTimelines(input.channels, prepared.scan, prepared.sendLog, () => sentIndexTable(input.streams));
  return finish(input, prepared, channels);
}

interface PreparedInput {
  sampleRate: number;
  lengthSamples: number;
  scan: ScanOptions;
  sendLog: SendLogIndex;
}

function prepare(input: AnalyzeRecordingInput): PreparedInput {
  const sampleRate = input.sampleRate ?? layout.SAMPLE_RATE;
  if (sampleRate !== layout.SAMPLE_RATE) {
    throw new RecordingInputError(`sample rate ${sampleRate} Hz: the watermark needs the 8000 Hz G.711 path unresampled`);
  }
  if (input.channels.length === 0) throw new RecordingInputError('the recording has no channels');
  const lengthSamples = input.channels[0].length;
  if (input.channels.some((c) => c.length !== lengthSamples)) throw new RecordingInputError('channels differ in length');
  return { sampleRate, lengthSamples, scan: { ...DEFAULT_SCAN_OPTIONS, ...input.scan }, sendLog: new SendLogIndex(input.streams) };
}

function finish(input: AnalyzeRecordingInput, { sampleRate, lengthSamples, scan, sendLog }: PreparedInput, channels: ChannelTimeline[]): RecordingAnalysis {
  // Pieces of frames can only be named once the time base says which frames were sent around them.
  const timeBase = computeTimeBase(channels, sendLog, sampleRate, input.recording?.startMs);
  identifyFragments(channels, input.channels, input.streams, sendLog, timeBase, sampleRate, scan);
  return judgeTimelines(input, channels, sendLog, sampleRate, lengthSamples, timeBase);
}

/** Verdicts over channel timelines already built (analyzeRecording, or timelines built in workers). */
export function judgeTimelines(
  input: AnalyzeRecordingInput,
  channels: ChannelTimeline[],
  sendLog = new SendLogIndex(input.streams),
  sampleRate = input.sampleRate ?? layout.SAMPLE_RATE,
  lengthSamples = input.channels[0]?.length ?? 0,
  timeBase = computeTimeBase(channels, sendLog, sampleRate, input.recording?.startMs),
): RecordingAnalysis {
  const tolerances = resolveTolerances(input.tolerances);
  const pauses = [...(input.expectedPauses ?? [])];
  const window =
    timeBase.fileStartMs === undefined
      ? undefined
      : {
          startMs: timeBase.fileStartMs,
          stopMs: input.recording?.stopMs ?? timeBase.fileStartMs + (lengthSamples * 1000) / sampleRate,
        };
  const verdicts: Verdict[] = [
    ...paddingVerdicts(channels, sendLog, input.streams, pauses, timeBase, sampleRate, lengthSamples, tolerances),
    ...crosstalkVerdicts(channels, sendLog),
    ...leakVerdicts(channels, sendLog, pauses, tolerances),
    ...duplicateVerdicts(channels, sendLog),
    ...(window
      ? dropVerdicts(channels, sendLog, input.streams, pauses, timeBase, window, sampleRate, tolerances)
      : []),
    ...shiftVerdicts(channels, sendLog, timeBase, sampleRate, tolerances, input.harness?.lateness),
    ...unknownAudioVerdicts(channels, sampleRate, tolerances),
  ];
  const duration = durationVerdict(input.recording, sampleRate, lengthSamples, tolerances);
  if (duration) verdicts.push(duration);
  markUnobservableEdges(verdicts, { timeBase, sampleRate, tolerances });
  if (input.harness) weighHarnessLateness(verdicts, { timeBase, sampleRate, lengthSamples, tolerances, harness: input.harness, stampedBy: input.recording?.stampedBy, sharesHarnessLoop: input.recording?.sharesHarnessLoop });
  return {
    sampleRate,
    lengthSamples,
    channels,
    timeBase,
    expectedPauses: pauses,
    streams: input.streams,
    tolerances,
    verdicts,
  };
}
