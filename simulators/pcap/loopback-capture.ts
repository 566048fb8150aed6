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
 *
 * Under load immediate mode is the dearest part of the scenario: a wake-up and a write per packet
 * (100 SIPp calls through the SUT: about 30,000 packets a second, half of both cores in the kernel,
 * and the SUT starved into relaying 40-80 ms late). A bulk capture (`mode: 'bulk'`) lets libpcap
 * hand over whole blocks, and is made complete by flush(): a marker datagram sent through the
 * capture, waited for in the file; stop() flushes before its SIGINT.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket, Socket } from 'node:dgram';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

const START_TIMEOUT_MS = 5000;
const STOP_TIMEOUT_MS = 2000;
/** libpcap retires a partly filled block after tcpdump's 1000 ms timeout: the marker is in the file by then. */
const FLUSH_TIMEOUT_MS = 3000;
const FLUSH_POLL_MS = 20;

/** 'immediate': every packet in the file as it is captured; 'bulk': in blocks, complete after flush(). */
export type CaptureMode = 'immediate' | 'bulk';

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
export function tcpdumpArguments(file: string, ports: { first: number; last: number }, device = 'lo', fixedPorts: readonly number[] = [], mode: CaptureMode = 'immediate'): string[] {
  const selected = [`portrange ${ports.first}-${ports.last}`, ...[...new Set(fixedPorts)].map((port) => `port ${port}`)].join(' or ');
  return ['-i', device, '-n', ...(mode === 'immediate' ? ['--immediate-mode'] : []), '-U', '-Z', 'root', '-B', String(CAPTURE_BUFFER_KIB), '-s', '0', '-w', file, `(udp or tcp) and (${selected})`];
}

export class LoopbackCapture {
  private exited = false;
  private readonly exit: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly file: string,
    private stderr: () => string,
    private readonly ports: { first: number; last: number },
    readonly mode: CaptureMode,
  ) {
    this.exit = new Promise((resolve) => child.once('close', () => {
      this.exited = true;
      resolve();
    }));
  }

  static async start(file: string, ports: { first: number; last: number }, fixedPorts: readonly number[] = [], mode: CaptureMode = 'immediate'): Promise<LoopbackCapture> {
    const child = spawn('nice', ['-n', '19', 'tcpdump', ...tcpdumpArguments(file, ports, 'lo', fixedPorts, mode)], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    const capture = new LoopbackCapture(child, file, () => stderr, ports, mode);
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

  /**
   * Resolves once every packet captured so far is in the file: a marker datagram goes through the
   * capture (on a free port of its range, to itself) and is waited for in the file. Immediate
   * captures are complete as they go.
   */
  async flush(): Promise<void> {
    if (this.mode === 'immediate' || this.exited) return;
    const marker = Buffer.from(`gir-capture-flush ${randomBytes(8).toString('hex')}`);
    const socket = await bindInRange(this.ports);
    const scanner = new FileScanner(this.file, marker);
    try {
      const { port } = socket.address();
      await new Promise<void>((resolve, reject) => socket.send(marker, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
      const deadline = performance.now() + FLUSH_TIMEOUT_MS;
      while (!scanner.found()) {
        if (this.exited) throw new CaptureError(`tcpdump exited before the capture was flushed: ${this.report}`);
        if (performance.now() > deadline) throw new CaptureError(`the capture's flush marker was not in ${this.file} within ${FLUSH_TIMEOUT_MS} ms: packets may be missing from it`);
        await new Promise((resolve) => setTimeout(resolve, FLUSH_POLL_MS));
      }
    } finally {
      socket.close();
    }
  }

  /** Stops the capture and waits until the file is complete. */
  async stop(): Promise<void> {
    if (this.exited) return;
    // SIGINT drops the block being filled: a bulk capture puts it in the file first.
    await this.flush();
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

/** A UDP socket on a free port of `ports`, from the top (the scenario's own sockets fill it from the bottom). */
async function bindInRange(ports: { first: number; last: number }): Promise<Socket> {
  for (let port = ports.last; port >= ports.first; port--) {
    const socket = createSocket('udp4');
    const bound = await new Promise<boolean>((resolve) => {
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => resolve(true));
    });
    if (bound) return socket;
    socket.close();
  }
  throw new CaptureError(`no free UDP port in ${ports.first}..${ports.last} for the capture's flush marker`);
}

/** Looks for `marker` in what a growing file adds, reading each byte once. */
class FileScanner {
  private offset: number;

  constructor(
    private readonly file: string,
    private readonly marker: Buffer,
  ) {
    this.offset = existsSync(file) ? statSync(file).size : 0;
  }

  found(): boolean {
    if (!existsSync(this.file)) return false;
    const size = statSync(this.file).size;
    // Start a marker's length back: it may straddle the last read.
    const from = Math.max(0, this.offset - this.marker.length);
    if (size <= from) return false;
    const chunk = Buffer.alloc(size - from);
    const fd = openSync(this.file, 'r');
    try {
      readSync(fd, chunk, 0, chunk.length, from);
    } finally {
      closeSync(fd);
    }
    this.offset = size;
    return chunk.includes(this.marker);
  }
}
