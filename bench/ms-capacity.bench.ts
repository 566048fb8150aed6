/**
 * `npm run bench -- ms-capacity [--hold S] [--search-hold S] [--max N] [--start N] [--feeders K]
 *  [--attempts A] [--cpu-prof DIR] [--keep DIR] [--no-peer]`: the largest number of concurrent stereo
 * recordings the fake Media Server (its CLI, a process of its own) holds with zero lost frames and
 * exact padding. Each session gets 50 PCMU packets/s per label (20 ms watermark frames) from a
 * feeder process on loopback, and one pause; after the stop the analyzer checks every file against
 * the send logs (no failing verdict allowed).
 *
 * The count climbs (50, 100, 200, 300, … up to --max) with a short hold until a step fails, is
 * narrowed between the last pass and the first failure, then the best count is held for the full
 * --hold (default 60 s; a count that fails then steps down). Reported: that count, the Media
 * Server's CPU (% of one core) and RSS during its hold, the feeder's CPU and pacing, and the
 * machine's other work. A count counts as failed only after --attempts runs (default 2) all fail:
 * the machine is shared, and one stall of another process's making can move a command past the
 * 20 ms tolerance; every attempt is listed in details.steps. --cpu-prof DIR runs the final count
 * once more under the V8 profiler and summarises where the time went; --keep DIR keeps the files
 * (and send logs) of each full-hold attempt in DIR/<sessions>-<attempt>.
 * The peer, measured first in the same run (bench/lib/sipp-echo-capacity.ts): SIPp 3.6.1's clean
 * concurrency echoing RTP; the goal is a ratio of at least 1.0 to it (--no-peer skips it).
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfile } from '../profiles/load-profile';
import { BenchMeasurement } from './lib/bench-result';
import { summarizeCpuProfile } from './lib/cpu-profile-summary';
import { runCapacityStep, StepOptions, StepResult, WARM_UP_SESSIONS } from './lib/capacity-step';
import { MAX_STREAM_ID } from '../simulators/media';
import { sippEchoCapacity } from './lib/sipp-echo-capacity';

/** ms-capacity ≥ 1.0× SIPp's clean echo concurrency measured in the same run. */
const GOAL_RATIO = 1.0;
/** The SIPp peer climbs no higher than this (calls). */
const SIPP_MAX = 1500;
const LADDER = [50, 100, 200, 300, 400, 500, 600, 800, 1000, 1200, 1500, 2000];
/** Two watermark stream ids per session, ids 1..MAX_STREAM_ID, the top ones for the warm-up. */
const MAX_SESSIONS = Math.floor(MAX_STREAM_ID / 2) - WARM_UP_SESSIONS;
/** The search stops narrowing when the last pass and the first failure are this close. */
const RESOLUTION = 25;
/** Ports a session takes in one process: two RTP sockets on even ports (their odd twins left free). */
const PORTS_PER_SESSION = 4;
/** SIP and slack per process's port block. */
const PORTS_SPARE = 64;
/** The test suite's port blocks start here (simulators/net/port-block.ts); the bench stays below. */
const SUITE_PORT_BASE = 20000;
/** A step's files must be final within this of the stop (reported as finalizeMs either way). */
const FILES_DEADLINE_MS = 60_000;

