/**
 * The fake Media Server as a separate process (its CLI, cli.ts): for benchmarks, crash tests and
 * runs against it as an external recorder. Resolves once the process has printed its `listening`
 * line, with the SIP address it printed.
 *
 * Two ways to start it: `node` runs cli.ts under the TypeScript loader in one process, so the pid is
 * the Media Server itself (signals, CPU and memory reach it directly); `npm` runs
 * `npm run media-server`, the documented command, whose process tree (npm, tsx, node) gets its own
 * process group so that a signal reaches all of it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { HostPort, parseHostPort } from '../net/host-port';

const PROJECT_ROOT = join(__dirname, '..', '..');
const CLI = join(__dirname, 'cli.ts');
const LISTENING = /listening on (\S+:\d+)/;

export interface MediaServerProcessOptions {
  root: string;
  /** ip:port to listen on; port 0 takes one from the process's port block (default 127.0.0.1:0). */
  listen?: string;
  launch?: 'node' | 'npm';
  /** The process's environment (GIR_PORT_BASE, GIR_PORT_BLOCK, CUCUMBER_WORKER_ID pick its ports). */
  env?: NodeJS.ProcessEnv;
  /** Extra node options for launch 'node' (e.g. --cpu-prof). */
  nodeOptions?: string[];
  /** Give up if no `listening` line comes within this time (default 30 s: npm and tsx start slowly). */
  startTimeoutMs?: number;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class MediaServerProcessError extends Error {
  constructor(message: string, readonly output: string) {
    super(`${message}\n--- media server output ---\n${output.slice(-4000)}`);
    this.name = 'MediaServerProcessError';
  }
}

export class MediaServerProcess {
  /** Everything the process wrote on stdout and stderr so far. */
  output = '';
  readonly exited: Promise<ProcessExit>;
  private exit?: ProcessExit;

  private constructor(private readonly child: ChildProcess, readonly launch: 'node' | 'npm') {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve((this.exit = { code, signal }))));
  }

  static async start(options: MediaServerProcessOptions): Promise<{ process: MediaServerProcess; address: HostPort }> {
    const launch = options.launch ?? 'node';
    const cliArgs = ['--listen', options.listen ?? '127.0.0.1:0', '--root', options.root];
    const child = launch === 'node'
      ? spawn(process.execPath, [...(options.nodeOptions ?? []), '--require', 'tsx/cjs', CLI, ...cliArgs], { cwd: PROJECT_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('npm', ['run', '--silent', 'media-server', '--', ...cliArgs], { cwd: PROJECT_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const server = new MediaServerProcess(child, launch);
    const address = await server.listening(options.startTimeoutMs ?? 30_000);
    return { process: server, address };
  }

  /** The pid signals go to: the Media Server itself ('node'), or the npm process group leader ('npm'). */
  get pid(): number {
    return this.child.pid!;
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** Sends `signal` to the Media Server (for 'npm', to its whole process group). */
  signal(signal: NodeJS.Signals): void {
    if (this.exit) return;
    if (this.launch === 'npm') process.kill(-this.pid, signal);
    else this.child.kill(signal);
  }

  /** SIGTERM (every live recording is stopped and written, then exit 0), and waits for the exit. */
  async stop(): Promise<ProcessExit> {
    this.signal('SIGTERM');
    return this.exited;
  }

  private listening(timeoutMs: number): Promise<HostPort> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.signal('SIGKILL');
        reject(new MediaServerProcessError(`no "listening" line within ${timeoutMs} ms`, this.output));
      }, timeoutMs);
      const check = (): void => {
        const match = LISTENING.exec(this.output);
        if (!match) return;
        clearTimeout(timer);
        this.child.stdout!.off('data', check);
        resolve(parseHostPort(match[1]));
      };
      this.child.stdout!.on('data', check);
      this.child.once('error', (error) => {
        clearTimeout(timer);
        reject(new MediaServerProcessError(`cannot start the media server: ${error.message}`, this.output));
      });
      void this.exited.then((exit) => {
        clearTimeout(timer);
        reject(new MediaServerProcessError(`the media server exited (code ${exit.code}, signal ${exit.signal}) before listening`, this.output));
      });
    });
  }
}
