import { rmSync } from 'node:fs';
import { Profile } from '../../profiles/profile-schema';
import { formatHostPort, HostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { fillCommand, startOnFreePort, usesPlaceholder } from './command-template';
import { requireImage } from './container-call-control';
import { recordingsRootFor } from './process-recorder';
import type { RecorderSut } from './recorder-sut';
import { containerEnv, SutContainer, SutContainerOptions } from './sut-container';

/**
 * A recorder the harness runs as a container (`adapter: container`), e.g. the fake Media Server as
 * image localhost/gir-media-server with `--listen 127.0.0.1:{port} --root {recordings}`. Its
 * recordings root is a volume: the folder the harness reads (sut.recordings, or one it makes),
 * mounted read-write at the same path inside. One container serves a worker's scenarios, as the
 * process adapter's one process does; a restart starts the same image with the same arguments,
 * so with `{port}` the recorder comes back at its address.
 */
export class ContainerRecorder implements RecorderSut {
  readonly description: string;
  readonly restart: () => Promise<void>;
  /** The log of the containers a restart replaced. */
  private earlierOutput = '';

  private constructor(
    private current: SutContainer,
    private readonly again: SutContainerOptions,
    profile: Profile,
    readonly recordingsRoot: string,
    private readonly ownFolder: string | undefined,
  ) {
    this.description = `${profile.sut.name} ${profile.sut.version} (container: ${again.image} ${again.command.join(' ')})`;
    this.restart = async () => {
      const before = this.sipAddress;
      await this.current.stop();
      this.earlierOutput += `${this.current.output}\n--- restarted by the harness ---\n`;
      this.current = await SutContainer.start(this.again);
      const after = this.sipAddress;
      if (formatHostPort(after) !== formatHostPort(before)) {
        throw new Error(`the recorder came back at ${formatHostPort(after)}, not ${formatHostPort(before)}: give its listen port as {port} in sut.command`);
      }
    };
  }

  static async start(options: { profile: Profile; portBlock: PortBlock; env: NodeJS.ProcessEnv; startTimeoutMs?: number }): Promise<ContainerRecorder> {
    const { sut } = options.profile;
    const image = requireImage(options.profile);
    const command = sut.command ?? [];
    const { root, ownFolder } = recordingsRootFor(options.profile);
    try {
      const base = { image, env: containerEnv(options.env, sut.env), mounts: [{ path: root, mode: 'rw' as const }], startTimeoutMs: options.startTimeoutMs };
      const at = (port?: number): SutContainerOptions => ({
        ...base, command: fillCommand(command, { recordings: root, ...(port === undefined ? {} : { port: String(port) }) }),
      });
      const started = usesPlaceholder(command, 'port') ? await startOnFreePort(options.portBlock, (port) => SutContainer.start(at(port))) : await SutContainer.start(at());
      // A restart starts exactly this again: the same {port}, so the same address.
      const again: SutContainerOptions = { ...base, command: [...started.command] };
      return new ContainerRecorder(started, again, options.profile, root, ownFolder);
    } catch (error) {
      if (ownFolder) rmSync(ownFolder, { recursive: true, force: true });
      throw error;
    }
  }

  get sipAddress(): HostPort {
    return this.current.addresses[0];
  }

  /** Its container has exited or was stopped (the worker then starts another). */
  get hasExited(): boolean {
    return this.current.hasExited;
  }

  outputMark(): number {
    return this.earlierOutput.length + this.current.output.length;
  }

  outputSince(mark: number): string {
    return (this.earlierOutput + this.current.output).slice(mark);
  }

  async stop(): Promise<void> {
    await this.current.stop();
    if (this.ownFolder) rmSync(this.ownFolder, { recursive: true, force: true });
  }
}
