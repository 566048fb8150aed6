import { Profile } from '../../profiles/profile-schema';
import { HostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { CallControlSut } from './call-control-sut';
import { startOnFreePort } from './command-template';
import { requireCtiAddress, ScenarioInputs, scenarioCommand } from './process-call-control';
import { containerEnv, SutContainer } from './sut-container';

/**
 * A SIP Server the harness runs as a container (`adapter: container`), e.g. the reference SUT as
 * image localhost/gir-reference-sut with `--listen 127.0.0.1:{port} --media-server {ms} --profile
 * {profile}`. Started per scenario, as the process adapter starts its command, and given the same
 * placeholders; the scenario's folder is mounted read-only at its own path, so `{profile}` names
 * the same file inside. Its log goes with a failed scenario, as a process SUT's output does.
 */
export class ContainerCallControl implements CallControlSut {
  private constructor(readonly container: SutContainer, readonly description: string) {}

  static async start(options: ScenarioInputs & { portBlock: PortBlock; env: NodeJS.ProcessEnv }): Promise<ContainerCallControl> {
    const { sut } = options.profile;
    const image = requireImage(options.profile);
    const commandFor = scenarioCommand(options);
    const started = await startOnFreePort(options.portBlock, (port) => SutContainer.start({
      image, command: commandFor(port), env: containerEnv(options.env, sut.env), mounts: [{ path: options.workDir, mode: 'ro' }],
    }));
    await requireCtiAddress(started);
    return new ContainerCallControl(started, `${sut.name} ${sut.version} (container: ${image} ${started.command.join(' ')})`);
  }

  get sipAddress(): HostPort {
    return this.container.addresses[0];
  }

  get ctiAddress(): HostPort {
    return this.container.addresses[1];
  }

  outputMark(): number {
    return this.container.mark();
  }

  outputSince(mark: number): string {
    return this.container.outputSince(mark);
  }

  stop(): Promise<void> {
    return this.container.stop();
  }
}

/** sut.image, which a container profile must give. */
export function requireImage(profile: Profile): string {
  if (!profile.sut.image) throw new Error(`a container SUT needs sut.image in its profile (docker/build.sh builds localhost/gir-reference-sut and localhost/gir-media-server)`);
  return profile.sut.image;
}
