/**
 * The harness's honest warm-up: before the first timed scenario, one short recording runs through
 * the harness's own code only (a fake Media Server, the recording client's SIP and paced RTP, the
 * watermark, the WAV writer and the analyzer), then a full garbage collection clears what loading
 * and compiling left behind. Without it, the first recorded call of a run paid for V8 compiling those
 * paths and for the first major collection: its first packets came 30-80 ms late (more on a slower
 * machine), which is the harness's lateness, not the SUT's. The SUT under test is never warmed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { analyzeRecording } from '../analysis';
import { readWav } from '../media';
import { FakeMediaServer } from '../media-server/media-server';
import { PortBlock } from '../net/port-block';
import { RecordingClient } from '../recording-client/recording-client';
import { systemClock } from '../time/clock';

/** Long enough for every timer path of a recording (start, a pause and resume, stop) to run. */
const TALK_MS = 300;
const PAUSE_MS = 100;

export interface WarmUpReport {
  tookMs: number;
  /** Whether a full collection ran after it (it needs V8's gc(), made available here). */
  collected: boolean;
}

export async function warmUpHarness(portBlock: PortBlock): Promise<WarmUpReport> {
  const began = systemClock.now();
  await recordOnce(portBlock, { analyze: true });
  return { tookMs: systemClock.now() - began, collected: collectGarbage() };
}

/**
 * One short recording, start to stop with a pause, from a recording client to a fake Media Server
 * of its own (on a temporary root, removed after), optionally analyzed: the code paths a timed
 * recording takes, compiled before the first one is timed.
 */
export async function recordOnce(portBlock: PortBlock, options: { analyze: boolean }): Promise<void> {
  const clock = systemClock;
  const root = mkdtempSync(join(tmpdir(), 'gir-warm-up-'));
  const server = await FakeMediaServer.start({ host: '127.0.0.1', portBlock, clock, root });
  const client = await RecordingClient.start({ host: '127.0.0.1', portBlock, clock, recorder: server.address, startOn: 'dialogstart', tenantDbid: 1, timeoutMs: 3000 });
  try {
    const recording = await client.open({ dn: 'warm-up', parameters: { connId: '0000000000000000', side: 'destination', partitions: [] }, streamIds: [1, 2] });
    await delay(TALK_MS);
    await recording.pause();
    await delay(PAUSE_MS);
    await recording.resume();
    await delay(TALK_MS);
    await recording.stop();
    const [session] = server.sessions;
    await session.finished;
    if (!options.analyze) return;
    const audio = readWav(readFileSync(session.recording.options.paths.wav), session.recording.options.paths.wav);
    analyzeRecording({
      channels: audio.channels,
      streams: recording.senders.map((sender, channel) => ({ streamId: recording.streamIds[channel], channel, label: `warm-up ${channel}`, frames: sender.log })),
      recording: { startMs: recording.startedAtMs, stopMs: recording.stoppedAtMs },
    });
  } finally {
    await client.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** A full collection now, while nothing is timed (V8's gc(), exposed for this call only). */
export function collectGarbage(): boolean {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    return true;
  } catch {
    return false;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