export default async function msCapacityBench(args: string[]): Promise<BenchMeasurement> {
  const arg = (name: string, fallback: number): number => {
    const at = args.indexOf(name);
    if (at < 0) return fallback;
    const value = Number(args[at + 1]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number, got "${args[at + 1]}"`);
    return value;
  };
  const holdMs = arg('--hold', 60) * 1000;
  const searchHoldMs = Math.min(holdMs, arg('--search-hold', 15) * 1000);
  const max = Math.min(MAX_SESSIONS, arg('--max', MAX_SESSIONS));
  const start = arg('--start', LADDER[0]);
  // One feeder: on two cores, a second feeder process is a third busy process, and the Media
  // Server then waits for a core more often (measured: at 500 sessions, commands up to 144 ms late
  // with two feeders, 40 ms with one, same total CPU). One feeder uses ~15% of a core per 100 sessions.
  const feeders = arg('--feeders', 1);
  const attempts = arg('--attempts', 2);
  const profileAt = args.indexOf('--cpu-prof');
  const cpuProfileDir = profileAt >= 0 ? args[profileAt + 1] : undefined;
  const keepAt = args.indexOf('--keep');
  const keepDir = keepAt >= 0 ? args[keepAt + 1] : undefined;
  const portBlockSize = PORTS_PER_SESSION * max + PORTS_SPARE;
  const portBase = process.env.GIR_PORT_BASE ? Number(process.env.GIR_PORT_BASE) : Math.max(1024, SUITE_PORT_BASE - (feeders + 1) * portBlockSize);
  if (portBase + (feeders + 1) * portBlockSize > 65536) throw new Error(`--max ${max} with ${feeders} feeders needs ${(feeders + 1) * portBlockSize} ports from ${portBase}: lower --max or GIR_PORT_BASE`);
  const padEdgeMs = loadProfile(join(__dirname, '..', 'profiles', 'recorder.yaml')).profile.tolerance.padEdgeMs;

  // The peer, measured first in the same run, on the same machine, with nothing of ours running.
  const peer = args.includes('--no-peer') ? undefined : await sippEchoCapacity({ max: SIPP_MAX, portBase: portBase - 64, log: (line) => console.error(line) });
  if (!peer && !args.includes('--no-peer')) console.error('ms-capacity: sipp (Debian package sip-tester) is not installed: no in-run peer; bash harness/setup.sh installs it');

  const steps: (StepResult & { attempt: number; profiled?: boolean })[] = [];
  /** Up to `attempts` runs of a count: another process of this shared machine can stall ours past a 20 ms tolerance once. */
  const step = async (sessions: number, hold: number, profile?: string, tries = attempts): Promise<StepResult> => {
    let result: StepResult | undefined;
    for (let attempt = 1; attempt <= tries && !result?.passed; attempt++) {
      console.error(`ms-capacity: ${sessions} sessions, hold ${hold / 1000} s${attempt > 1 ? `, attempt ${attempt}` : ''}`);
      const keepIn = keepDir && hold === holdMs && !profile ? join(keepDir, `${sessions}-${attempt}`) : undefined;
      const options: StepOptions = { sessions, holdMs: hold, feeders, portBase, portBlockSize, padEdgeMs, filesDeadlineMs: FILES_DEADLINE_MS, cpuProfileDir: profile, keepIn, log: (line) => console.error(line) };
      result = await runCapacityStep(options);
      console.error(`  ${result.passed ? 'PASS' : 'FAIL'}: MS ${result.mediaServer.cpuPercent}% CPU (${result.mediaServer.systemPercent}% kernel), ${result.mediaServer.rssMb} MB; feeders ${result.feeders.map((f) => `${f.cpuPercent}%`).join(' ')}; commands ≤ ${result.recordings.commandLatencyMaxMs} ms; other work ${result.machine.otherPercent}%${result.passed ? '' : `; ${result.failures.join(' | ')}`}`);
      steps.push({ ...result, attempt, ...(profile ? { profiled: true } : {}) });
    }
    return result!;
  };

  // Search with the short hold: climb, then narrow between the last pass and the first failure.
  let best = 0;
  let firstFail: number | undefined;
  for (const count of [...LADDER.filter((n) => n >= start && n < max), max]) {
    if ((await step(count, searchHoldMs)).passed) best = count;
    else {
      firstFail = count;
      break;
    }
  }
  while (firstFail !== undefined && firstFail - best > RESOLUTION) {
    const middle = Math.round((best + firstFail) / 2 / RESOLUTION) * RESOLUTION;
    if (middle <= best || middle >= firstFail) break;
    if ((await step(middle, searchHoldMs)).passed) best = middle;
    else firstFail = middle;
  }

  // The figure: the best count held for the full hold, stepping down while it fails.
  let final: StepResult | undefined = steps.filter((s) => s.passed && s.sessions === best && !s.profiled).pop();
  if (best > 0 && holdMs > searchHoldMs) {
    final = undefined;
    for (let count = best; count > 0 && !final; count -= Math.max(RESOLUTION, Math.round(count * 0.1))) {
      const result = await step(count, holdMs);
      if (result.passed) final = result;
    }
  }
  // Where the time goes: the final count once more under the V8 profiler (its overhead kept out of the figure).
  let profile: string | undefined;
  if (cpuProfileDir && final) {
    mkdirSync(cpuProfileDir, { recursive: true });
    await step(final.sessions, searchHoldMs, cpuProfileDir, 1);
    profile = newestProfile(cpuProfileDir);
  }

  return {
    name: 'ms-capacity',
    unit: 'concurrent stereo sessions',
    value: final?.sessions ?? 0,
    higherIsBetter: true,
    ...(peer ? { peer: { name: 'SIPp uac_pcap → uas -rtp_echo (clean concurrency)', version: peer.version, value: peer.value, command: peer.command }, goalRatio: GOAL_RATIO } : {}),
    cpuPercent: final?.mediaServer.cpuPercent,
    rssMb: final?.mediaServer.rssMb,
    details: {
      holdS: holdMs / 1000,
      searchHoldS: searchHoldMs / 1000,
      packetsPerSecondPerChannel: 50,
      codec: 'PCMU, 20 ms watermark frames',
      pausesPerSession: 1,
      feeders,
      attemptsPerCount: attempts,
      cpuPercentOf: 'one core (200 = both cores)',
      firstFailingCount: firstFail,
      searchedUpTo: max,
      final,
      steps,
      cpuProfile: profile && { file: profile, ...summarizeCpuProfile(profile) },
      peerSteps: peer?.steps,
    },
  };
}

/** The profile the last Media Server wrote (node names them CPU.<date>.<time>.<pid>...). */
function newestProfile(dir: string): string | undefined {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
  return files.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs).pop();
}
