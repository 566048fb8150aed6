/**
 * An SUT the harness runs as a command of its own (`adapter: process`): started in a process group
 * of its own, ready once it prints a line containing `listening` and its addresses as `ip:port`
 * (DESIGN.md, "Commands"), stopped with SIGTERM, then SIGKILL after a grace period. Everything it
 * writes on stdout and stderr is kept, for the report of a scenario that failed. A process still
 * alive when the harness exits is killed then: none outlives a run.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { HostPort } from '../../simulators/net/host-port';
import { findListeningLine, lastLineClause as lastLine } from './listening-line';

/** The command could not be started, died before it was ready, or never said it was listening. */
export class SutProcessError extends Error {
  constructor(message: string, readonly output: string) {
    super(message);
    this.name = 'SutProcessError';
  }
}

export interface SutProcessOptions {
  /** The command and its arguments, placeholders already filled in. */
  command: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** How long it may take to print its `listening` line (default: startTimeoutFromEnv). */
  startTimeoutMs?: number;
  /** How long SIGTERM has before SIGKILL. */
  stopGraceMs?: number;
}

/** GIR_SUT_START_TIMEOUT_MS, else 30 s: npm and tsx start slowly on a busy machine. */
export function startTimeoutFromEnv(env: NodeJS.ProcessEnv): number {
  const value = env.GIR_SUT_START_TIMEOUT_MS;
  if (value === undefined || value === '') return 30_000;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`GIR_SUT_START_TIMEOUT_MS must be a positive whole number of ms, got "${value}"`);
  return ms;
}

const live = new Set<SutProcess>();
process.once('exit', () => {
  for (const sut of live) sut.kill();
});

export class SutProcess {
  /** Everything the process wrote on stdout and stderr so far. */
  output = '';
  /** The `listening` line and the addresses on it, in order. */
  listeningLine = '';
  addresses: HostPort[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exit?: { code: number | null; signal: NodeJS.Signals | null };

  private constructor(private readonly child: ChildProcess, private readonly options: SutProcessOptions) {
    live.add(this);
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    // 'close', not 'exit': the output is complete then, and every holder of its pipes has gone.
    this.exited = new Promise((resolve) => child.once('close', (code, signal) => {
      live.delete(this);
      resolve((this.exit = { code, signal }));
    }));
  }

  static async start(options: SutProcessOptions): Promise<SutProcess> {
    const [file, ...args] = options.command;
    if (!file) throw new SutProcessError('sut.command is empty', '');
    // detached: a group of its own, so a signal reaches the whole tree (npm, tsx, node).
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const sut = new SutProcess(child, options);
    try {
      await sut.ready(options.startTimeoutMs ?? startTimeoutFromEnv(options.env));
    } catch (error) {
      await sut.stop();
      throw error;
    }
    return sut;
  }

  /** The command as run, placeholders filled in. */
  get command(): readonly string[] {
    return this.options.command;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** How it ended, for messages: "exited with code 1" / "was killed by SIGKILL". */
  get exitDescription(): string | undefined {
    if (!this.exit) return undefined;
    return this.exit.signal ? `was killed by ${this.exit.signal}` : `exited with code ${this.exit.code}`;
  }

  /** A position in the output: what a scenario's report gets is `outputSince(mark)`. */
  mark(): number {
    return this.output.length;
  }

  outputSince(mark: number): string {
    return this.output.slice(mark);
  }

  /** SIGTERM to the group, SIGKILL if it has not exited within the grace period; resolves when it has. */
  async stop(): Promise<void> {
    if (this.exit) return;
    this.signal('SIGTERM');
    const grace = setTimeout(() => this.signal('SIGKILL'), this.options.stopGraceMs ?? 5000);
    await this.exited;
    clearTimeout(grace);
  }

  /** SIGKILL to the group at once (the harness is exiting). */
  kill(): void {
    this.signal('SIGKILL');
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.exit || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }

  private ready(timeoutMs: number): Promise<void> {
    const command = this.options.command.join(' ');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new SutProcessError(`sut.command (${command}) printed no "listening" line with an ip:port within ${timeoutMs} ms${lastLine(this.output)}`, this.output)), timeoutMs);
      const check = (): void => {
        // A whole line: the addresses may arrive in a later chunk than the word.
        const found = findListeningLine(this.output);
        if (!found) return;
        clearTimeout(timer);
        this.child.stdout!.off('data', check);
        this.listeningLine = found.line;
        this.addresses = found.addresses;
        resolve();
      };
      this.child.stdout!.on('data', check);
      this.child.once('error', (error) => {
        clearTimeout(timer);
        reject(new SutProcessError(`sut.command (${command}) could not be started: ${error.message}`, this.output));
      });
      void this.exited.then(() => {
        clearTimeout(timer);
        reject(new SutProcessError(`sut.command (${command}) ${this.exitDescription} before it was listening${lastLine(this.output)}`, this.output));
      });
    });
  }
}
