/**
 * ROB-03 in the call-control role: one Media Server recording per SIPp call, each holding its own
 * agent on channel 1 (found by the agent's stream id: every agent phone call has its own) and its
 * SIPp caller on channel 2. Every SIPp caller plays the same stream, so the caller's channel is
 * checked by index continuity against its own call's timeline, the times SIPp put each frame on the
 * wire (sipp-wire-times.ts): a frame of another call sits at the wrong index for its time.
 */
import { readFileSync } from 'node:fs';
import { analyzeRecording, RecordingAnalysis, SentFrameTime, summarizeRecording } from '../../simulators/analysis';
import { PhoneCall } from '../../simulators/endpoint/phone-call';
import { readWav } from '../../simulators/media';
import { MediaServerSession } from '../../simulators/media-server/media-server';
import type { Tolerances } from '../../profiles/profile-schema';
import { analysisTolerances } from './analysis-tolerances';
import { harnessInput } from './harness-lateness';
import { HarnessLatenessInput } from '../../simulators/analysis/lateness-verdicts';
import { stoppedEvent } from './recording-check';
import { SippCallsRun } from './sipp-callers';
import { within } from './waiting';

export interface SippLoadRecording {
  recordId: string;
  agentCall?: PhoneCall;
  analysis?: RecordingAnalysis;
  /** Why this recording fails ROB-03 (empty: it passed); `inconclusive`: what the harness could not judge. */
  failures: string[];
  inconclusive: string[];
}

/**
 * SIPp's frames are stamped by the kernel as they leave SIPp, not by the harness; where they land in
 * the file depends on when the embedded SUT relays them and the fake Media Server reads them, both
 * on the harness's event loop. A stall that begins within the shift tolerance after a frame's send
 * time can hold that frame past it: such a stall bears on its placement too.
 */
function receivedLateness(input: HarnessLatenessInput, windowMs: number): HarnessLatenessInput {
  const { lateness } = input;
  return { ...input, lateness: { during: (fromMs, toMs) => lateness.during(fromMs, toMs + windowMs), heldDuring: lateness.heldDuring?.bind(lateness) } };
}

/** The stream most of channel 1's frames carry (the agent this recording is of). */
function dominantStream(analysis: RecordingAnalysis): number | undefined {
  const counts = new Map<number, number>();
  for (const frame of analysis.channels[0].frames) counts.set(frame.streamId, (counts.get(frame.streamId) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * Waits for a session's stop (by the deadline) and its files (within finalizeMs of the stop). Every
 * session is awaited before any is analyzed: the analyzer holds the event loop the embedded fake
 * Media Server writes its files on, and must not make it late.
 */
export async function sessionFinished(session: MediaServerSession, limits: { stopDeadlineMs: number; nowMs: () => number; tolerance: Tolerances }): Promise<boolean> {
  const id = session.recording.id;
  await within(Math.max(0, limits.stopDeadlineMs - limits.nowMs()), `the stop of recording ${id} (deadline: the last hang-up + tolerance.stopMs)`, stoppedEvent(session));
  return (await within(limits.tolerance.finalizeMs, `the files of recording ${id} (tolerance.finalizeMs after its stop)`, session.finished)) !== undefined;
}

/** Analyzes a finished session (sessionFinished first). */
export function checkSippLoadRecording(session: MediaServerSession, run: SippCallsRun, sippFrames: ReadonlyMap<PhoneCall, SentFrameTime[]>, tolerance: Tolerances): SippLoadRecording {
  const id = session.recording.id;
  const checked: SippLoadRecording = { recordId: id, failures: [], inconclusive: [] };
  const limits = { tolerance };
  const events = session.recording.events;
  const recording = { startMs: events.find((e) => e.type === 'started')!.atMs, stopMs: events.find((e) => e.type === 'stopped')!.atMs, stampedBy: 'recorder' as const };
  const wav = readWav(readFileSync(session.recording.options.paths.wav), session.recording.options.paths.wav);
  const tolerances = analysisTolerances(limits.tolerance);
  const agentStream = dominantStream(analyzeRecording({ channels: [wav.channels[0]], streams: [], recording, tolerances }));
  const agentCall = run.agentCalls.find((call) => call.media.streamId === agentStream);
  if (!agentCall) return { ...checked, failures: [`recording ${id}: channel 1 holds no agent call's stream (found ${agentStream ?? 'no frame'})`] };
  if (!sippFrames.has(agentCall)) return { ...checked, inconclusive: [`recording ${id}: the capture shows no SIPp packet relayed to the agent call of stream ${agentCall.media.streamId}, so its caller's send times are unknown`] };
  const analysis = analyzeRecording({
    channels: wav.channels,
    streams: [
      { streamId: agentCall.media.streamId!, channel: 0, label: `agent (stream ${agentCall.media.streamId})`, frames: agentCall.media.sendLog },
      { streamId: run.audio.streamId, channel: 1, label: 'SIPp caller', frames: sippFrames.get(agentCall) ?? [] },
    ],
    recording,
    tolerances,
    harness: receivedLateness(harnessInput(limits.tolerance, [
      { label: 'the agent', frames: agentCall.media.sendLog },
      { label: "SIPp's pcap player", frames: sippSchedule(sippFrames.get(agentCall) ?? []) },
    ]), limits.tolerance.shiftMs),
  });
  const summary = summarizeRecording(analysis);
  return {
    ...checked, agentCall, analysis,
    failures: summary.failures.map((v) => `recording ${id} (agent stream ${agentCall.media.streamId}): ${v.type}: ${v.message}`),
    inconclusive: summary.inconclusive.map((v) => `recording ${id}: ${v.type}: ${v.message}`),
  };
}

/**
 * SIPp plays the caller for the harness: its lateness is the harness's too. A frame it put on the
 * wire later than its slot (the pcap's 20 ms grid, anchored where the least-late frame puts it, as
 * the recorder anchors it) carries its RTP timestamp's place, not its wire time.
 */
function sippSchedule(frames: readonly SentFrameTime[]): { index: number; sentAtMs: number; scheduledAtMs: number }[] {
  if (frames.length === 0) return [];
  const base = Math.min(...frames.map((f) => f.sentAtMs - f.index * FRAME_MS));
  return frames.map((f) => ({ index: f.index, sentAtMs: f.sentAtMs, scheduledAtMs: base + f.index * FRAME_MS }));
}

const FRAME_MS = 20;
