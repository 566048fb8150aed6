import type { StartedTestContainer } from 'testcontainers';
import { HostPort } from '../../simulators/net/host-port';
import { imageUnavailable, testcontainers } from './container-engine';
import { forgetContainer, watchContainer } from './container-reaper';
import { findListeningLine, lastLineClause, LISTENING_LINE } from './listening-line';
import { startTimeoutFromEnv } from './sut-process';

/** The container could not be started, exited before it was ready, or never said it was listening. */
export class SutContainerError extends Error {
  constructor(message: string, readonly output: string) {
    super(message);
    this.name = 'SutContainerError';
  }
}

export interface SutContainerOptions {
  image: string;
  /** The arguments to the image's entrypoint, placeholders already filled in. */
  command: readonly string[];
  env: Record<string, string>;
  /** Host folders mounted at the same path inside. */
  mounts: { path: string; mode: 'ro' | 'rw' }[];
  startTimeoutMs?: number;
  /** How long SIGTERM has before SIGKILL. */
  stopGraceMs?: number;
}

/**
 * The environment of an SUT container: the harness's GIR_* settings (port block, mutant) and the
 * worker id as a process SUT gets them (processSutEnv), then the profile's sut.env, which wins.
 * Nothing else of the harness's environment goes in: the image has its own PATH, HOME and so on.
 */
export function containerEnv(sutEnv: NodeJS.ProcessEnv, profileEnv: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(sutEnv)) {
    if (value !== undefined && (name.startsWith('GIR_') || name === 'CUCUMBER_WORKER_ID')) env[name] = value;
  }
  return { ...env, ...profileEnv };
}

/**
 * An SUT the harness runs as a container (`adapter: container`, testcontainers): the profile's
 * image with the command's arguments, on the host's network (a container behind NAT would put the
 * wrong address in SIP Via and Contact), ready once its log has the `listening` line the process
 * adapter waits for (port waits skip UDP). Folders it shares with the harness are mounted at the
 * same path inside, so a path in an argument means the same file on both sides. Its log is kept,
 * for the report of a scenario that failed; it is stopped with SIGTERM, then SIGKILL after a
 * grace period, and removed.
 */
export class SutContainer {
  /** Everything the container wrote on stdout and stderr so far. */
  output = '';
  listeningLine = '';
  addresses: HostPort[] = [];
  private stopped = false;
  private logEnded = false;

  private constructor(private readonly options: SutContainerOptions, private container?: StartedTestContainer) {}

  static async start(options: SutContainerOptions): Promise<SutContainer> {
    const unavailable = await imageUnavailable(options.image);
    if (unavailable) throw new SutContainerError(unavailable, '');
    const { GenericContainer, Wait } = testcontainers();
    const timeoutMs = options.startTimeoutMs ?? startTimeoutFromEnv(process.env);
    const sut = new SutContainer(options);
    let createdId: string | undefined;
    // Watched from its creation on, so a signal while testcontainers waits for it still removes it.
    const Watched = class extends GenericContainer {
      protected override async containerCreated(id: string): Promise<void> {
        createdId = id;
        watchContainer(id);
      }
    };
    const definition = new Watched(options.image)
      .withNetworkMode('host')
      .withCommand([...options.command])
      .withEnvironment(options.env)
      .withBindMounts(options.mounts.map((m) => ({ source: m.path, target: m.path, mode: m.mode })))
      .withLabels({ 'org.gir-conformance.role': 'sut' })
      .withLogConsumer((stream) => {
        stream.on('data', (chunk: string | Buffer) => (sut.output += chunk.toString()));
        stream.on('end', () => (sut.logEnded = true));
      })
      .withStartupTimeout(timeoutMs)
      .withWaitStrategy(Wait.forLogMessage(LISTENING_LINE));
    const described = `image ${options.image} (${options.command.join(' ')})`;
    let started: StartedTestContainer;
    try {
      started = await definition.start();
    } catch (error) {
      // testcontainers has removed it; what it wrote until then is in sut.output.
      if (createdId) forgetContainer(createdId);
      const message = error instanceof Error ? error.message : String(error);
      const why = /Log stream ended/.test(message) ? 'exited before it was listening' : /not received after/.test(message) ? `printed no "listening" line with an ip:port within ${timeoutMs} ms` : `could not be started: ${message}`;
      throw new SutContainerError(`${described} ${why}${lastLineClause(sut.output)}`, sut.output);
    }
    sut.container = started;
    // The wait read the line from the log; this stream reads the same log, so it has it or will.
    const found = await sut.lineFromOwnLog(timeoutMs);
    if (!found) {
      await sut.stop();
      throw new SutContainerError(`${described}: its log stream ended before it showed the "listening" line the wait saw`, sut.output);
    }
    sut.listeningLine = found.line;
    sut.addresses = found.addresses;
    return sut;
  }

  get image(): string {
    return this.options.image;
  }

  get command(): readonly string[] {
    return this.options.command;
  }

  /** True once it was stopped, or its log ended (it exited). */
  get hasExited(): boolean {
    return this.stopped || this.logEnded;
  }

  mark(): number {
    return this.output.length;
  }

  outputSince(mark: number): string {
    return this.output.slice(mark);
  }

  /** SIGTERM, SIGKILL after the grace period, then removal; resolves when it is gone. */
  async stop(): Promise<void> {
    if (this.stopped || !this.container) return;
    this.stopped = true;
    const id = this.container.getId();
    try {
      await this.container.stop({ timeout: this.options.stopGraceMs ?? 5000, remove: true });
    } finally {
      forgetContainer(id);
    }
  }

  private async lineFromOwnLog(timeoutMs: number): Promise<ReturnType<typeof findListeningLine>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = findListeningLine(this.output);
      if (found || this.logEnded || Date.now() >= deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
