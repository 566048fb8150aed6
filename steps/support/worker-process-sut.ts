import { Profile } from '../../profiles/profile-schema';
import { RecorderSut, startRecorderSut } from '../../sut/adapters/recorder-sut';
import { processSutEnv } from '../../sut/adapters/command-template';
import { Clock } from '../../simulators/time/clock';
import { workerPortBlock } from './worker-resources';

/**
 * The worker's recorder when the profile runs it as a process or a container: started at the
 * first scenario that needs it and kept for the rest, as a real recorder is started once, not per
 * call; stopped in AfterAll. A recorder that died since the last scenario is started again, so one
 * crash fails the scenario it happened in, not every one after it.
 */
let shared: RecorderSut | undefined;

export async function workerProcessRecorder(profile: Profile, clock: Clock): Promise<RecorderSut> {
  if (shared?.hasExited) {
    await shared.stop();
    shared = undefined;
  }
  if (!shared) {
    shared = await startRecorderSut({ profile, embeddedRoot: '', portBlock: workerPortBlock(), clock, processEnv: processSutEnv(process.env) });
  }
  return shared;
}

export async function stopWorkerProcessSut(): Promise<void> {
  const sut = shared;
  shared = undefined;
  await sut?.stop();
}
