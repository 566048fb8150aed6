import { analyzeRecordingInParallel, RecordingAnalysis, Segment, SentStream } from '../../simulators/analysis';
import { readWav, PcmAudio } from '../../simulators/media';
import { ClientRecording } from '../../simulators/recording-client/client-recording';
import { RecordingParameters } from '../../simulators/gir-msml/recording-headers';
import { analysisTolerances } from './analysis-tolerances';
import { harnessInput } from './harness-lateness';
import { CannotJudgeError } from './cannot-judge';
import type { GirWorld } from './world';

/** A recording the recording client made at the recorder under test, and what came of it. */
export interface RecorderRecording {
  recording: ClientRecording;
  id: string;
  dn: string;
  parameters: RecordingParameters;
  /** Files under this recording's final names before the session could write them: not its own. */
  earlierFiles: readonly string[];
  result?: { audio: PcmAudio; metadata: Record<string, unknown>; analysis: RecordingAnalysis };
}

/**
 * Reads a stopped recording's files (they must be final within tolerance.finalizeMs of the stop)
 * and analyzes the WAV against what the client sent: label 1's stream in channel 0, label 2's in
 * channel 1, pauses as the client sent them, the start and stop commands as the time base.
 */
export async function recorderResult(world: GirWorld, entry: RecorderRecording): Promise<NonNullable<RecorderRecording['result']>> {
  if (entry.result) return entry.result;
  const { recording } = entry;
  if (recording.stoppedAtMs === undefined) throw new Error(`recording ${entry.id} has not been stopped`);
  assertOwnFiles(entry);
  const stage = await world.recorderRole();
  const files = await stage.waitForFiles(entry.id, entry.parameters.dest, world.clock, recording.stoppedAtMs + world.tolerance.finalizeMs);
  const audio = readWav(files.wav, files.wavPath);
  const streams: SentStream[] = recording.senders.map((sender, channel) => ({
    streamId: recording.streamIds[channel],
    channel,
    label: channel === 0 ? 'party side (label 1)' : 'other party (label 2)',
    frames: sender.log,
  }));
  const analysis = await analyzeRecordingInParallel({
    channels: audio.channels,
    streams,
    expectedPauses: recording.pauses.map((p, i) => ({ startMs: p.startMs, endMs: p.endMs ?? recording.stoppedAtMs!, label: `pause ${i + 1}` })),
    recording: { startMs: recording.startedAtMs, stopMs: recording.stoppedAtMs, stampedBy: 'sender', sharesHarnessLoop: stage.sharesHarnessLoop },
    tolerances: analysisTolerances(world.tolerance),
    harness: harnessInput(world.tolerance, recording.senders.map((sender, channel) => ({ label: channel === 0 ? 'the party side' : 'the other party', frames: sender.log }))),
  });
  world.attachRecordingPlot(analysis, audio.channels, `recording ${entry.id}`, ['channel 1: party side (label 1)', 'channel 2: other party (label 2)']);
  entry.result = { audio, metadata: files.metadata as Record<string, unknown>, analysis };
  return entry.result;
}

/** A check reads a recording's files only if nothing was under their names before its session. */
export function assertOwnFiles(entry: RecorderRecording): void {
  if (entry.earlierFiles.length > 0) {
    throw new CannotJudgeError(`${entry.earlierFiles.join(' and ')} existed before recording ${entry.id} was opened, so what is under that name is not provably this session's`);
  }
}

/** The segments of a channel that overlap [startMs, endMs) of the send clock. */
export function segmentsDuring(analysis: RecordingAnalysis, channel: number, startMs: number, endMs: number): Segment[] {
  const base = analysis.timeBase.fileStartMs;
  if (base === undefined) throw new Error('the analysis has no time base');
  const from = ((startMs - base) * analysis.sampleRate) / 1000;
  const to = ((endMs - base) * analysis.sampleRate) / 1000;
  return analysis.channels[channel].segments.filter((s) => s.start < to && s.start + s.length > from);
}
