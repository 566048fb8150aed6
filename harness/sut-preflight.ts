import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoadedProfile } from '../profiles/load-profile';
import { DirectoryEntry, Profile } from '../profiles/profile-schema';
import { freePort, processSutEnv } from '../sut/adapters/command-template';
import { ProcessCallControl } from '../sut/adapters/process-call-control';
import { checkProvisioning } from '../sut/adapters/provisioning-check';
import { ProcessRecorder } from '../sut/adapters/process-recorder';
import { probeSip } from '../sut/adapters/sip-probe';
import { SutProcessError } from '../sut/adapters/sut-process';
import { detectContainerEngine } from '../sut/adapters/container-engine';
import { ContainerCallControl } from '../sut/adapters/container-call-control';
import { ContainerRecorder } from '../sut/adapters/container-recorder';
import { SutContainerError } from '../sut/adapters/sut-container';
import { formatHostPort, parseHostPort } from '../simulators/net/host-port';
import { PortBlock } from '../simulators/net/port-block';
import { PROJECT_ROOT } from './lib/cucumber-process';
import { RunSetupError } from './run-setup-error';

/**
 * Before Cucumber starts: can each SUT of the run be reached at all? An adapter the role lacks, an
 * external SUT that does not answer SIP OPTIONS, a DN it is not provisioned with, a recordings root
 * that is not there, a process SUT that dies at start or never says it is listening, no container
 * engine for a container SUT: each ends the run here (RunSetupError, exit 2) instead of failing
 * every scenario one by one. A process or container SUT is started once and stopped again for
 * this; each worker then runs its own.
 */
export async function checkSutsBeforeRun(profiles: readonly LoadedProfile[], env: NodeJS.ProcessEnv, reportsDir: string, cucumberArgs: readonly string[]): Promise<void> {
  for (const loaded of profiles) {
    const where = `${loaded.path}: ${loaded.profile.sut.role} SUT ${loaded.profile.sut.name}`;
    const { adapter } = loaded.profile.sut;
    if (adapter === 'embedded') continue;
    if (adapter === 'container') {
      // Asked once, answered within seconds: without an engine the run ends here (exit 2), never hangs.
      const engine = await detectContainerEngine();
      if (!engine.ok) throw new RunSetupError(`${where}: ${engine.line}`);
    }
    try {
      if (loaded.profile.sut.role === 'call-control') await checkCallControl(where, loaded.profile, env, cucumberArgs);
      else await checkRecorder(where, loaded.profile, env);
    } catch (error) {
      if (error instanceof RunSetupError) throw error;
      if (error instanceof SutProcessError || error instanceof SutContainerError) {
        // The one line names the cause; the whole output is kept beside the reports.
        mkdirSync(reportsDir, { recursive: true });
        const file = join(reportsDir, 'sut-start-output.txt');
        writeFileSync(file, error.output);
        throw new RunSetupError(`${where}: ${error.message} (its whole output: ${file})`);
      }
      throw new RunSetupError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/**
 * A SIP Server: reachable over SIP, and provisioned as the profile says (RequestRegisterAddress of
 * each DN over its CTI bridge). An external one also needs what its owner configured from the
 * provision sheet (rule 22): the fixed ms.listen and trunk peers, and so one worker.
 */
async function checkCallControl(where: string, profile: Profile, env: NodeJS.ProcessEnv, cucumberArgs: readonly string[]): Promise<void> {
  const portBlock = new PortBlock();
  const { sut } = profile;
  if (sut.adapter === 'external') {
    if (!sut.sip || !sut.cti) throw new RunSetupError(`${where}: an external SIP Server needs sut.sip and sut.cti ("host:port")`);
    if (parseHostPort(profile.ms.listen).port === 0) throw new RunSetupError(`${where}: an external SIP Server records to a fixed ms.listen ("host:port" with a port), which its owner configured`);
    const unpeered = profile.directory.filter((e) => e.type === 'TrunkGroup' && !e.peer).map((e) => ('dn' in e ? e.dn : ''));
    if (unpeered.length) throw new RunSetupError(`${where}: an external SIP Server needs a fixed peer for each trunk group; none for DN ${unpeered.join(', ')}`);
    const parallel = cucumberArgs.indexOf('--parallel');
    if (parallel >= 0 && Number(cucumberArgs[parallel + 1]) > 1) throw new RunSetupError(`${where}: an external SIP Server is tested by one worker (its Media Server and trunk peers are fixed ports); drop --parallel`);
    await probe(where, sut.sip, portBlock);
    await checkProvisioning(parseHostPort(sut.cti), profile.directory, profile.tolerance.ctiResponseMs);
    return;
  }
  const workDir = mkdtempSync(join(tmpdir(), 'gir-preflight-'));
  try {
    // Stand-ins for what each scenario gives it: its Media Server and trunk peers (nothing answers there).
    const directory: DirectoryEntry[] = [];
    for (const entry of profile.directory) directory.push(entry.type === 'TrunkGroup' && !entry.peer ? { ...entry, peer: `127.0.0.1:${await freePort(portBlock, '127.0.0.1')}` } : entry);
    const mediaServer = { host: '127.0.0.1', port: await freePort(portBlock, '127.0.0.1') };
    const started = sut.adapter === 'container'
      ? await ContainerCallControl.start({ profile, directory, mediaServer, portBlock, workDir, env: processSutEnv(env) })
      : await ProcessCallControl.start({ profile, directory, mediaServer, portBlock, workDir, cwd: PROJECT_ROOT, env: processSutEnv(env) });
    try {
      await probe(where, formatHostPort(started.sipAddress), portBlock);
      await checkProvisioning(started.ctiAddress, directory, profile.tolerance.ctiResponseMs);
    } finally {
      await started.stop();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function checkRecorder(where: string, profile: Profile, env: NodeJS.ProcessEnv): Promise<void> {
  const { sut } = profile;
  const portBlock = new PortBlock();
  if (sut.adapter === 'external') {
    if (!sut.sip || !sut.recordings) throw new RunSetupError(`${where}: an external recorder needs sut.sip ("host:port") and sut.recordings (the directory it writes under)`);
    checkRecordingsRoot(where, sut.recordings);
    await probe(where, sut.sip, portBlock);
    return;
  }
  if (sut.recordings) checkRecordingsRoot(where, sut.recordings);
  const recorder = sut.adapter === 'container'
    ? await ContainerRecorder.start({ profile, portBlock, env: processSutEnv(env) })
    : await ProcessRecorder.start({ profile, portBlock, cwd: PROJECT_ROOT, env: processSutEnv(env) });
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
