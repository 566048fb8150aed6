/**
 * A scenario's capture: tcpdump on loopback, filtered to the scenario's port block, writing each
 * packet as it is captured (-U) to a pcap that stays readable while the capture runs; started before
 * the scenario's first packet (it waits for tcpdump's "listening on"), stopped cleanly (SIGINT, so
 * tcpdump finishes the file) with a hard kill as the fallback. -Z root: tcpdump as root must not drop
 * to a user that cannot write the file. The capture observes the harness and must not slow it: tcpdump
 * runs at the lowest CPU priority (nice 19) with a large kernel buffer (-B), so when both want the
 * CPU the harness runs and the packets wait in the buffer. --immediate-mode: without it libpcap hands
 * tcpdump the ring buffer's packets a block at a time (or after its timeout), and a SIGINT drops the
 * block being filled: every capture lost its last tens of ms to a second, the hang-up's BYE included.
 */
import { ChildProcess, spawn } from 'node:child_process';

const START_TIMEOUT_MS = 5000;
const STOP_TIMEOUT_MS = 2000;

export class CaptureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaptureError';
  }
}

/** Kernel capture buffer (KiB): seconds of a 100-call load's packets while tcpdump waits for the CPU. */
const CAPTURE_BUFFER_KIB = 65536;

/**
 * The tcpdump arguments: loopback, no name resolution, UDP and TCP of ports [first, last], and of
 * `fixedPorts` (an external SUT's addresses and the profile's fixed ms.listen and trunk peers).
 */
export function tcpdumpArguments(file: string, ports: { first: number; last: number }, device = 'lo', fixedPorts: readonly number[] = []): string[] {
  const selected = [`portrange ${ports.first}-${ports.last}`, ...[...new Set(fixedPorts)].map((port) => `port ${port}`)].join(' or ');
  return ['-i', device, '-n', '--immediate-mode', '-U', '-Z', 'root', '-B', String(CAPTURE_BUFFER_KIB), '-s', '0', '-w', file, `(udp or tcp) and (${selected})`];
}

export class LoopbackCapture {
  private exited = false;
  private readonly exit: Promise<void>;

  private constructor(private readonly child: ChildProcess, readonly file: string, private stderr: () => string) {
    this.exit = new Promise((resolve) => child.once('close', () => {
      this.exited = true;
      resolve();
    }));
  }

  static async start(file: string, ports: { first: number; last: number }, fixedPorts: readonly number[] = []): Promise<LoopbackCapture> {
    const child = spawn('nice', ['-n', '19', 'tcpdump', ...tcpdumpArguments(file, ports, 'lo', fixedPorts)], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    const capture = new LoopbackCapture(child, file, () => stderr);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        capture.kill();
        reject(new CaptureError(`tcpdump did not start listening within ${START_TIMEOUT_MS} ms: ${stderr.trim() || '(no output)'}`));
      }, START_TIMEOUT_MS);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new CaptureError(`could not run tcpdump: ${error.message} (harness/setup.sh installs it)`));
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        reject(new CaptureError(`tcpdump exited (${code}) before listening: ${stderr.trim()}`));
      });
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    return capture;
  }

  /** Stops the capture and waits until the file is complete. */
  async stop(): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.kill(), STOP_TIMEOUT_MS);
    await this.exit;
    clearTimeout(timer);
  }

  /** tcpdump's own account on stop ("N packets captured … N dropped by kernel"). */
  get report(): string {
    return this.stderr().trim();
  }

  private kill(): void {
    if (this.exited || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
