import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Profile } from '../../profiles/profile-schema';
import { formatHostPort, HostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { fillCommand, startOnFreePort, usesPlaceholder } from './command-template';
import type { RecorderSut } from './recorder-sut';
import { SutProcess, SutProcessOptions } from './sut-process';

/**
 * A recorder the harness runs as a command of its own (`adapter: process`), as a vendor's recorder
 * runs: it has its own clock and event loop. Its SIP address is the one its `listening` line names;
 * its recordings root is `sut.recordings`, or one the harness makes (in a folder of its own, so the
 * root's parent changes only by the recorder: SEL-07 watches it) and passes as `{recordings}`. A
 * restart runs the same command again, so with `{port}` the recorder comes back at its address.
 */
export class ProcessRecorder implements RecorderSut {
  readonly description: string;
  readonly restart: () => Promise<void>;
  /** The output of the processes a restart replaced. */
  private earlierOutput = '';

  private constructor(
    private sut: SutProcess,
    private readonly spawn: SutProcessOptions,
    profile: Profile,
    readonly recordingsRoot: string,
    /** The folder the harness made for the root, removed at stop. */
    private readonly ownFolder: string | undefined,
  ) {
    this.description = `${profile.sut.name} ${profile.sut.version} (process: ${spawn.command.join(' ')})`;
    this.restart = async () => {
      const before = this.sipAddress;
      await this.sut.stop();
      this.earlierOutput += `${this.sut.output}\n--- restarted by the harness ---\n`;
      this.sut = await SutProcess.start(this.spawn);
      const after = this.sipAddress;
      if (formatHostPort(after) !== formatHostPort(before)) {
        throw new Error(`the recorder came back at ${formatHostPort(after)}, not ${formatHostPort(before)}: give its listen port as {port} in sut.command`);
      }
    };
  }

  static async start(options: ProcessRecorderOptions): Promise<ProcessRecorder> {
    const { sut } = options.profile;
    if (!sut.command?.length) throw new Error('a process recorder needs sut.command in its profile');
    const { root, ownFolder } = recordingsRootFor(options.profile);
    try {
      const spawnAt = (port?: number): SutProcessOptions => ({
        command: fillCommand(sut.command!, { recordings: root, ...(port === undefined ? {} : { port: String(port) }) }),
        cwd: options.cwd, env: options.env, startTimeoutMs: options.startTimeoutMs,
      });
      const started = usesPlaceholder(sut.command, 'port') ? await startOnFreePort(options.portBlock, (port) => SutProcess.start(spawnAt(port))) : await SutProcess.start(spawnAt());
      // A restart runs exactly this command again: the same {port}, so the same address.
      const again: SutProcessOptions = { command: [...started.command], cwd: options.cwd, env: options.env, startTimeoutMs: options.startTimeoutMs };
      return new ProcessRecorder(started, again, options.profile, root, ownFolder);
    } catch (error) {
      if (ownFolder) rmSync(ownFolder, { recursive: true, force: true });
      throw error;
    }
  }

  get sipAddress(): HostPort {
    const [address] = this.sut.addresses;
    return address;
  }

  get hasExited(): boolean {
    return this.sut.hasExited;
  }

  /** The process as it runs now (a restart replaces it). */
  get process(): SutProcess {
    return this.sut;
  }

  /** A position in the output of every process this recorder ran: a scenario's report gets what follows it. */
  outputMark(): number {
    return this.earlierOutput.length + this.sut.output.length;
  }

  outputSince(mark: number): string {
    return (this.earlierOutput + this.sut.output).slice(mark);
  }

  async stop(): Promise<void> {
    await this.sut.stop();
    if (this.ownFolder) rmSync(this.ownFolder, { recursive: true, force: true });
  }
}

export interface ProcessRecorderOptions {
  profile: Profile;
  portBlock: PortBlock;
  /** Where the command runs (the project root: `npm run media-server` works there). */
  cwd: string;
  env: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}

/**
 * The recordings root of a recorder the harness starts: sut.recordings, or a root the harness makes
 * in a folder of its own (removed at stop), given to the recorder as `{recordings}`.
 */
export function recordingsRootFor(profile: Profile): { root: string; ownFolder?: string } {
  const { sut } = profile;
  if (!sut.recordings && !usesPlaceholder(sut.command ?? [], 'recordings')) {
    throw new Error('sut.command must write under {recordings}, or the profile must give sut.recordings (the directory it writes under)');
  }
  const ownFolder = sut.recordings ? undefined : mkdtempSync(join(tmpdir(), 'gir-recorder-'));
  const root = sut.recordings ?? join(ownFolder!, 'recordings');
  mkdirSync(root, { recursive: true });
  return { root, ownFolder };
}

