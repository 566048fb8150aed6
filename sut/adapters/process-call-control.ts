import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { DirectoryEntry, Profile } from '../../profiles/profile-schema';
import { formatHostPort, HostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { CallControlSut } from './call-control-sut';
import { fillCommand, startOnFreePort } from './command-template';
import { SutProcess } from './sut-process';

/**
 * A SIP Server the harness runs as a command of its own (`adapter: process`), e.g. the reference
 * SUT as `npm run reference-sut -- --listen 127.0.0.1:{port} --media-server {ms} --profile {profile}`.
 * Started per scenario, as the embedded SUT is, so no scenario inherits another's calls, logins or
 * registrations. `{profile}` is the profile with this scenario's trunk peers filled in (the reference
 * SUT loads its directory at start); `{ms}` the scenario's fake Media Server. Its `listening` line
 * names the SIP address first and the CTI address second.
 */
export class ProcessCallControl implements CallControlSut {
  private constructor(readonly process: SutProcess, readonly description: string) {}

  static async start(options: {
    profile: Profile;
    /** The profile's directory with every trunk peer filled in by the harness. */
    directory: DirectoryEntry[];
    mediaServer: HostPort;
    screenUrl?: string;
    portBlock: PortBlock;
    /** Where the scenario's own files go (the filled-in profile). */
    workDir: string;
    cwd: string;
    env: NodeJS.ProcessEnv;
  }): Promise<ProcessCallControl> {
    const { profile } = options;
    if (!profile.sut.command?.length) throw new Error('a process SUT needs sut.command in its profile');
    const commandFor = scenarioCommand(options);
    const sut = await startOnFreePort(options.portBlock, (port) => SutProcess.start({ command: commandFor(port), cwd: options.cwd, env: options.env }));
    await requireCtiAddress(sut);
    return new ProcessCallControl(sut, `${profile.sut.name} ${profile.sut.version} (process: ${sut.command.join(' ')})`);
  }

  get sipAddress(): HostPort {
    return this.process.addresses[0];
  }

  get ctiAddress(): HostPort {
    return this.process.addresses[1];
  }

  outputMark(): number {
    return this.process.mark();
  }

  outputSince(mark: number): string {
    return this.process.outputSince(mark);
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}

/** What a call-control SUT the harness starts is given for a scenario (process or container). */
export interface ScenarioInputs {
  profile: Profile;
  /** The profile's directory with every trunk peer filled in by the harness. */
  directory: DirectoryEntry[];
  mediaServer: HostPort;
  screenUrl?: string;
  /** Where the scenario's own files go (the filled-in profile). */
  workDir: string;
}

/**
 * sut.command filled in for a port: `{ms}` the scenario's Media Server, `{profile}` the profile
 * with the scenario's trunk peers and screen service, written to the scenario's folder.
 */
export function scenarioCommand(inputs: ScenarioInputs): (port: number) => string[] {
  const { profile } = inputs;
  const profilePath = join(inputs.workDir, 'sut-profile.yaml');
  writeFileSync(profilePath, stringify({ ...profile, directory: inputs.directory, ...(inputs.screenUrl ? { screen: { ...profile.screen, url: inputs.screenUrl } } : {}) }));
  return (port) => fillCommand(profile.sut.command ?? [], { port: String(port), ms: formatHostPort(inputs.mediaServer), profile: profilePath });
}

/** A SIP Server's listening line names its SIP address, then its CTI address; without the second it is stopped. */
export async function requireCtiAddress(sut: { addresses: HostPort[]; listeningLine: string; stop(): Promise<void> }): Promise<void> {
  if (sut.addresses.length >= 2) return;
  await sut.stop();
  throw new Error(`the SUT's listening line names no CTI address (SIP first, then CTI, each ip:port): "${sut.listeningLine}"`);
}

