/**
 * Crash safety of the Media Server process (MS-03: files appear under their final names only when
 * complete): killed with SIGKILL while recording, or while writing its files, it leaves nothing
 * under a final name (<id>.wav, <id>.json), only hidden `.<name>.<hex>.part` temporaries. A control
 * run ends the same sessions with SIGTERM and finds both files, so the absence is the kill's doing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortBlock, portBlockFromEnv } from '../net/port-block';
import { RecordingClient } from '../recording-client/recording-client';
import { ClientRecording } from '../recording-client/client-recording';
import { systemClock } from '../time/clock';
import { MediaServerProcess } from './media-server-process';

const TEMPORARY = /^\..+\.[0-9a-f]{8}\.part$/;
/** How long the sessions record before the signal: long enough for many frames on both labels. */
const RECORD_MS = 600;
/** The slow-disk fault of the write test: far longer than the test needs to see the temporary and kill. */
const WRITE_STALL_MS = 120_000;
/** Waiting for the temporary file of the write test gives up after this. */
const TEMPORARY_DEADLINE_MS = 10_000;
const POLL_MS = 10;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every file under `root`, as paths relative to it. */
function filesUnder(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(root, join(prefix, entry.name)) : [join(prefix, entry.name)]);
}

const FINAL_NAMES = (ids: string[]): string[] => ids.flatMap((id) => [`${id}.wav`, `${id}.json`]);

interface Stage {
  server: MediaServerProcess;
  client?: RecordingClient;
  recordings: ClientRecording[];
  ids: string[];
  root: string;
}

/** The Media Server process takes its ports from the block after this process's own. */
function mediaServerEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra, CUCUMBER_WORKER_ID: String(portBlockFromEnv().worker + 1) };
}

/** A Media Server process with two live sessions (one of them paused), both labels streaming. */
async function stage(extraEnv: NodeJS.ProcessEnv = {}): Promise<Stage> {
  const root = mkdtempSync(join(tmpdir(), 'gir-ms-crash-'));
  const { process: server, address } = await MediaServerProcess.start({ root, env: mediaServerEnv(extraEnv) });
  const s: Stage = { server, recordings: [], ids: ['crash-1', 'crash-2'], root };
  try {
    s.client = await RecordingClient.start({ host: '127.0.0.1', portBlock: new PortBlock(), clock: systemClock, recorder: address, startOn: 'dialogstart', tenantDbid: 1, timeoutMs: 3000 });
    for (const [i, id] of s.ids.entries()) {
      s.recordings.push(await s.client.open({
        dn: '7001', parameters: { connId: `00c0ffee0000000${i}`, side: 'source', recordId: id, partitions: [] }, streamIds: [101 + 2 * i, 102 + 2 * i],
      }));
    }
    await delay(RECORD_MS / 2);
    await s.recordings[1].pause();
    await delay(RECORD_MS / 2);
    for (const recording of s.recordings) assert.ok(recording.senders.every((sender) => sender.log.length > RECORD_MS / 20 / 2), 'both labels streamed');
    return s;
  } catch (error) {
    await tearDown(s);
    throw error;
  }
}

/** Ends everything a stage started: media, the client, the Media Server process (SIGKILL if still up), its files. */
async function tearDown({ server, client, recordings, root }: Stage): Promise<void> {
  for (const recording of recordings) recording.closeMedia();
  await client?.close();
  if (!server.hasExited) server.signal('SIGKILL');
  await server.exited;
  rmSync(root, { recursive: true, force: true });
}

test('control: SIGTERM stops the live sessions and writes both files of each', async () => {
  const s = await stage();
  try {
    const exit = await s.server.stop();
    assert.equal(exit.code, 0, s.server.output);
    assert.deepEqual(filesUnder(s.root).sort(), FINAL_NAMES(s.ids).sort());
  } finally {
    await tearDown(s);
  }
});

test('SIGKILL while recording leaves no file under a final name', async () => {
  const s = await stage();
  try {
    s.server.signal('SIGKILL');
    assert.equal((await s.server.exited).signal, 'SIGKILL');
    const files = filesUnder(s.root);
    for (const name of FINAL_NAMES(s.ids)) assert.ok(!files.includes(name), `${name} exists after the kill`);
    for (const file of files) assert.match(file, TEMPORARY, `${file} is not a hidden temporary`);
  } finally {
    await tearDown(s);
  }
});

test('SIGKILL while the files are being written leaves only the hidden temporary', async () => {
  const s = await stage({ GIR_MS_WRITE_STALL_MS: String(WRITE_STALL_MS) });
  try {
    await s.recordings[0].stop(); // the MS answers, then starts writing crash-1's files
    const deadline = Date.now() + TEMPORARY_DEADLINE_MS;
    let temporaries: string[] = [];
    while (temporaries.length === 0) {
      temporaries = filesUnder(s.root).filter((f) => TEMPORARY.test(f) && statSync(join(s.root, f)).size > 44);
      assert.ok(Date.now() < deadline, `no partly written temporary within ${TEMPORARY_DEADLINE_MS} ms: ${filesUnder(s.root).join(', ')}`);
      if (temporaries.length === 0) await delay(POLL_MS);
    }
    s.server.signal('SIGKILL');
    assert.equal((await s.server.exited).signal, 'SIGKILL');
    const files = filesUnder(s.root);
    assert.ok(files.some((f) => /^\.crash-1\.wav\.[0-9a-f]{8}\.part$/.test(f)), `the WAV temporary of crash-1 is still there: ${files.join(', ')}`);
    for (const name of FINAL_NAMES(s.ids)) assert.ok(!files.includes(name), `${name} exists after the kill`);
    for (const file of files) assert.match(file, TEMPORARY, `${file} is not a hidden temporary`);
  } finally {
    await tearDown(s);
  }
});
