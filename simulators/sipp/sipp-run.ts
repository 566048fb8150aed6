/**
 * One SIPp process: spawned from an argument array in its own process group, under a hard timeout
 * that kills the whole group (SIPp must never outlive its scenario), its trace files read back into a
 * typed result when it ends.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSippArguments, SippOptions } from './sipp-arguments';
import { sippExit, SippExit } from './sipp-exit-codes';
import { parseSippScreen, parseSippStatFile, SippScreenRow, SippStatistics } from './sipp-statistics';

export interface SippRunOptions extends Omit<SippOptions, 'traces'> {
  /** SIPp's working directory: its trace files go here (and relative pcap paths resolve here). */
  workDir: string;
  /** The process group is killed (SIGKILL) this long after the start, whatever SIPp is doing. */
  hardTimeoutMs: number;
  /** How often SIPp writes a stat row (s); the last row is written at exit either way. */
  statPeriodSeconds?: number;
  binary?: string;
}

export interface SippResult {
  exit: SippExit;
  /** The last -trace_stat row; undefined when SIPp wrote none (killed at once, bind error …). */
  statistics?: SippStatistics;
  screen: SippScreenRow[];
  /** -trace_err: the unexpected messages SIPp logged (at most MAX_TEXT characters). */
  errorLog: string;
  stderr: string;
  args: string[];
  wallMs: number;
}

const MAX_TEXT = 4000;
const tail = (text: string): string => (text.length > MAX_TEXT ? `…${text.slice(-MAX_TEXT)}` : text);
const readIfThere = (path: string): string => (existsSync(path) ? readFileSync(path, 'utf8') : '');

export class SippRun {
  readonly done: Promise<SippResult>;
  readonly args: string[];
  private readonly child: ChildProcess;
  private exited = false;
  private timedOut = false;

  private constructor(options: SippRunOptions) {
    mkdirSync(options.workDir, { recursive: true });
    const files = { statFile: join(options.workDir, 'sipp-stat.csv'), screenFile: join(options.workDir, 'sipp-screen.log'), errorFile: join(options.workDir, 'sipp-errors.log') };
    this.args = buildSippArguments({ ...options, traces: { ...files, statPeriodSeconds: options.statPeriodSeconds } });
    const began = performance.now();
    let stderr = '';
    // detached: SIPp leads its own process group, so one kill reaches everything it started.
    this.child = spawn(options.binary ?? 'sipp', this.args, { cwd: options.workDir, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = tail(stderr + chunk);
    });
    const timer = setTimeout(() => {
      this.timedOut = true;
      this.kill();
    }, options.hardTimeoutMs);
    this.done = new Promise((resolve, reject) => {
      this.child.on('error', (error) => {
        clearTimeout(timer);
        this.exited = true;
        reject(new Error(`could not start ${options.binary ?? 'sipp'}: ${error.message} (harness/setup.sh installs sip-tester)`));
      });
      this.child.on('close', (code, signal) => {
        clearTimeout(timer);
        this.exited = true;
        const statText = readIfThere(files.statFile);
        let statistics: SippStatistics | undefined;
        try {
          statistics = statText ? parseSippStatFile(statText) : undefined;
        } catch {
          statistics = undefined; // a stat file cut short by a kill: the exit says what happened
        }
        resolve({
          exit: sippExit(code, signal, this.timedOut), statistics, screen: parseSippScreen(readIfThere(files.screenFile)),
          errorLog: tail(readIfThere(files.errorFile)), stderr, args: this.args, wallMs: performance.now() - began,
        });
      });
    });
  }

  static start(options: SippRunOptions): SippRun {
    return new SippRun(options);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Kills SIPp's whole process group at once; safe to call again or after the exit. */
  kill(): void {
    if (this.exited || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  }

  /** Kills the group if still running and waits for the exit: a disposer for the scenario. */
  async stop(): Promise<SippResult> {
    this.kill();
    return this.done;
  }
}

/** A SIPp run that did not end as it should, with everything SIPp said about it. */
export class SippFailedError extends Error {
  constructor(readonly result: SippResult, expectation: string) {
    super(describeFailure(result, expectation));
    this.name = 'SippFailedError';
  }
}

function describeFailure(result: SippResult, expectation: string): string {
  const stats = result.statistics;
  const lines = [`SIPp ${expectation}, but ${result.exit.meaning} (exit ${result.exit.code ?? result.exit.signal})`];
  if (stats) {
    const reasons = Object.entries(stats.failedBy).map(([reason, n]) => `${reason} ${n}`).join(', ');
    lines.push(`calls: ${stats.successfulCalls} successful, ${stats.failedCalls} failed${reasons ? ` (${reasons})` : ''}, ${stats.currentCalls} still open; ${stats.retransmissions} retransmissions, ${stats.fatalErrors} fatal errors, ${stats.watchdogMajor} major watchdogs`);
  }
  const unexpected = result.screen.filter((row) => (row.unexpected ?? 0) > 0 || (row.timeouts ?? 0) > 0);
  if (unexpected.length) lines.push(`scenario steps: ${unexpected.map((r) => `${r.step} ${r.direction}: ${r.timeouts ?? 0} timeouts, ${r.unexpected ?? 0} unexpected`).join('; ')}`);
  if (result.errorLog.trim()) lines.push(`SIPp's error log (-trace_err):\n${result.errorLog.trim()}`);
  if (result.stderr.trim()) lines.push(`stderr: ${result.stderr.trim()}`);
  lines.push(`command: sipp ${result.args.join(' ')}`);
  return lines.join('\n');
}

/** Throws SippFailedError unless SIPp exited 0 with `calls` successful calls and none failed. */
export function assertAllCallsSucceeded(result: SippResult, calls: number): void {
  const stats = result.statistics;
  if (result.exit.outcome === 'all-calls-succeeded' && stats && stats.successfulCalls === calls && stats.failedCalls === 0) return;
  throw new SippFailedError(result, `was to complete ${calls} call(s) successfully`);
}
