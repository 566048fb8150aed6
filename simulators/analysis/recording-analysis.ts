/**
 * The analyzer's contract: what goes in (the recording's channels, the streams that were sent with
 * their send times, expected pauses) and what comes out (per-channel timeline, typed verdicts).
 * Channels are numbered from 0 in data (channel 0 is the WAV's first) and from 1 in messages, as
 * MS-03 numbers them (channel 1, the party side, a=label:1): see channel-name.ts.
 */
import type { HarnessLatenessInput } from './lateness-verdicts';
import { ScanOptions } from './scan-options';
import { AnalysisTolerances } from './tolerances';

export interface SentFrameTime {
  /** Frame index as sent (the watermark carries it modulo 2^16). */
  index: number;
  /** When the endpoint sent it, in ms on the clock the pauses and recording times use. */
  sentAtMs: number;
  /** Dropped on purpose by injected loss: its absence is not the recorder's fault. */
  lost?: boolean;
}

export interface SentStream {
  streamId: number;
  /** The channel this stream must appear in, or 'none' for a stream that must not appear at all. */
  channel: number | 'none';
  /** For messages, e.g. "caller", "agent", "call 17 caller". */
  label?: string;
  frames: readonly SentFrameTime[];
}

export interface TimeWindow {
  startMs: number;
  endMs: number;
  label?: string;
}

export interface AnalyzeRecordingInput {
  /** Decoded PCM, one array per channel (readWav gives this). */
  channels: readonly Int16Array[];
  sampleRate?: number;
  streams: readonly SentStream[];
  /** When the recorder was paused (command received) until resumed, on the send clock. */
  expectedPauses?: readonly TimeWindow[];
  /** When the recording started/stopped on the send clock; without a start the analyzer estimates it. */
  recording?: {
    startMs?: number;
    stopMs?: number;
    /**
     * Whose clock took startMs and stopMs: the recorder's own (the fake Media Server's events, taken
     * where it also starts and ends the file, so its own lateness cannot make the two disagree) or
     * the sender's (the recording client's commands, which reach the recorder later when it stalls).
     */
    stampedBy?: 'recorder' | 'sender';
    /**
     * The recorder runs on the harness's own event loop (the embedded fake Media Server): with
     * sender stamps, the time it took to take the start command is the harness's lateness too, and
     * it shifts the file's whole time line (every frame, pause edge and the length).
     */
    sharesHarnessLoop?: boolean;
  };
  tolerances?: Partial<AnalysisTolerances>;
  scan?: Partial<ScanOptions>;
  /** The harness's own lateness and its allowed share of each tolerance: without it, the harness counts as exact. */
  harness?: HarnessLatenessInput;
}

/** A frame found in the file; `length` < 160 for a frame cut by a pause edge or the file's ends. */
export interface FoundFrame {
  streamId: number;
  /** Unwrapped frame index (continuity within the channel, anchored on the stream's send log). */
  index: number;
  start: number;
  length: number;
  /** Which sample of the frame sits at `start` (0 unless the frame's head is cut off). */
  frameOffset: number;
  correlation: number;
  how: 'tracked' | 'decoded' | 'partial';
}

export interface AudioSegment {
  kind: 'audio';
  start: number;
  length: number;
  streamId: number;
  firstIndex: number;
  lastIndex: number;
  /** Frames in the segment (whole and cut). */
  frameCount: number;
}

export interface SilenceSegment {
  kind: 'silence';
  start: number;
  length: number;
  /** Every sample within ±silenceAmplitude; false for a quiet stretch that holds noise. */
  digital: boolean;
}

export interface UnknownSegment {
  kind: 'unknown';
  start: number;
  length: number;
}

export type Segment = AudioSegment | SilenceSegment | UnknownSegment;

export interface ChannelTimeline {
  channel: number;
  segments: Segment[];
  frames: FoundFrame[];
}

/** How file sample offsets map to send-clock time: ms(sample) = fileStartMs + sample / rate * 1000. */
export interface TimeBase {
  fileStartMs: number | undefined;
  source: 'given' | 'estimated' | 'none';
  /** The offset the frames found imply (median over frames with send times). */
  estimatedStartMs?: number;
  /** estimatedStartMs − given start, when the start was given. */
  shiftMs?: number;
  framesUsed: number;
}

/** [start, end) in samples of one channel: the evidence a verdict points at. */
export interface SampleSpan {
  channel: number;
  start: number;
  end: number;
}

/** inconclusive: the harness's own lateness over the span judged could have decided it (lateness-verdicts.ts). */
export type Severity = 'pass' | 'fail' | 'info' | 'inconclusive';

interface VerdictBase {
  severity: Severity;
  message: string;
  spans: SampleSpan[];
  /** Set on an inconclusive verdict: how late the harness was over the span judged, and the evidence. */
  harnessLateness?: { lateMs: number; evidence: string };
}

export interface PaddingVerdict extends VerdictBase {
  type: 'padding';
  channel: number;
  pause: TimeWindow;
  /** The pause mapped to file samples. */
  expected: { start: number; end: number };
  found?: { start: number; end: number; digital: boolean };
  startErrorMs?: number;
  endErrorMs?: number;
  /**
   * Edges whose silence runs past the tolerance into time where no frame was due (injected loss,
   * party not sending): not the recorder's fault, and not measurable there.
   */
  hiddenEdges?: ('start' | 'end')[];
}

export interface FrameRunVerdict extends VerdictBase {
  type: 'leak' | 'drop' | 'duplicate' | 'crosstalk' | 'foreign-stream';
  channel: number;
  streamId: number;
  firstIndex: number;
  lastIndex: number;
  frameCount: number;
  /** crosstalk: where the stream belongs; drop: whether every missing frame was lost on purpose. */
  expectedChannel?: number | 'none';
  injectedLoss?: boolean;
  pause?: TimeWindow;
}

export interface TimeShiftVerdict extends VerdictBase {
  type: 'time-shift';
  /** Absent for the whole recording (frames vs the given recording start). */
  channel?: number;
  streamId?: number;
  /** Positive: the audio sits later in the file than its send times put it; negative: earlier. */
  shiftMs: number;
  /** How far the harness's own lateness could have moved shiftMs (given a harness input). */
  uncertainty?: { lateMs: number; evidence: string };
}

export interface UnknownAudioVerdict extends VerdictBase {
  type: 'unknown-audio';
  channel: number;
}

export interface DurationVerdict extends VerdictBase {
  type: 'duration';
  expectedSamples: number;
  actualSamples: number;
  errorMs: number;
}

export type Verdict = PaddingVerdict | FrameRunVerdict | TimeShiftVerdict | UnknownAudioVerdict | DurationVerdict;
export type VerdictType = Verdict['type'];

export interface RecordingAnalysis {
  sampleRate: number;
  lengthSamples: number;
  channels: ChannelTimeline[];
  timeBase: TimeBase;
  expectedPauses: TimeWindow[];
  streams: readonly SentStream[];
  tolerances: AnalysisTolerances;
  verdicts: Verdict[];
}
