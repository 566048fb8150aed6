import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuMsOfStat, cpuPercent, cpuSample, machineBusyPercent, machineCpuSample, memoryOfStatus, memorySample, udpCounters, USER_HZ } from './process-usage';

test('utime and stime are read after the command name, whatever it holds', () => {
  // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
  const stat = '4242 (node (worker) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 11 0 1000 0 0';
  assert.equal(cpuMsOfStat(stat), ((250 + 50) * 1000) / USER_HZ);
  assert.equal(cpuMsOfStat(stat, 'system'), (50 * 1000) / USER_HZ);
  assert.throws(() => cpuMsOfStat('garbage'), /not a \/proc/);
});

test('a busy loop shows as CPU of this process', () => {
  const from = cpuSample(process.pid);
  const until = performance.now() + 150;
  let x = 0;
  while (performance.now() < until) x += Math.sqrt(x + 1);
  const busy = cpuPercent(from, cpuSample(process.pid));
  assert.ok(busy > 30, `busy ${busy}% (x=${x})`);
  assert.throws(() => cpuPercent({ cpuMs: 0, systemMs: 0, atMs: 5 }, { cpuMs: 1, systemMs: 0, atMs: 5 }), RangeError);
  assert.equal(cpuPercent({ cpuMs: 0, systemMs: 0, atMs: 0 }, { cpuMs: 50, systemMs: 20, atMs: 100 }, 'system'), 20);
});

test('memory comes from VmRSS and VmHWM', () => {
  const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n';
  assert.deepEqual(memoryOfStatus(status), { rssMb: 100, peakRssMb: 200 });
  const own = memorySample(process.pid);
  assert.ok(own.rssMb > 10 && own.peakRssMb >= own.rssMb);
});

test('UDP counters are read by column name', () => {
  const snmp = 'Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors\nUdp: 10 2 7 9 5 0\n';
  assert.deepEqual(udpCounters(snmp), { inDatagrams: 10, inErrors: 7, rcvbufErrors: 5 });
  assert.doesNotThrow(() => udpCounters());
});

test('machine busy time counts every state but idle and iowait', () => {
  const at = (user: number, idle: number): string => `cpu  ${user} 0 0 ${idle} 0 0 0 0 0 0\ncpu0 1 2 3 4\n`;
  const from = machineCpuSample(at(100, 100));
  const to = machineCpuSample(at(150, 150));
  assert.equal(machineBusyPercent(from, to, 2), 100, 'half the time busy on 2 cores = one core');
  assert.ok(machineCpuSample().totalMs > 0);
});
