import { Profile } from '../../profiles/profile-schema';
import { RecorderSut, startRecorderSut } from '../../sut/adapters/recorder-sut';
import { portBlockFromEnv } from '../../simulators/net/port-block';
import { Clock } from '../../simulators/time/clock';
import { workerPortBlock } from './worker-resources';

/**
 * The worker's recorder when the profile runs it as a process (`adapter: process`): started at the
 * first scenario that needs it and kept for the rest, as a real recorder is started once, not per
 * call; stopped in AfterAll. A recorder that died since the last scenario is started again, so one
 * crash fails the scenario it happened in, not every one after it.
 */
let shared: RecorderSut | undefined;

/**
 * The process's own port block (for its media ports) lies this many blocks after the worker's, so
 * the two never take turns on the same ports; `{port}` still comes from the worker's own block.
 */
const PROCESS_BLOCK_OFFSET = 4;

export async function workerProcessRecorder(profile: Profile, clock: Clock): Promise<RecorderSut> {
  if (shared?.process?.hasExited) {
    await shared.stop();
    shared = undefined;
  }
  if (!shared) {
    const worker = portBlockFromEnv().worker;
    shared = await startRecorderSut({
      profile, embeddedRoot: '', portBlock: workerPortBlock(), clock,
      processEnv: { ...process.env, CUCUMBER_WORKER_ID: String(worker + PROCESS_BLOCK_OFFSET) },
    });
  }
  return shared;
}

export async function stopWorkerProcessSut(): Promise<void> {
  const sut = shared;
  shared = undefined;
  await sut?.stop();
}
