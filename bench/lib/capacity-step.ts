/**
 * One step of the ms-capacity bench: a fresh fake Media Server process (its CLI), N concurrent
 * stereo recordings fed from feeder processes of their own, held for a while (each paused once), then
 * stopped and every file checked by the analyzer. Measures the Media Server's CPU and memory during
 * the hold, and the feeders' CPU and pacing, so a feeder that could not keep up is visible.
 */
import { ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaServerProcess } from '../../simulators/media-server/media-server-process';
import { MAX_STREAM_ID } from '../../simulators/media';
import { HostPort } from '../../simulators/net/host-port';
import { checkRecording, RecordingCheck } from './capacity-analysis';
import { FedRecording, FeederCommand, FeederReport, PlannedSession } from './capacity-protocol';
import { CpuSample, cpuPercent, cpuSample, machineBusyPercent, machineCpuSample, memorySample, udpCounters } from './process-usage';

const FEEDER = join(__dirname, 'capacity-feeder.ts');
/** How often the Media Server's RSS is sampled during the hold. */
const RSS_SAMPLE_MS = 1000;
/** How often the recordings root is listed while waiting for the files. */
const FILE_POLL_MS = 50;
/**
 * New sessions per second over all feeders, and stopped ones at the end. Calls arrive and end at a
 * rate: a burst of simultaneous opens would queue dialogstarts behind each other at the Media
 * Server, and one of stops would measure how fast files are finalized, not how many sessions are
 * held. 100/s opens 300 sessions in 3 s, still far above a real call mix (300 calls of a minute
 * begin and end at 5/s).
 */
const OPEN_RATE_PER_S = 100;
/**
 * A step whose feeder skipped more than this share of the frames (it was not scheduled in time,
 * see stream-pacer.ts) did not load the Media Server at the full rate: it fails, whatever the files say.
 */
const MAX_SKIPPED_SHARE = 0.01;
/** Unmeasured sessions first, each run this long: warms both processes' code paths. */
export const WARM_UP_SESSIONS = 20;
const WARM_UP_MS = 1500;
/** SIP answers (INVITE, INFO, BYE) must come within this (the profile default of sut.msTimeoutMs). */
const COMMAND_TIMEOUT_MS = 3000;

export interface StepOptions {
  sessions: number;
  holdMs: number;
  feeders: number;
  /** Port block of worker 0 (the Media Server); feeder k uses worker k + 1. */
  portBase: number;
  portBlockSize: number;
  padEdgeMs: number;
  /** Files must be final by then after the stop, or the step fails (finalizeMs is also reported). */
  filesDeadlineMs: number;
  /** Write a V8 CPU profile of the Media Server into this directory. */
  cpuProfileDir?: string;
  /** Keep the recordings (and the feeders' send logs as sends.json) in this directory instead of deleting them. */
  keepIn?: string;
  log: (line: string) => void;
}

export interface StepResult {
  sessions: number;
  holdS: number;
  passed: boolean;
  /** Why the step failed (at most a few lines). */
  failures: string[];
  /** cpuPercent during the hold, of which systemPercent in the kernel; RSS sampled each second, peak since start. */
  mediaServer: { cpuPercent: number; systemPercent: number; rssMb: number; peakRssMb: number };
  feeders: { cpuPercent: number; eventLoopDelayP99Ms: number; latenessP99Ms: number; latenessMaxMs: number }[];
  openMs: number;
  /** From the first stop to the last file under its final name (the stops are spread at OPEN_RATE_PER_S). */
  finalizeMs: number;
  recordings: {
    checked: number;
    passed: number;
    failureTypes: Record<string, number>;
    /** The first few failing recordings, with their first failures. */
    failing: { id: string; failures: string[] }[];
    framesSent: number;
    /** Frames the feeder skipped because it was not scheduled in time (the network would have lost them). */
    framesSkipped: number;
    framesFound: number;
    maxPadEdgeErrorMs: number;
    /** Feeder send → Media Server event, over every command of every recording (ms, ±1 ms clock resolution). */
    commandLatencyP99Ms: number;
    commandLatencyMaxMs: number;
    meanDurationS: number;
  };
  /**
   * The whole machine's CPU from the first session opened to the last file final (% of one core;
   * 200 = both cores busy), and what of it was neither the Media Server nor the feeders: other work
   * competing for the cores, the likeliest cause of a command late by tens of ms at low load.
   */
  machine: { busyPercent: number; otherPercent: number };
  /** Machine-wide UDP datagrams dropped by the kernel for full receive buffers during the step. */
  udpRcvbufErrors: number;
}

