/**
 * ROB-03 in the recorder role: `calls` recording sessions from the SIP Server side straight to the
 * recorder under test, all live at once, each with its own two watermarked streams on one shared
 * pacer (simulators/recording-client/stream-pacer), each paused once for a third of its length (so
 * padding is checked under load too), then stopped; every recording is analyzed against its own
 * send logs, pauses, start and stop.
 */
import { randomBytes } from 'node:crypto';
import { analyzeRecordingInParallel, summarizeRecording } from '../../simulators/analysis';
import { readWav } from '../../simulators/media';
import { PacedRecording } from '../../simulators/recording-client/paced-recording';
import { StreamLog, StreamPacer } from '../../simulators/recording-client/stream-pacer';
import { SipUserAgent } from '../../simulators/sip';
import { analysisTolerances } from './analysis-tolerances';
import { harnessInput } from './harness-lateness';
import { freshId } from './recorder-sessions';
import { allocateStreamId } from './worker-resources';
import type { GirWorld } from './world';

/** Sessions open one after the other at this interval (calls arrive at a rate, not all in one tick). */
const OPEN_INTERVAL_MS = 20;
const PARTY_DN = '7001';

export interface RecorderLoadResult {
  sessions: number;
  failures: string[];
  inconclusive: string[];
  /** Frames the pacer could not send on time and skipped (logged lost: the analyzer does not blame the recorder for them). */
  skippedFrames: number;
}

function framesOf(log: StreamLog): { index: number; sentAtMs: number; scheduledAtMs: number; lost: boolean }[] {
  return Array.from(log.sentAtMs.subarray(0, log.count), (sentAtMs, index) => ({
    index, sentAtMs, scheduledAtMs: sentAtMs - log.latenessMs[index], lost: log.lost[index] === 1,
  }));
}

const sleep = (world: GirWorld, ms: number): Promise<void> => new Promise((resolve) => world.clock.setTimer(Math.max(0, ms), resolve));

export async function runRecorderLoad(world: GirWorld, calls: number, callSeconds: number): Promise<RecorderLoadResult> {
  const stage = await world.recorderRole();
  const { clock } = world;
  const pacer = new StreamPacer(clock);
  world.disposers.push('load pacer', () => pacer.close());
  const ua = await world.ports.bind((port) => SipUserAgent.start({ host: '127.0.0.1', port, clock, userAgent: 'gir-recording-client (load)', onTrace: world.trace.recorder('recording client (load)') }));
  world.disposers.push('load recording client', () => ua.close());
  const context = { ua, clock, pacer, portBlock: world.ports, recorder: stage.recorder.sipAddress, timeoutMs: world.profile.sut.msTimeoutMs };
  const callMs = callSeconds * 1000;
  const began = clock.now();
  // Every open is awaited, failed or not, before the step fails: a session that opened after the
  // first failure would escape the scenario's disposers and keep the run from ever ending.
  const opened = await Promise.allSettled(Array.from({ length: calls }, async (_, i) => {
    await sleep(world, began + i * OPEN_INTERVAL_MS - clock.now());
    const planned = { id: freshId(), dn: PARTY_DN, connId: randomBytes(8).toString('hex'), streamIds: [allocateStreamId(), allocateStreamId()] as [number, number], pauseAtMs: callMs / 3, pauseForMs: callMs / 3 };
    const recording = await PacedRecording.open(context, planned);
    world.disposers.push(`load recording ${planned.id}`, () => (recording.stoppedAtMs === undefined ? recording.stop() : undefined));
    return recording;
  }));
  const failedOpen = opened.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failedOpen) throw failedOpen.reason;
  const recordings = opened.map((o) => (o as PromiseFulfilledResult<PacedRecording>).value);
  // Every session is live now: each runs its own course from here (pause, resume, stop).
  await Promise.all(recordings.map(async (recording) => {
    const { pauseAtMs, pauseForMs } = recording.planned;
    await sleep(world, recording.startedAtMs + pauseAtMs - clock.now());
    await recording.pause();
    await sleep(world, pauseForMs);
    await recording.resume();
    await sleep(world, recording.startedAtMs + callMs - clock.now());
    await recording.stop();
  }));

  // Every deadline is awaited before any analysis: the analyzer holds the event loop the embedded
  // recorder writes its files on, and must not make it late.
  const allFiles = await Promise.all(recordings.map((recording) => stage.waitForFiles(recording.planned.id, undefined, clock, recording.stoppedAtMs! + world.tolerance.finalizeMs)));
  const result: RecorderLoadResult = { sessions: recordings.length, failures: [], inconclusive: [], skippedFrames: 0 };
  for (const [i, recording] of recordings.entries()) {
    const { id } = recording.planned;
    const files = allFiles[i];
    const audio = readWav(files.wav, files.wavPath);
    const logs = recording.streams.map((stream) => framesOf(stream.sendLog));
    const analysis = await analyzeRecordingInParallel({
      channels: audio.channels,
      streams: logs.map((frames, channel) => ({ streamId: recording.planned.streamIds[channel], channel, label: channel === 0 ? 'party side (label 1)' : 'other party (label 2)', frames })),
      expectedPauses: recording.pauses.map((p, i) => ({ startMs: p.startMs, endMs: p.endMs ?? recording.stoppedAtMs!, label: `pause ${i + 1}` })),
      recording: { startMs: recording.startedAtMs, stopMs: recording.stoppedAtMs, stampedBy: 'sender', sharesHarnessLoop: stage.sharesHarnessLoop },
      tolerances: analysisTolerances(world.tolerance),
      harness: harnessInput(world.tolerance, logs.map((frames, channel) => ({ label: channel === 0 ? 'the party side' : 'the other party', frames }))),
    });
    const summary = summarizeRecording(analysis);
    result.skippedFrames += logs.reduce((n, frames) => n + frames.filter((f) => f.lost).length, 0);
    const mediaErrors = recording.mediaErrors;
    if (mediaErrors.length > 0) {
      // Frames our own socket failed to send were never offered to the recorder: its checks cannot be judged.
      result.inconclusive.push(`recording ${id}: the harness could not send its media (${mediaErrors.map((e) => e.message).join('; ')}); its ${summary.failures.length + summary.inconclusive.length} failing check(s) are not judged`);
      continue;
    }
    result.failures.push(...summary.failures.map((v) => `recording ${id}: ${v.type}: ${v.message}`));
    result.inconclusive.push(...summary.inconclusive.map((v) => `recording ${id}: ${v.type}: ${v.message}`));
  }
  return result;
}
