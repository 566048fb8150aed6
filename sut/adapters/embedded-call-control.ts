import { DirectoryEntry, Profile } from '../../profiles/profile-schema';
import { HostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { TraceEvent } from '../../simulators/sip';
import { Clock } from '../../simulators/time/clock';
import { ReferenceSut } from '../reference/reference-sut';
import { CallControlSut } from './call-control-sut';

/** The reference SUT in-process: started per scenario with the harness's directory and Media Server. */
export class EmbeddedCallControl implements CallControlSut {
  private constructor(readonly reference: ReferenceSut, readonly description: string) {}

  static async start(options: {
    profile: Profile;
    /** The profile's directory with every trunk peer filled in by the harness. */
    directory: DirectoryEntry[];
    mediaServer: HostPort;
    /** The harness's fake screen-recording service (`screen.url` for this SUT). */
    screenUrl?: string;
    portBlock: PortBlock;
    clock: Clock;
    onTrace?: (event: TraceEvent) => void;
  }): Promise<EmbeddedCallControl> {
    const reference = await ReferenceSut.start({
      host: '127.0.0.1',
      portBlock: options.portBlock,
      clock: options.clock,
      directory: options.directory,
      mediaServer: options.mediaServer,
      wire: options.profile.wire,
      msTimeoutMs: options.profile.sut.msTimeoutMs,
      routeTimeoutMs: options.profile.tolerance.routeTimeoutMs,
      dynamic: options.profile.dynamic,
      screenUrl: options.screenUrl,
      cluster: options.profile.sut.cluster,
      onTrace: options.onTrace,
    });
    return new EmbeddedCallControl(reference, `${options.profile.sut.name} ${options.profile.sut.version} (embedded)`);
  }

  get sipAddress(): HostPort {
    return this.reference.sipAddress;
  }

  get ctiAddress(): HostPort {
    return this.reference.ctiAddress;
  }

  stop(): Promise<void> {
    return this.reference.close();
  }
}
