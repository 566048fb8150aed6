/**
 * `npm run bench -- first-call [--calls N] [--one-core]`: per-frame transit (phone → SUT → fake Media
 * Server) of the first and the last of N recorded calls in one fresh process, without and with the
 * harness's warm-up (simulators/warm-up), and the shift the analyzer then finds in each file. The
 * peer is the last call of the same warm run: value is the first call's worst transit over its first
 * ten frames, so ratio (peer / value, lower is better) near 1 means the first call is no longer
 * special. --one-core runs each process under `taskset -c 0` beside a busy loop on that core (a
 * machine about 2× slower per core, busy).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BenchMeasurement } from './lib/bench-result';
import type { CallTransit } from './lib/first-call-calls';

interface RunOutput {
  warm: boolean;
  warmUpMs?: number;
  calls: CallTransit[];
}

function runCalls(calls: number, mode: 'cold' | 'warm', oneCore: boolean): RunOutput {
  const script = join(__dirname, 'lib', 'first-call-calls.ts');
  const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
  const command = oneCore ? 'taskset' : tsx;
  const args = oneCore ? ['-c', '0', tsx, script, String(calls), mode] : [script, String(calls), mode];
  const busy = oneCore ? spawn('taskset', ['-c', '0', process.execPath, '-e', 'for(;;){}'], { stdio: 'ignore' }) : undefined;
  try {
    const child = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000 });
    if (child.status !== 0) throw new Error(`first-call ${mode} run failed (${child.status ?? child.signal}): ${child.stderr.slice(-2000)}`);
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as RunOutput;
  } finally {
    busy?.kill();
  }
}

const worstFirst = (call: CallTransit) => Math.max(...call.firstFramesMs);

export default async function firstCall(args: string[]): Promise<BenchMeasurement> {
  const callsIndex = args.indexOf('--calls');
  const calls = callsIndex >= 0 ? Number(args[callsIndex + 1]) : 10;
  const oneCore = args.includes('--one-core');
  const cold = runCalls(calls, 'cold', oneCore);
  const warm = runCalls(calls, 'warm', oneCore);
  const summary = (run: RunOutput) => ({
    first: { ...run.calls[0], worstOfFirstTenMs: worstFirst(run.calls[0]) },
    last: { ...run.calls[run.calls.length - 1], worstOfFirstTenMs: worstFirst(run.calls[run.calls.length - 1]) },
  });
  const warmLast = warm.calls[warm.calls.length - 1];
  return {
    name: oneCore ? 'first-call-one-core' : 'first-call',
    unit: 'ms (worst transit of the first call\'s first ten frames, warmed up)',
    value: worstFirst(warm.calls[0]),
    higherIsBetter: false,
    peer: { name: `call ${warmLast.call} of the same run`, version: 'same process', value: worstFirst(warmLast) },
    details: { calls, oneCore, warmUpMs: warm.warmUpMs, cold: summary(cold), warm: summary(warm) },
  };
}
