import { readFileSync } from 'node:fs';
import { analyzeRecordingInParallel, RecordingAnalysis, SentStream, summarizeRecording } from '../../simulators/analysis';
import { readWav } from '../../simulators/media';
import { MediaServerSession } from '../../simulators/media-server/media-server';
import { RecordingMetadata } from '../../simulators/media-server/recording-metadata';
import { RecordingEvent } from '../../simulators/media-server/recording-state';
import { Clock } from '../../simulators/time/clock';
import type { Tolerances } from '../../profiles/profile-schema';
import { analysisTolerances } from './analysis-tolerances';
import { harnessInput } from './harness-lateness';
import { Party } from './world';
import { within } from './waiting';

export interface CheckedRecording {
  metadata: RecordingMetadata;
  samples: Int16Array[];
  analysis: RecordingAnalysis;
  startedAtMs: number;
  stoppedAtMs: number;
}

/** Resolves with the Media Server's stop event of a session, however it came (INFO app.stop or BYE). */
export function stoppedEvent(session: MediaServerSession): Promise<RecordingEvent> {
  const existing = session.recording.events.find((e) => e.type === 'stopped');
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve) => session.recording.onCommand((event) => event.type === 'stopped' && resolve(event)));
}

/**
 * Waits for a Media Server session to stop (by `stopDeadlineMs` on the clock) and for its files
 * (within `finalizeMs` of the stop), then analyzes the WAV against what the parties sent: channel 0
 * must hold `label1` (the party side), channel 1 `label2`, every other party of the scenario
 * nowhere. Time base: the MS's own start event.
 */
export async function analyzeSession(
  session: MediaServerSession,
  parties: { label1: Party; label2: Party; others: Party[] },
  limits: { clock: Clock; stopDeadlineMs: number; tolerance: Tolerances },
): Promise<CheckedRecording> {
  const waitForStop = Math.max(0, limits.stopDeadlineMs - limits.clock.now());
  await within(waitForStop, `the stop of recording ${session.recording.id} (deadline: hang-up + tolerance.stopMs)`, stoppedEvent(session));
  const metadata = await within(limits.tolerance.finalizeMs, `the files of recording ${session.recording.id} (tolerance.finalizeMs after its stop)`, session.finished);
  if (!metadata) throw new Error(`recording ${session.recording.id} was stopped before it started: no file`);
  const events = session.recording.events;
  const startedAtMs = events.find((e) => e.type === 'started')!.atMs;
  const stoppedAtMs = events.find((e) => e.type === 'stopped')!.atMs;
  const wav = readWav(readFileSync(session.recording.options.paths.wav), session.recording.options.paths.wav);
  const stream = (party: Party, channel: number | 'none'): SentStream => ({
    streamId: party.streamId,
    channel,
    label: party.name,
    frames: party.call?.media.sendLog ?? [],
  });
  const analysis = await analyzeRecordingInParallel({
    channels: wav.channels,
    streams: [stream(parties.label1, 0), stream(parties.label2, 1), ...parties.others.map((p) => stream(p, 'none'))],
    expectedPauses: pausesOf(events),
    recording: { startMs: startedAtMs, stopMs: stoppedAtMs, stampedBy: 'recorder' },
    tolerances: analysisTolerances(limits.tolerance),
    harness: harnessInput(limits.tolerance, [parties.label1, parties.label2, ...parties.others].map((p) => ({ label: p.name, frames: p.call?.media.sendLog ?? [] }))),
  });
  return { metadata, samples: wav.channels, analysis, startedAtMs, stoppedAtMs };
}

/** The pauses as the MS received them: each paused event up to the next resumed (or stopped) one. */
function pausesOf(events: readonly { type: string; atMs: number }[]): { startMs: number; endMs: number; label: string }[] {
  const pauses: { startMs: number; endMs: number; label: string }[] = [];
  let pausedAt: number | undefined;
  for (const event of events) {
    if (event.type === 'paused') pausedAt = event.atMs;
    else if (pausedAt !== undefined && (event.type === 'resumed' || event.type === 'stopped')) {
      pauses.push({ startMs: pausedAt, endMs: event.atMs, label: `pause ${pauses.length + 1}` });
      pausedAt = undefined;
    }
  }
  return pauses;
}

export function recordingSummaryText(checked: CheckedRecording): string {
  return summarizeRecording(checked.analysis).text;
}
