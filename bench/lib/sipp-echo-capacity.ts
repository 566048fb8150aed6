/**
 * The in-run peer of ms-capacity: SIPp 3.6.1's clean concurrency on this machine, now. SIPp's own
 * `uac_pcap` scenario (G.711 audio from a pcap, ~9 s a call) calls SIPp's `uas -rtp_echo` (which
 * echoes every RTP packet back); a count is clean when every call succeeds, SIPp reports no fatal
 * error or watchdog, and the kernel dropped no RTP datagram at the echoer's sockets during the step
 * (on loopback a datagram is lost only when its receiver's buffer overflows). The de-facto tool only
 * echoes; the fake Media Server records, pads and writes.
 * SIPp runs from an argument array (never a shell string); each run has a hard timeout that kills it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SIPP_PCAPS = '/usr/share/sip-tester';
/** uac_pcap's call: INVITE, 8 s of audio, a DTMF pcap, 1 s, BYE; ten seconds is ample. */
const CALL_MS = 10_000;

export interface SippStep {
  calls: number;
  clean: boolean;
  successful: number;
  failed: number;
  udpDropped: number;
  watchdog: number;
  exitCode: number | null;
  wallMs: number;
}

export interface SippCapacity {
  version: string;
  value: number;
  command: string;
  steps: SippStep[];
}

export function sippVersion(): string | undefined {
  const probe = spawnSync('sipp', ['-v'], { encoding: 'utf8' });
  if (probe.error) return undefined;
  return /SIPp v([\w.-]+)/.exec(`${probe.stdout}${probe.stderr}`)?.[1];
}

/**
 * Datagrams the kernel dropped at the echoer's media sockets (/proc/net/udp, drops column): on
 * loopback that is where RTP is lost, when SIPp does not read fast enough. (The uac side never reads
 * the echoes, so its sockets overflow by design: they do not count.)
 */
function udpDropsAt(ports: number[]): number {
  const hex = new Set(ports.map((p) => p.toString(16).toUpperCase().padStart(4, '0')));
  return readFileSync('/proc/net/udp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length > 12 && hex.has(cols[1].split(':')[1]))
    .reduce((sum, cols) => sum + Number(cols[cols.length - 1]), 0);
}

/** Runs a command with a hard timeout; resolves with its exit code (null when killed). */
function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'ignore', detached: true });
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

async function step(calls: number, ports: { uas: number; uac: number; uasMedia: number; uacMedia: number }): Promise<SippStep> {
  const dir = mkdtempSync(join(tmpdir(), 'gir-sipp-peer-'));
  symlinkSync(SIPP_PCAPS, join(dir, 'pcap'));
  const uas = spawn('sipp', ['-sn', 'uas', '-rtp_echo', '-i', '127.0.0.1', '-p', String(ports.uas), '-mp', String(ports.uasMedia), '-nostdin', '-bg'], { cwd: dir, stdio: 'ignore', detached: true });
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const echoPorts = [ports.uasMedia, ports.uasMedia + 2];
    const dropsBefore = udpDropsAt(echoPorts);
    const began = performance.now();
    const uacArgs = [
      '-sn', 'uac_pcap', '-i', '127.0.0.1', '-p', String(ports.uac), '-mp', String(ports.uacMedia),
      '-l', String(calls), '-m', String(calls), '-r', String(calls), '-rp', '1000',
      '-trace_stat', '-stf', 'stat.csv', '-fd', '1', '-nostdin', `127.0.0.1:${ports.uas}`,
    ];
    const exitCode = await run('sipp', uacArgs, dir, CALL_MS * 3);
    const wallMs = performance.now() - began;
    const udpDropped = udpDropsAt(echoPorts) - dropsBefore;
    const [header, ...rows] = existsSync(join(dir, 'stat.csv')) ? readFileSync(join(dir, 'stat.csv'), 'utf8').trim().split('\n') : [''];
    const names = header.split(';');
    const last = (rows.pop() ?? '').split(';');
    const field = (name: string) => Number(last[names.indexOf(name)] ?? 0);
    const successful = field('SuccessfulCall(C)');
    const failed = field('FailedCall(C)');
    const watchdog = field('WatchdogMajor(C)') + field('FatalErrors(C)');
    return { calls, clean: exitCode === 0 && successful === calls && failed === 0 && udpDropped === 0 && watchdog === 0, successful, failed, udpDropped, watchdog, exitCode, wallMs: Math.round(wallMs) };
  } finally {
    if (uas.pid) {
      try { process.kill(-uas.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    spawnSync('pkill', ['-f', `sipp -sn uas -rtp_echo -i 127.0.0.1 -p ${ports.uas}`]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Climbs in steps of 50 until a count is not clean (or `max`); value = the last clean count. */
export async function sippEchoCapacity(options: { max: number; portBase: number; log: (line: string) => void }): Promise<SippCapacity | undefined> {
  const version = sippVersion();
  if (!version) return undefined;
  const ports = { uas: options.portBase, uac: options.portBase + 2, uasMedia: options.portBase + 10, uacMedia: options.portBase + 20 };
  const steps: SippStep[] = [];
  let value = 0;
  for (let calls = 50; calls <= options.max; calls += 50) {
    const result = await step(calls, ports);
    steps.push(result);
    options.log(`sipp peer: ${calls} calls ${result.clean ? 'clean' : `not clean (${result.successful} ok, ${result.failed} failed, ${result.udpDropped} UDP dropped, ${result.watchdog} watchdog/fatal, exit ${result.exitCode})`}`);
    if (!result.clean) break;
    value = calls;
  }
  return { version, value, command: 'sipp -sn uac_pcap -l N -m N -r N → sipp -sn uas -rtp_echo (127.0.0.1), N in steps of 50', steps };
}
