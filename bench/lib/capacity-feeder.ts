/**
 * A feeder process of the ms-capacity bench (forked with IPC): the SIP Server side of many
 * recordings at once. Signalling goes through RecordingSessionClient, as the recording client's
 * does; media through one StreamPacer (watermarked PCMU, 20 ms frames, both labels of every
 * session). Each session is paused once at its planned time and stopped on the bench's word; the
 * send logs go back for the analyzer.
 * Ports come from this process's block (GIR_PORT_BASE / GIR_PORT_BLOCK / CUCUMBER_WORKER_ID).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { SipUserAgent } from '../../simulators/sip';
import { systemClock } from '../../simulators/time/clock';
import { CompactSendLog, FedRecording, FeederCommand, FeederReport, PlannedSession } from './capacity-protocol';
import { PacedRecordingContext as FeederContext, PacedRecording as FeederRecording } from '../../simulators/recording-client/paced-recording';
import { StreamLog, StreamPacer } from '../../simulators/recording-client/stream-pacer';

interface Fed {
  recording: FeederRecording;
  errors: string[];
  /** The pause and resume of the hold, once scheduled. */
  pausing?: Promise<void>;
}

const clock = systemClock;
const pacer = new StreamPacer(clock);
const portBlock = new PortBlock();
const fed: Fed[] = [];
let context: FeederContext | undefined;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
const delay = (ms: number): Promise<void> => new Promise((resolve) => clock.setTimer(ms, resolve));
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Resolves once the message is handed to the IPC channel (so a disconnect after it loses nothing). */
function report(message: FeederReport): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve())));
}

async function contextFor(recorder: HostPort, timeoutMs: number): Promise<FeederContext> {
  if (!context) {
    const ua = await portBlock.bind((port) => SipUserAgent.start({ host: '127.0.0.1', port, clock, userAgent: 'gir-capacity-feeder' }));
    context = { ua, clock, pacer, portBlock, recorder, timeoutMs };
  }
  return context;
}

/** Opens `sessions`, one every `intervalMs` (calls arrive at a rate, not at once); failures are returned, not thrown. */
async function openAll(sessions: PlannedSession[], intervalMs: number, opened: Fed[]): Promise<string[]> {
  const failures: string[] = [];
  const started = clock.now();
  await Promise.all(sessions.map(async (planned, i) => {
    await delay(started + i * intervalMs - clock.now());
    try {
      opened.push({ recording: await FeederRecording.open(context!, planned), errors: [] });
    } catch (error) {
      failures.push(`${planned.id}: ${message(error)}`);
    }
  }));
  return failures;
}

async function warmUp(command: Extract<FeederCommand, { kind: 'warm-up' }>): Promise<void> {
  await contextFor(command.recorder, command.timeoutMs);
  const warm: Fed[] = [];
  const failures = await openAll(command.sessions, command.intervalMs, warm);
  await Promise.all(warm.map(async ({ recording }) => {
    try {
      await delay(command.runMs / 3);
      await recording.pause();
      await delay(command.runMs / 3);
      await recording.resume();
      await delay(command.runMs / 3);
      await recording.stop();
    } catch (error) {
      failures.push(`${recording.planned.id}: ${message(error)}`);
      recording.closeMedia();
    }
  }));
  await report({ kind: 'warmed', failures });
}

async function open(command: Extract<FeederCommand, { kind: 'open' }>): Promise<void> {
  const started = clock.now();
  await contextFor(command.recorder, command.timeoutMs);
  const failures = await openAll(command.sessions, command.intervalMs, fed);
  await report({ kind: 'opened', sessions: fed.length, openMs: clock.now() - started, failures });
}

function hold(): void {
  loopDelay.enable();
  for (const entry of fed) {
    const { pauseAtMs, pauseForMs } = entry.recording.planned;
    entry.pausing = delay(pauseAtMs)
      .then(() => entry.recording.pause())
      .then(() => delay(pauseForMs))
      .then(() => entry.recording.resume())
      .catch((error: unknown) => void entry.errors.push(`pause/resume: ${message(error)}`));
  }
}

async function stop(spreadMs: number): Promise<void> {
  loopDelay.disable();
  await Promise.all(fed.map((entry) => entry.pausing));
  await Promise.all(fed.map(async (entry, i) => {
    await delay((spreadMs * i) / fed.length);
    await entry.recording.stop().catch((error: unknown) => void entry.errors.push(`stop: ${message(error)}`));
  }));
  const recordings: FedRecording[] = fed.map(({ recording, errors }) => {
    const stoppedAtMs = recording.stoppedAtMs ?? clock.now();
    errors.push(...recording.mediaErrors.map((error) => `media send: ${error.message}`));
    return {
      id: recording.planned.id,
      streamIds: recording.planned.streamIds,
      clockOriginWallMs: performance.timeOrigin,
      startedAtMs: recording.startedAtMs,
      stoppedAtMs,
      pauses: recording.pauses.map((p) => ({ startMs: p.startMs, endMs: p.endMs ?? stoppedAtMs })),
      logs: [compact(recording.streams[0].sendLog), compact(recording.streams[1].sendLog)],
      errors,
    };
  });
  const ms = (ns: number): number => ns / 1e6;
  await report({ kind: 'stopped', recordings, eventLoopDelayMs: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) } });
  pacer.close();
  await context?.ua.close();
}

function compact(log: StreamLog): CompactSendLog {
  return { sentAtMs: log.sentAtMs.slice(0, log.count), lost: log.lost.slice(0, log.count), latenessMs: log.latenessMs.slice(0, log.count) };
}

const fail = (error: unknown): void => {
  process.exitCode = 1;
  void report({ kind: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) }).finally(() => process.disconnect());
};

process.on('message', (command: FeederCommand) => {
  if (command.kind === 'warm-up') warmUp(command).catch(fail);
  else if (command.kind === 'open') open(command).catch(fail);
  else if (command.kind === 'hold') hold();
  else if (command.kind === 'stop') stop(command.spreadMs).catch(fail);
  else if (command.kind === 'exit') process.disconnect();
});
