import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

/** The JSON every benchmark writes to reports/bench/<name>.json (DESIGN.md, "Reports"). */
export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  higherIsBetter: boolean;
  /** The goal the issue sets, in `unit`; `goalMet` compares value to it. */
  goal?: number;
  /** A goal set as a ratio to the in-run peer (machines differ; a ratio carries over): `goalMet` compares ratio to it. */
  goalRatio?: number;
  goalMet?: boolean;
  peer?: { name: string; version: string; value: number; command?: string };
  /** value / peer.value when higher is better (peer / value otherwise): > 1 means ahead. */
  ratio?: number;
  cpuPercent?: number;
  rssMb?: number;
  /** load: the 1- and 5-minute load averages when the result was written (ours included). */
  machine: { cpus: number; model: string; node: string; load: { avg1: number; avg5: number } };
  details?: Record<string, unknown>;
}

export type BenchMeasurement = Omit<BenchResult, 'machine' | 'ratio' | 'goalMet'>;

export function machineInfo(): BenchResult['machine'] {
  const list = cpus();
  const [avg1, avg5] = loadavg();
  // A figure from a busy machine says less: the load sits beside it, so a reader can tell.
  return { cpus: list.length, model: list[0]?.model ?? 'unknown', node: process.version, load: { avg1, avg5 } };
}

/** Completes a measurement (ratio, goalMet, machine) and writes it; returns what was written. */
export function writeBenchResult(measurement: BenchMeasurement, root = process.cwd()): BenchResult {
  const result: BenchResult = { ...measurement, machine: machineInfo() };
  if (measurement.peer && measurement.peer.value > 0 && measurement.value > 0) {
    result.ratio = measurement.higherIsBetter
      ? measurement.value / measurement.peer.value
      : measurement.peer.value / measurement.value;
  }
  if (measurement.goalRatio !== undefined) {
    result.goalMet = result.ratio !== undefined && result.ratio >= measurement.goalRatio;
  } else if (measurement.goal !== undefined) {
    result.goalMet = measurement.higherIsBetter
      ? measurement.value >= measurement.goal
      : measurement.value <= measurement.goal;
  }
  const dir = join(root, 'reports', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${measurement.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
