import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoadedProfile } from '../profiles/load-profile';
import { ProcessRecorder } from '../sut/adapters/process-recorder';
import { probeSip } from '../sut/adapters/sip-probe';
import { SutProcessError } from '../sut/adapters/sut-process';
import { parseHostPort } from '../simulators/net/host-port';
import { PortBlock } from '../simulators/net/port-block';
import { PROJECT_ROOT } from './lib/cucumber-process';
import { RunSetupError } from './run-setup-error';

/**
 * Before Cucumber starts: can each SUT of the run be reached at all? An adapter the role lacks, an
 * external SUT that does not answer SIP OPTIONS, a recordings root that is not there, a process
 * SUT that dies at start or never says it is listening: each ends the run here (RunSetupError,
 * exit 2) instead of failing every scenario one by one. A process SUT is started once and stopped
 * again for this; each worker then runs its own.
 */
export async function checkSutsBeforeRun(profiles: readonly LoadedProfile[], env: NodeJS.ProcessEnv, reportsDir: string): Promise<void> {
  for (const loaded of profiles) await checkSut(loaded, env, reportsDir);
}

async function checkSut({ path, profile }: LoadedProfile, env: NodeJS.ProcessEnv, reportsDir: string): Promise<void> {
  const { sut } = profile;
  const where = `${path}: ${sut.role} SUT ${sut.name}`;
  if (sut.adapter === 'embedded') return;
  if (sut.adapter === 'container') throw new RunSetupError(`${where}: sut.adapter "container" is not available yet; use "process" or "external"`);
  if (sut.role === 'call-control') {
    throw new RunSetupError(`${where}: sut.adapter "${sut.adapter}" is not available yet for the call-control role (it needs the CTI bridge); use "embedded"`);
  }
  const portBlock = new PortBlock();
  if (sut.adapter === 'external') {
    if (!sut.sip || !sut.recordings) throw new RunSetupError(`${where}: an external recorder needs sut.sip ("host:port") and sut.recordings (the directory it writes under)`);
    checkRecordingsRoot(where, sut.recordings);
    await probe(where, sut.sip, portBlock);
    return;
  }
  if (sut.recordings) checkRecordingsRoot(where, sut.recordings);
  let recorder: ProcessRecorder;
  try {
    recorder = await ProcessRecorder.start({ profile, portBlock, cwd: PROJECT_ROOT, env });
  } catch (error) {
    if (error instanceof SutProcessError) {
      // The one line names the cause; the whole output is kept beside the reports.
      mkdirSync(reportsDir, { recursive: true });
      const file = join(reportsDir, 'sut-start-output.txt');
      writeFileSync(file, error.output);
      throw new RunSetupError(`${where}: ${error.message} (its whole output: ${file})`);
    }
    throw new RunSetupError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    await probe(where, `${recorder.sipAddress.host}:${recorder.sipAddress.port}`, portBlock);
  } finally {
    await recorder.stop();
  }
}

async function probe(where: string, sip: string, portBlock: PortBlock): Promise<void> {
  try {
    await probeSip(parseHostPort(sip), portBlock);
  } catch (error) {
    throw new RunSetupError(`${where} unreachable: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function checkRecordingsRoot(where: string, root: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch (error) {
    throw new RunSetupError(`${where}: sut.recordings ${root} cannot be read: ${(error as Error).message}`);
  }
  if (!isDirectory) throw new RunSetupError(`${where}: sut.recordings ${root} is not a directory`);
}