export async function runCapacityStep(options: StepOptions): Promise<StepResult> {
  const root = options.keepIn ?? mkdtempSync(join(tmpdir(), 'gir-ms-capacity-'));
  if (options.keepIn) mkdirSync(root, { recursive: true });
  const env = (worker: number): NodeJS.ProcessEnv => ({ ...process.env, GIR_PORT_BASE: String(options.portBase), GIR_PORT_BLOCK: String(options.portBlockSize), CUCUMBER_WORKER_ID: String(worker) });
  const udpBefore = udpCounters();
  const { process: server, address } = await MediaServerProcess.start({
    root, env: env(0),
    nodeOptions: options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [],
  });
  const feeders = Array.from({ length: options.feeders }, (_, k) => new Feeder(env(k + 1)));
  try {
    return await measure(options, root, server, address, feeders, udpBefore.rcvbufErrors);
  } finally {
    for (const feeder of feeders) feeder.kill();
    if (!server.hasExited) await server.stop();
    if (!options.keepIn) rmSync(root, { recursive: true, force: true });
  }
}

async function measure(options: StepOptions, root: string, server: MediaServerProcess, address: HostPort, feeders: Feeder[], rcvbufBefore: number): Promise<StepResult> {
  const { sessions, holdMs, log } = options;
  const failures: string[] = [];
  const plan = planSessions(sessions, holdMs);
  const ours = (): CpuSample[] => [server.pid, ...feeders.map((f) => f.pid)].map(cpuSample);
  const stepFrom = { machine: machineCpuSample(), ours: ours() };
  const openIntervalMs = (1000 * feeders.length) / OPEN_RATE_PER_S;
  const warmed = await Promise.all(feeders.map((feeder, k) => feeder.request(
    { kind: 'warm-up', recorder: address, sessions: warmUpSessions().filter((_, i) => i % feeders.length === k), intervalMs: openIntervalMs, runMs: WARM_UP_MS, timeoutMs: COMMAND_TIMEOUT_MS },
    'warmed',
  )));
  for (const w of warmed) failures.push(...w.failures.slice(0, 3).map((f) => `warm-up: ${f}`));
  const opened = await Promise.all(feeders.map((feeder, k) => feeder.request(
    { kind: 'open', recorder: address, sessions: plan.filter((_, i) => i % feeders.length === k), intervalMs: openIntervalMs, timeoutMs: COMMAND_TIMEOUT_MS },
    'opened',
  )));
  const openMs = Math.max(...opened.map((o) => o.openMs));
  for (const o of opened) failures.push(...o.failures.slice(0, 3).map((f) => `open: ${f}`));
  log(`  ${opened.reduce((n, o) => n + o.sessions, 0)}/${sessions} sessions open in ${(openMs / 1000).toFixed(1)} s; holding ${holdMs / 1000} s`);

  const cpuFrom = [server.pid, ...feeders.map((f) => f.pid)].map(cpuSample);
  let rssMb = 0;
  const rssTimer = setInterval(() => (rssMb = Math.max(rssMb, memorySample(server.pid).rssMb)), RSS_SAMPLE_MS);
  for (const feeder of feeders) feeder.send({ kind: 'hold' });
  await new Promise((resolve) => setTimeout(resolve, holdMs));
  clearInterval(rssTimer);
  const cpuTo = [server.pid, ...feeders.map((f) => f.pid)].map(cpuSample);
  rssMb = Math.max(rssMb, memorySample(server.pid).rssMb);
  const usage = cpuFrom.map((from: CpuSample, i) => cpuPercent(from, cpuTo[i]));

  const stopAt = performance.now();
  const stopped = await Promise.all(feeders.map((feeder) => feeder.request({ kind: 'stop', spreadMs: (1000 * sessions) / OPEN_RATE_PER_S }, 'stopped')));
  const recordings = stopped.flatMap((s) => s.recordings);
  const finalizeMs = await waitForFiles(root, recordings.map((r) => r.id), stopAt, options.filesDeadlineMs);
  if (finalizeMs === undefined) failures.push(`not every recording was final within ${options.filesDeadlineMs} ms of the stop`);
  const peakRssMb = memorySample(server.pid).peakRssMb;
  const stepTo = { machine: machineCpuSample(), ours: ours() };
  const machineBusy = machineBusyPercent(stepFrom.machine, stepTo.machine, cpus().length);
  const oursBusy = stepFrom.ours.reduce((sum, from, i) => sum + cpuPercent(from, stepTo.ours[i]), 0);
  for (const feeder of feeders) feeder.send({ kind: 'exit' });
  const exit = await server.stop();
  if (exit.code !== 0) failures.push(`the Media Server exited with code ${exit.code}, signal ${exit.signal}`);
  const rcvbufErrors = udpCounters().rcvbufErrors - rcvbufBefore;
  log(`  stopped; files final ${finalizeMs === undefined ? 'late' : `in ${Math.round(finalizeMs)} ms`}; analyzing ${recordings.length} recordings`);

  if (options.keepIn) writeFileSync(join(root, 'sends.json'), JSON.stringify(recordings, (_, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
  const checks: RecordingCheck[] = recordings.map((fed) => checkRecording(root, fed, options.padEdgeMs));
  const failed = checks.filter((c) => !c.passed);
  if (recordings.length < sessions) failures.push(`${sessions - recordings.length} of ${sessions} sessions never recorded`);
  const framesSkipped = checks.reduce((n, c) => n + c.framesSkipped, 0);
  const framesDue = framesSkipped + checks.reduce((n, c) => n + c.framesSent, 0);
  if (framesSkipped > MAX_SKIPPED_SHARE * framesDue) failures.push(`the feeder skipped ${framesSkipped} of ${framesDue} frames (not scheduled in time): not a run at full load`);
  if (failed.length > 0) failures.push(`${failed.length} of ${checks.length} recordings failed; first: ${failed[0].id}: ${failed[0].failures.slice(0, 3).join('; ')}`);
  const failureTypes: Record<string, number> = {};
  for (const type of failed.flatMap((c) => [...new Set(c.failureTypes)])) failureTypes[type] = (failureTypes[type] ?? 0) + 1;
  const latencies = Float64Array.from(checks.map((c) => c.maxCommandLatencyMs).filter(Number.isFinite)).sort();
  const latenessOf = (s: { recordings: FedRecording[] }): Float64Array => Float64Array.from(s.recordings.flatMap((r) => r.logs.flatMap((l) => Array.from(l.latenessMs)))).sort();
  return {
    sessions,
    holdS: holdMs / 1000,
    passed: failures.length === 0,
    failures,
    mediaServer: { cpuPercent: round(usage[0]), systemPercent: round(cpuPercent(cpuFrom[0], cpuTo[0], 'system')), rssMb: round(rssMb), peakRssMb: round(peakRssMb) },
    feeders: stopped.map((s, k) => {
      const lateness = latenessOf(s);
      return { cpuPercent: round(usage[k + 1]), eventLoopDelayP99Ms: round(s.eventLoopDelayMs.p99), latenessP99Ms: round(quantile(lateness, 0.99)), latenessMaxMs: round(quantile(lateness, 1)) };
    }),
    openMs: Math.round(openMs),
    finalizeMs: Math.round(finalizeMs ?? options.filesDeadlineMs),
    recordings: {
      checked: checks.length,
      passed: checks.length - failed.length,
      failureTypes,
      failing: failed.slice(0, 5).map((c) => ({ id: c.id, failures: c.failures.slice(0, 4) })),
      framesSent: checks.reduce((n, c) => n + c.framesSent, 0),
      framesSkipped,
      framesFound: checks.reduce((n, c) => n + c.framesFound, 0),
      maxPadEdgeErrorMs: round(Math.max(0, ...checks.map((c) => c.maxPadEdgeErrorMs))),
      commandLatencyP99Ms: round(quantile(latencies, 0.99)),
      commandLatencyMaxMs: round(quantile(latencies, 1)),
      meanDurationS: round(checks.reduce((n, c) => n + c.durationS, 0) / Math.max(1, checks.length)),
    },
    machine: { busyPercent: round(machineBusy), otherPercent: round(Math.max(0, machineBusy - oursBusy)) },
    udpRcvbufErrors: rcvbufErrors,
  };
}

/** Unmeasured sessions that run first (FeederCommand 'warm-up'); their stream ids count down from the top. */
export function warmUpSessions(): PlannedSession[] {
  return Array.from({ length: WARM_UP_SESSIONS }, (_, i) => ({
    id: `warm-up-${i + 1}`,
    dn: '6999',
    connId: `ffff${i.toString(16).padStart(12, '0')}`,
    streamIds: [MAX_STREAM_ID - 2 * i, MAX_STREAM_ID - 2 * i - 1],
    pauseAtMs: 0,
    pauseForMs: 0,
  }));
}

/**
 * Session i pauses once, the pauses spread over the middle of the hold so that commands never come
 * in a burst; every pause ends well before the stop.
 */
export function planSessions(count: number, holdMs: number): PlannedSession[] {
  const pauseForMs = Math.round(Math.min(2000, holdMs * 0.15));
  return Array.from({ length: count }, (_, i) => ({
    id: `cap${count}-${i + 1}`,
    dn: String(7000 + (i % 1000)),
    connId: `${count.toString(16).padStart(4, '0')}${i.toString(16).padStart(12, '0')}`,
    streamIds: [2 * i + 1, 2 * i + 2],
    pauseAtMs: Math.round(holdMs * (0.2 + (0.5 * i) / count)),
    pauseForMs,
  }));
}

/** Resolves with ms from `since` until every `<id>.wav` and `<id>.json` is in `root`; undefined past the deadline. */
async function waitForFiles(root: string, ids: string[], since: number, deadlineMs: number): Promise<number | undefined> {
  const wanted = ids.flatMap((id) => [`${id}.wav`, `${id}.json`]);
  for (;;) {
    const present = new Set(readdirSync(root));
    if (wanted.every((name) => present.has(name))) return performance.now() - since;
    if (performance.now() - since > deadlineMs) return undefined;
    await new Promise((resolve) => setTimeout(resolve, FILE_POLL_MS));
  }
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A feeder process and its IPC: one request, one expected report. */
class Feeder {
  private readonly child: ChildProcess;
  private readonly reports: FeederReport[] = [];
  private waiter?: () => void;

  constructor(env: NodeJS.ProcessEnv) {
    this.child = fork(FEEDER, [], { execArgv: ['--require', 'tsx/cjs'], env, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (report: FeederReport) => {
      this.reports.push(report);
      this.waiter?.();
    });
    this.child.on('exit', () => this.waiter?.());
  }

  get pid(): number {
    return this.child.pid!;
  }

  send(command: FeederCommand): void {
    this.child.send(command);
  }

  async request<K extends FeederReport['kind']>(command: FeederCommand, kind: K): Promise<Extract<FeederReport, { kind: K }>> {
    this.send(command);
    for (;;) {
      const report = this.reports.shift();
      if (report?.kind === 'failed') throw new Error(`feeder ${this.pid}: ${report.message}`);
      if (report?.kind === kind) return report as Extract<FeederReport, { kind: K }>;
      if (report) throw new Error(`feeder ${this.pid}: expected "${kind}", got "${report.kind}"`);
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`feeder ${this.pid} exited before "${kind}"`);
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
