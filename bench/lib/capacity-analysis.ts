/**
 * Checks one recording of the ms-capacity bench the way the @recorder scenarios do: the analyzer
 * against the feeder's send logs, pauses and start/stop times (all on the feeder's clock), with the
 * profile's padding tolerance; every failing verdict counts. Returns a small summary, so hundreds
 * of recordings can be checked one after the other without keeping their audio.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRecording, PaddingVerdict, SentStream, summarizeRecording } from '../../simulators/analysis';
import { readWav } from '../../simulators/media';
import { CompactSendLog, FedRecording } from './capacity-protocol';

export interface RecordingCheck {
  id: string;
  passed: boolean;
  /** Why it failed: a missing file, a command error, or the analyzer's failing verdicts. */
  failures: string[];
  failureTypes: string[];
  /** Frames the feeder sent, and those it skipped because it could not send them on time. */
  framesSent: number;
  framesSkipped: number;
  framesFound: number;
  /** Largest padding edge error of the recording (ms), over both channels and edges the analyzer judged (not hidden ones). */
  maxPadEdgeErrorMs: number;
  durationS: number;
  /**
   * How long each command (start, pause, resume, stop) took from the feeder's send to the Media
   * Server's event in the metadata (wall clocks of two processes, ms resolution): the largest.
   */
  maxCommandLatencyMs: number;
}

export function checkRecording(root: string, fed: FedRecording, padEdgeMs: number): RecordingCheck {
  const check: RecordingCheck = { id: fed.id, passed: false, failures: [...fed.errors], failureTypes: fed.errors.map(() => 'command'), framesSent: 0, framesSkipped: 0, framesFound: 0, maxPadEdgeErrorMs: 0, durationS: 0, maxCommandLatencyMs: 0 };
  const wavPath = join(root, `${fed.id}.wav`);
  const metadataPath = join(root, `${fed.id}.json`);
  for (const path of [wavPath, metadataPath]) {
    if (!existsSync(path)) {
      check.failures.push(`no ${path}`);
      check.failureTypes.push('missing-file');
    }
  }
  if (check.failureTypes.includes('missing-file')) return check;
  const metadata = JSON.parse(readFileSync(metadataPath, 'utf8')) as { id?: unknown; events?: { type: string; at: string }[] };
  if (metadata.id !== fed.id) {
    check.failures.push(`metadata id ${JSON.stringify(metadata.id)}, expected ${fed.id}`);
    check.failureTypes.push('metadata');
  }
  check.maxCommandLatencyMs = commandLatency(fed, metadata.events ?? []);
  const audio = readWav(readFileSync(wavPath), wavPath);
  const streams: SentStream[] = fed.logs.map((log, channel) => ({
    streamId: fed.streamIds[channel],
    channel,
    label: channel === 0 ? 'party side (label 1)' : 'other party (label 2)',
    frames: framesOf(log),
  }));
  const analysis = analyzeRecording({
    channels: audio.channels,
    streams,
    expectedPauses: fed.pauses.map((p, i) => ({ startMs: p.startMs, endMs: p.endMs, label: `pause ${i + 1}` })),
    recording: { startMs: fed.startedAtMs, stopMs: fed.stoppedAtMs },
    tolerances: { padEdgeMs },
  });
  const summary = summarizeRecording(analysis);
  for (const failure of summary.failures) {
    check.failures.push(`${failure.type}: ${failure.message}`);
    check.failureTypes.push(failure.type);
  }
  check.framesSent = fed.logs.reduce((n, log) => n + log.lost.length - skipped(log), 0);
  check.framesSkipped = fed.logs.reduce((n, log) => n + skipped(log), 0);
  check.framesFound = analysis.channels.reduce((n, c) => n + c.frames.length, 0);
  const padding = analysis.verdicts.filter((v): v is PaddingVerdict => v.type === 'padding');
  if (padding.length < 2 * fed.pauses.length) {
    check.failures.push(`${padding.length} padding verdicts for ${fed.pauses.length} pause(s) in 2 channels`);
    check.failureTypes.push('padding-unchecked');
  }
  const judged = (v: PaddingVerdict, edge: 'start' | 'end', errorMs: number | undefined): number[] =>
    errorMs === undefined || v.hiddenEdges?.includes(edge) ? [] : [Math.abs(errorMs)];
  check.maxPadEdgeErrorMs = Math.max(0, ...padding.flatMap((v) => [...judged(v, 'start', v.startErrorMs), ...judged(v, 'end', v.endErrorMs)]));
  check.durationS = analysis.lengthSamples / analysis.sampleRate;
  check.passed = check.failures.length === 0;
  return check;
}

/** The commands in the order the metadata lists their events: start, each pause and resume, stop. */
function commandLatency(fed: FedRecording, events: { type: string; at: string }[]): number {
  const sent = [fed.startedAtMs, ...fed.pauses.flatMap((p) => [p.startMs, p.endMs]), fed.stoppedAtMs];
  if (fed.pauses.length > 0 && fed.pauses[fed.pauses.length - 1].endMs === fed.stoppedAtMs) sent.splice(sent.length - 2, 1);
  if (events.length !== sent.length) return Number.NaN;
  return Math.max(...events.map((event, i) => Date.parse(event.at) - (fed.clockOriginWallMs + sent[i])));
}

function framesOf(log: CompactSendLog): { index: number; sentAtMs: number; lost: boolean }[] {
  return Array.from(log.sentAtMs, (sentAtMs, index) => ({ index, sentAtMs, lost: log.lost[index] === 1 }));
}

function skipped(log: CompactSendLog): number {
  let count = 0;
  for (const flag of log.lost) count += flag;
  return count;
}
