/**
 * The in-run peer of ms-capacity: SIPp 3.6.1's clean concurrency on this machine, now. SIPp's own
 * `uac_pcap` scenario (G.711 audio from a pcap, ~9 s a call) calls SIPp's `uas -rtp_echo` (which
 * echoes every RTP packet back); a count is clean when every call succeeds, SIPp reports no fatal
 * error or watchdog, and the kernel dropped no RTP datagram at the echoer's sockets during the step
 * (on loopback a datagram is lost only when its receiver's buffer overflows). The de-facto tool only
 * echoes; the fake Media Server records, pads and writes.
 * SIPp runs through simulators/sipp (an argument array, a hard timeout that kills its process group).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SippRun } from '../../simulators/sipp/sipp-run';

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

async function step(calls: number, ports: { uas: number; uac: number; uasMedia: number; uacMedia: number }): Promise<SippStep> {
  const dir = mkdtempSync(join(tmpdir(), 'gir-sipp-peer-'));
  symlinkSync(SIPP_PCAPS, join(dir, 'pcap'));
  const local = (port: number) => ({ host: '127.0.0.1', port });
  const uas = SippRun.start({ scenario: { builtin: 'uas' }, local: local(ports.uas), mediaPort: ports.uasMedia, rtpEcho: true, workDir: join(dir, 'uas'), hardTimeoutMs: CALL_MS * 4 });
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const echoPorts = [ports.uasMedia, ports.uasMedia + 2];
    const dropsBefore = udpDropsAt(echoPorts);
    const began = performance.now();
    const uac = SippRun.start({
      scenario: { builtin: 'uac_pcap' }, local: local(ports.uac), mediaPort: ports.uacMedia, remote: local(ports.uas),
      concurrentLimit: calls, callCount: calls, rate: { calls, periodMs: 1000 }, workDir: dir, hardTimeoutMs: CALL_MS * 3,
    });
    const result = await uac.done;
    const wallMs = performance.now() - began;
    const udpDropped = udpDropsAt(echoPorts) - dropsBefore;
    const stats = result.statistics;
    const successful = stats?.successfulCalls ?? 0;
    const failed = stats?.failedCalls ?? 0;
    const watchdog = (stats?.watchdogMajor ?? 0) + (stats?.fatalErrors ?? 0);
    const exitCode = result.exit.code;
    return { calls, clean: exitCode === 0 && successful === calls && failed === 0 && udpDropped === 0 && watchdog === 0, successful, failed, udpDropped, watchdog, exitCode, wallMs: Math.round(wallMs) };
  } finally {
    await uas.stop();
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
