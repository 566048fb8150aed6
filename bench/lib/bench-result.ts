import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/** The JSON every benchmark writes to reports/bench/<name>.json (DESIGN.md, "Reports"). */
export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  higherIsBetter: boolean;
  /** The goal the issue sets, in `unit`; `goalMet` compares value to it. */
  goal?: number;
  goalMet?: boolean;
  peer?: { name: string; version: string; value: number; command?: string };
  /** value / peer.value when higher is better (peer / value otherwise): > 1 means ahead. */
  ratio?: number;
  cpuPercent?: number;
  rssMb?: number;
  machine: { cpus: number; model: string; node: string };
  details?: Record<string, unknown>;
}

export type BenchMeasurement = Omit<BenchResult, 'machine' | 'ratio' | 'goalMet'>;

export function machineInfo(): BenchResult['machine'] {
  const list = cpus();
  return { cpus: list.length, model: list[0]?.model ?? 'unknown', node: process.version };
}

/** Completes a measurement (ratio, goalMet, machine) and writes it; returns what was written. */
export function writeBenchResult(measurement: BenchMeasurement, root = process.cwd()): BenchResult {
  const result: BenchResult = { ...measurement, machine: machineInfo() };
  if (measurement.peer && measurement.peer.value > 0 && measurement.value > 0) {
    result.ratio = measurement.higherIsBetter
      ? measurement.value / measurement.peer.value
      : measurement.peer.value / measurement.value;
  }
  if (measurement.goal !== undefined) {
    result.goalMet = measurement.higherIsBetter
      ? measurement.value >= measurement.goal
      : measurement.value <= measurement.goal;
  }
  const dir = join(root, 'reports', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${measurement.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
