import assert from 'node:assert/strict';
import { assertRecordingPassed } from '../../simulators/analysis';
import { MediaServerSession } from '../../simulators/media-server/media-server';
import { analyzeSession, CheckedRecording } from './recording-check';
import { assertTiming, harnessInput } from './harness-lateness';
import { GirWorld, Party } from './world';

/** When a party sent frame `index` (its send log is the analyzer's time reference). */
export function frameSentAt(party: Party, index: number): number {
  const frame = party.call?.media.sendLog.find((f) => f.index === index);
  if (!frame) throw new Error(`${party.name} never sent frame ${index}`);
  return frame.sentAtMs;
}

/** The moments a recording is judged against (PROFILE-RULES.md rule 15), on the harness clock. */
export interface RecordingWindow {
  startMs: number;
  startName: string;
  stopMs: number;
  stopName: string;
}

/**
 * The recording's file against what the parties sent: `label1` on channel 1, `label2` on channel 2,
 * nobody else anywhere, padded over every pause the Media Server received (the analyzer); its party
 * audio starting within tolerance.startMs of the start reference (and not before it) and ending
 * within tolerance.stopMs of the stop reference.
 */
export async function checkRecordingWindow(world: GirWorld, session: MediaServerSession, label1: Party, label2: Party, window: RecordingWindow): Promise<CheckedRecording> {
  const others = [...world.parties.values()].filter((p) => p !== label1 && p !== label2);
  const tolerance = world.tolerance;
  const checked = await analyzeSession(session, { label1, label2, others }, {
    clock: world.clock, stopDeadlineMs: window.stopMs + tolerance.stopMs, tolerance,
  });
  world.attach(JSON.stringify(checked.metadata, null, 2), { mediaType: 'application/json', fileName: 'recording-metadata.json' });
  world.attachRecordingPlot(checked.analysis, checked.samples, `recording ${checked.metadata.id}`, [`channel 1: ${label1.name} (label 1)`, `channel 2: ${label2.name} (label 2)`]);
  const summary = assertRecordingPassed(checked.analysis);

  const partyFrames = checked.analysis.channels[0].frames.filter((f) => f.streamId === label1.streamId).sort((a, b) => a.index - b.index);
  assert.ok(partyFrames.length > 0, `channel 1 holds no frame of the ${label1.name}`);
  // Each moment below is judged against the harness's own lateness over the span it measures.
  const harness = harnessInput(tolerance, [label1, label2].map((p) => ({ label: p.name, frames: p.call?.media.sendLog ?? [] })));
  const firstSent = frameSentAt(label1, partyFrames[0].index);
  const startLag = firstSent - window.startMs;
  assertTiming(harness, {
    measuredMs: startLag, toleranceMs: tolerance.startMs, fromMs: window.startMs, toMs: firstSent,
    message: `the ${label1.name}'s audio in the file starts with a frame sent ${startLag.toFixed(1)} ms after ${window.startName}; tolerance.startMs is ${tolerance.startMs}`,
  });
  assertTiming(harness, {
    measuredMs: Math.max(0, -startLag), toleranceMs: tolerance.padEdgeMs, fromMs: firstSent, toMs: window.startMs,
    message: `the file holds ${label1.name} audio sent ${(-startLag).toFixed(1)} ms before ${window.startName} (more than tolerance.padEdgeMs)`,
  });

  const stopLag = checked.stoppedAtMs - window.stopMs;
  assert.ok(stopLag >= 0, `the recording stopped ${(-stopLag).toFixed(1)} ms before ${window.stopName}: what came after was lost`);
  assertTiming(harness, {
    measuredMs: stopLag, toleranceMs: tolerance.stopMs, fromMs: window.stopMs, toMs: checked.stoppedAtMs,
    message: `the recording stopped ${stopLag.toFixed(1)} ms after ${window.stopName}; tolerance.stopMs is ${tolerance.stopMs}`,
  });
  const lastSent = frameSentAt(label1, partyFrames[partyFrames.length - 1].index);
  const endGap = window.stopMs - lastSent;
  const pausedAtEnd = session.recording.events.at(-2)?.type === 'paused';
  if (!pausedAtEnd) {
    assertTiming(harness, {
      measuredMs: endGap, toleranceMs: tolerance.stopMs, fromMs: lastSent, toMs: window.stopMs,
      message: `the ${label1.name}'s last frame in the file was sent ${endGap.toFixed(1)} ms before ${window.stopName}; tolerance.stopMs is ${tolerance.stopMs}`,
    });
  }
  world.log(`${summary.text}\nmeasured: party audio from ${startLag.toFixed(1)} ms after ${window.startName}; stop ${stopLag.toFixed(1)} ms after ${window.stopName}${pausedAtEnd ? ' (paused up to the stop)' : `; last party frame sent ${endGap.toFixed(1)} ms before it`}`);
  return checked;
}
