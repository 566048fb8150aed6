import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Profile } from '../../profiles/profile-schema';
import { FakeMediaServer } from '../../simulators/media-server/media-server';
import { HostPort, parseHostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { TraceEvent } from '../../simulators/sip';
import { Clock } from '../../simulators/time/clock';
import { ContainerRecorder } from './container-recorder';
import { ProcessRecorder } from './process-recorder';

const PROJECT_ROOT = join(__dirname, '..', '..');

/** How the harness reaches a recorder under test (the Media Server role). */
export interface RecorderSut {
  readonly sipAddress: HostPort;
  /** The directory the recorder writes under (its recordings root), readable by the harness. */
  readonly recordingsRoot: string;
  readonly description: string;
  /** Restarts the recorder at the same address; undefined when the adapter cannot (external). */
  readonly restart?: () => Promise<void>;
  /** When the harness runs it (process or container): true once it has exited. */
  readonly hasExited?: boolean;
  /** Its output (stdout and stderr) from a mark on, which goes with a failed scenario. */
  outputMark?(): number;
  outputSince?(mark: number): string;
  stop(): Promise<void>;
}

/**
 * The adapter named by a recorder profile: `embedded` (the fake MS in-process), `process` (a
 * command the harness runs: process-recorder.ts), `container` (an image the harness runs:
 * container-recorder.ts) or `external` (addresses only).
 */
export async function startRecorderSut(options: {
  profile: Profile;
  /** Where an embedded recorder writes (a per-scenario folder). */
  embeddedRoot: string;
  portBlock: PortBlock;
  clock: Clock;
  onTrace?: (event: TraceEvent) => void;
  /** A process or container recorder's environment (its own port block, GIR_MUTANT). */
  processEnv?: NodeJS.ProcessEnv;
}): Promise<RecorderSut> {
  const { profile } = options;
  switch (profile.sut.adapter) {
    case 'embedded':
      return EmbeddedRecorder.start(options);
    case 'process':
      return ProcessRecorder.start({ profile, portBlock: options.portBlock, cwd: PROJECT_ROOT, env: options.processEnv ?? process.env });
    case 'container':
      return ContainerRecorder.start({ profile, portBlock: options.portBlock, env: options.processEnv ?? process.env });
    case 'external': {
      if (!profile.sut.sip || !profile.sut.recordings) {
        throw new Error('an external recorder needs sut.sip ("host:port") and sut.recordings (the directory it writes under) in its profile');
      }
      return {
        sipAddress: parseHostPort(profile.sut.sip),
        recordingsRoot: profile.sut.recordings,
        description: `${profile.sut.name} ${profile.sut.version} (external at ${profile.sut.sip})`,
        stop: async () => undefined,
      };
    }
  }
}

class EmbeddedRecorder implements RecorderSut {
  readonly description: string;
  readonly restart: () => Promise<void>;

  private constructor(private server: FakeMediaServer, readonly recordingsRoot: string, start: (port?: number) => Promise<FakeMediaServer>, profile: Profile) {
    this.description = `${profile.sut.name} ${profile.sut.version} (embedded)`;
    this.restart = async () => {
      const port = this.server.address.port;
      await this.server.close();
      this.server = await start(port);
    };
  }

  static async start(options: { profile: Profile; embeddedRoot: string; portBlock: PortBlock; clock: Clock; onTrace?: (event: TraceEvent) => void }): Promise<EmbeddedRecorder> {
    const { profile } = options;
    mkdirSync(options.embeddedRoot, { recursive: true });
    const listen = parseHostPort(profile.ms.listen);
    const start = (port?: number) => FakeMediaServer.start({
      host: listen.host, port: port ?? listen.port, portBlock: options.portBlock, clock: options.clock, root: options.embeddedRoot,
      startOn: profile.wire.startOn, duplicateIdStatus: profile.ms.duplicateIdStatus, badDestStatus: profile.ms.badDestStatus,
      onTrace: options.onTrace,
    });
    return new EmbeddedRecorder(await start(), options.embeddedRoot, start, profile);
  }

  get sipAddress(): HostPort {
    return this.server.address;
  }

  stop(): Promise<void> {
    return this.server.close();
  }
}
