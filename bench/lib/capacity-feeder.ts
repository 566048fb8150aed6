/**
 * A feeder process of the ms-capacity bench (forked with IPC): the SIP Server side of many
 * recordings at once, through the same RecordingClient the @recorder scenarios use. Each session
 * streams watermarked PCMU on both labels (one RtpSender per label, 20 ms frames), is paused once
 * at its planned time, and is stopped on the bench's word (the stops spread over a short window);
 * the send logs go back for the analyzer.
 * Ports come from this process's PortBlock (GIR_PORT_BASE / GIR_PORT_BLOCK / CUCUMBER_WORKER_ID).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ClientRecording } from '../../simulators/recording-client/client-recording';
import { RecordingClient } from '../../simulators/recording-client/recording-client';
import { HostPort } from '../../simulators/net/host-port';
import { SipPortBlock } from '../../simulators/media-server/port-binding';
import { systemClock } from '../../simulators/time/clock';
import { SentFrame } from '../../simulators/media';
import { CompactSendLog, FedRecording, FeederCommand, FeederReport, PlannedSession } from './capacity-protocol';

interface Fed {
  planned: PlannedSession;
  recording: ClientRecording;
  errors: string[];
  /** The pause and resume of the hold, once scheduled. */
  pausing?: Promise<void>;
}

const clock = systemClock;
const fed: Fed[] = [];
let client: RecordingClient | undefined;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

/** Resolves once the message is handed to the IPC channel (so a disconnect after it loses nothing). */
function report(message: FeederReport): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve())));
}

/** This process's block (GIR_PORT_BASE, GIR_PORT_BLOCK, CUCUMBER_WORKER_ID from the bench). */
const portBlock = new SipPortBlock();

async function recordingClient(recorder: HostPort, timeoutMs: number): Promise<RecordingClient> {
  client ??= await RecordingClient.start({ host: '127.0.0.1', portBlock, clock, recorder, startOn: 'dialogstart', tenantDbid: 1, timeoutMs });
  return client;
}

/** Opens `sessions`, one every `intervalMs` (calls arrive at a rate, not at once); failures are returned, not thrown. */
async function openAll(sessions: PlannedSession[], intervalMs: number, opened: Fed[]): Promise<string[]> {
  const failures: string[] = [];
  const started = clock.now();
  await Promise.all(sessions.map(async (planned, i) => {
    await new Promise<void>((resolve) => clock.setTimer(started + i * intervalMs - clock.now(), resolve));
    try {
      const recording = await client!.open({
        dn: planned.dn,
        parameters: { connId: planned.connId, side: 'source', recordId: planned.id, partitions: [] },
        streamIds: planned.streamIds,
      });
      opened.push({ planned, recording, errors: [] });
    } catch (error) {
      failures.push(`${planned.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }));
  return failures;
}

async function warmUp(command: Extract<FeederCommand, { kind: 'warm-up' }>): Promise<void> {
  await recordingClient(command.recorder, command.timeoutMs);
  const warm: Fed[] = [];
  const failures = await openAll(command.sessions, command.intervalMs, warm);
  const delay = (ms: number): Promise<void> => new Promise((resolve) => clock.setTimer(ms, resolve));
  await Promise.all(warm.map(async ({ recording, planned }) => {
    try {
      await delay(command.runMs / 3);
      await recording.pause();
      await delay(command.runMs / 3);
      await recording.resume();
      await delay(command.runMs / 3);
      await recording.stop();
    } catch (error) {
      failures.push(`${planned.id}: ${error instanceof Error ? error.message : String(error)}`);
      recording.closeMedia();
    }
  }));
  await report({ kind: 'warmed', failures });
}

async function open(command: Extract<FeederCommand, { kind: 'open' }>): Promise<void> {
  const started = clock.now();
  await recordingClient(command.recorder, command.timeoutMs);
  const failures = await openAll(command.sessions, command.intervalMs, fed);
  await report({ kind: 'opened', sessions: fed.length, openMs: clock.now() - started, failures });
}

function hold(): void {
  loopDelay.enable();
  for (const entry of fed) {
    const { pauseAtMs, pauseForMs } = entry.planned;
    entry.pausing = new Promise<void>((resolve) => clock.setTimer(pauseAtMs, resolve))
      .then(() => entry.recording.pause())
      .then(() => new Promise<void>((resolve) => clock.setTimer(pauseForMs, resolve)))
      .then(() => entry.recording.resume())
      .catch((error: unknown) => void entry.errors.push(`pause/resume: ${error instanceof Error ? error.message : String(error)}`));
  }
}

async function stop(spreadMs: number): Promise<void> {
  loopDelay.disable();
  await Promise.all(fed.map((entry) => entry.pausing));
  await Promise.all(fed.map(async (entry, i) => {
    await new Promise<void>((resolve) => clock.setTimer((spreadMs * i) / fed.length, resolve));
    await entry.recording.stop().catch((error: unknown) => {
      entry.errors.push(`stop: ${error instanceof Error ? error.message : String(error)}`);
    });
  }));
  const recordings: FedRecording[] = fed.map(({ planned, recording, errors }) => ({
    id: planned.id,
    streamIds: planned.streamIds,
    clockOriginWallMs: performance.timeOrigin,
    startedAtMs: recording.startedAtMs,
    stoppedAtMs: recording.stoppedAtMs ?? clock.now(),
    pauses: recording.pauses.map((p) => ({ startMs: p.startMs, endMs: p.endMs ?? recording.stoppedAtMs ?? clock.now() })),
    logs: [compact(recording.senders[0].log), compact(recording.senders[1].log)],
    errors,
  }));
  const ms = (ns: number): number => ns / 1e6;
  await report({ kind: 'stopped', recordings, eventLoopDelayMs: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) } });
  await client?.close();
}

function compact(log: readonly SentFrame[]): CompactSendLog {
  const result: CompactSendLog = {
    index: new Int32Array(log.length),
    sentAtMs: new Float64Array(log.length),
    latenessMs: new Float64Array(log.length),
    lost: 0,
  };
  log.forEach((frame, i) => {
    result.index[i] = frame.index;
    result.sentAtMs[i] = frame.sentAtMs;
    result.latenessMs[i] = frame.sentAtMs - frame.scheduledAtMs;
    if (frame.lost) result.lost++;
  });
  return result;
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
