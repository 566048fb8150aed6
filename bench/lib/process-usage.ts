/**
 * CPU and memory of another process, read from Linux's /proc: what a benchmark reports for a child
 * (the fake Media Server, a feeder) without the child measuring itself.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every Linux ABI Node runs on). */
export const USER_HZ = 100;

export interface CpuSample {
  /** user + system time of every thread of the process, in ms. */
  cpuMs: number;
  /** Of which in the kernel (system calls: socket reads and writes, epoll, file I/O). */
  systemMs: number;
  /** performance.now() of this process when the sample was taken. */
  atMs: number;
}

export function cpuSample(pid: number): CpuSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return { cpuMs: cpuMsOfStat(stat), systemMs: cpuMsOfStat(stat, 'system'), atMs: performance.now() };
}

/** CPU between two samples as a percentage of one core (200 = both cores of a 2-core machine); 'system': the kernel's part. */
export function cpuPercent(from: CpuSample, to: CpuSample, part: 'all' | 'system' = 'all'): number {
  const wall = to.atMs - from.atMs;
  if (wall <= 0) throw new RangeError(`the second CPU sample (${to.atMs} ms) is not after the first (${from.atMs} ms)`);
  const used = part === 'all' ? to.cpuMs - from.cpuMs : to.systemMs - from.systemMs;
  return (used / wall) * 100;
}

/**
 * utime and stime (fields 14 and 15) of a /proc/<pid>/stat line. The command name (field 2) is in
 * parentheses and may itself hold spaces and ')', so fields are counted from the last ')'.
 */
export function cpuMsOfStat(stat: string, part: 'all' | 'system' = 'all'): number {
  const close = stat.lastIndexOf(')');
  if (close < 0) throw new Error(`not a /proc/<pid>/stat line: ${stat.slice(0, 80)}`);
  const fields = stat.slice(close + 2).trim().split(/\s+/); // fields[0] is field 3 (state)
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`no utime/stime in /proc/<pid>/stat: ${stat.slice(0, 120)}`);
  return ((part === 'all' ? utime + stime : stime) * 1000) / USER_HZ;
}

export interface MemorySample {
  /** Resident set size now (VmRSS), MiB. */
  rssMb: number;
  /** Peak resident set size since the process started (VmHWM), MiB. */
  peakRssMb: number;
}

export function memorySample(pid: number): MemorySample {
  return memoryOfStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
}

export function memoryOfStatus(status: string): MemorySample {
  const kib = (key: string): number => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(status);
    if (!match) throw new Error(`no ${key} in /proc/<pid>/status`);
    return Number(match[1]);
  };
  return { rssMb: kib('VmRSS') / 1024, peakRssMb: kib('VmHWM') / 1024 };
}

/** The machine's UDP counters (/proc/net/snmp): datagrams the kernel dropped for a full socket buffer. */
export interface UdpCounters {
  inDatagrams: number;
  inErrors: number;
  rcvbufErrors: number;
}

export function udpCounters(snmp = readFileSync('/proc/net/snmp', 'utf8')): UdpCounters {
  const lines = snmp.split('\n').filter((line) => line.startsWith('Udp: '));
  if (lines.length < 2) throw new Error('no Udp lines in /proc/net/snmp');
  const names = lines[0].split(/\s+/).slice(1);
  const values = lines[1].split(/\s+/).slice(1).map(Number);
  const value = (name: string): number => {
    const at = names.indexOf(name);
    if (at < 0) throw new Error(`no Udp ${name} in /proc/net/snmp`);
    return values[at];
  };
  return { inDatagrams: value('InDatagrams'), inErrors: value('InErrors'), rcvbufErrors: value('RcvbufErrors') };
}

/** Every core's busy and total time so far (/proc/stat, first line), in ms. */
export interface MachineCpuSample {
  busyMs: number;
  totalMs: number;
}

export function machineCpuSample(stat = readFileSync('/proc/stat', 'utf8')): MachineCpuSample {
  const line = stat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('no "cpu" line in /proc/stat');
  // user nice system idle iowait irq softirq steal ...: idle and iowait are not busy
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = ticks[3] + ticks[4];
  return { busyMs: ((total - idle) * 1000) / USER_HZ, totalMs: (total * 1000) / USER_HZ };
}

/** The machine's busy time between two samples, as a percentage of one core (200 = 2 cores fully busy). */
export function machineBusyPercent(from: MachineCpuSample, to: MachineCpuSample, cores: number): number {
  const total = to.totalMs - from.totalMs;
  if (total <= 0) throw new RangeError('the second machine CPU sample is not after the first');
  return ((to.busyMs - from.busyMs) / total) * 100 * cores;
}
