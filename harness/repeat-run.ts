/**
 * `run --repeat N`: the flake finder. Runs the selected scenarios N times, each a run of its own (a
 * fresh Cucumber process, so the first call of every run is the first call again), and prints per
 * scenario how many runs passed, failed or were inconclusive. Exit 1 when any run of any scenario
 * failed or was inconclusive: a gate must not pass on a scenario that is green only sometimes.
 */
import { runConformance } from './conformance-run';
import { PROJECT_ROOT } from './lib/cucumber-process';
import { loadFeatureScenarios } from './report/feature-scenarios';

export interface RepeatTally {
  key: string;
  name: string;
  counts: Record<string, number>;
  /** Each run that did not pass: its number, status and first failing or inconclusive check. */
  runs: { run: number; status: string; check?: string }[];
}

export interface RepeatOutcome {
  exitCode: number;
  tallies: RepeatTally[];
  runs: number;
}

/** Takes `--repeat N` out of the arguments; undefined when absent. */
export function takeRepeat(args: string[]): number | undefined {
  const at = args.indexOf('--repeat');
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  const times = Number(value);
  if (!Number.isInteger(times) || times < 1) throw new Error(`--repeat needs a whole number of runs >= 1 (got "${value ?? ''}")`);
  return times;
}

export async function runRepeated(
  times: number,
  cucumberArgs: string[],
  env: NodeJS.ProcessEnv = process.env,
  progress: (line: string) => void = (line) => console.error(line),
): Promise<RepeatOutcome> {
  const names = new Map(loadFeatureScenarios(PROJECT_ROOT).map((s) => [s.key, s.name]));
  const tallies = new Map<string, RepeatTally>();
  let worstExit = 0;
  for (let run = 1; run <= times; run++) {
    // Cucumber's own console goes to reports/console.log: N full transcripts would bury the table.
    const outcome = await runConformance(cucumberArgs, env, { quiet: true });
    if (outcome.exitCode === 2) return { exitCode: 2, tallies: [...tallies.values()], runs: run };
    for (const [key, status] of outcome.statuses) {
      const tally = tallies.get(key) ?? { key, name: names.get(key) ?? key, counts: {}, runs: [] };
      tally.counts[status] = (tally.counts[status] ?? 0) + 1;
      if (status !== 'passed') tally.runs.push({ run, status, check: outcome.checks.get(key) });
      tallies.set(key, tally);
    }
    const notPassed = [...outcome.statuses.values()].filter((s) => s !== 'passed').length;
    progress(`run ${run}/${times}: ${outcome.statuses.size - notPassed} of ${outcome.statuses.size} scenario(s) passed`);
    worstExit = Math.max(worstExit, outcome.exitCode);
  }
  const sorted = [...tallies.values()].sort((a, b) => a.key.localeCompare(b.key));
  const unstable = sorted.some((t) => (t.counts.failed ?? 0) + (t.counts.inconclusive ?? 0) > 0);
  return { exitCode: unstable || worstExit !== 0 ? 1 : 0, tallies: sorted, runs: times };
}

/** One line per scenario: `passed/failed/inconclusive of N  name (file:line)`, unstable ones marked. */
export function formatRepeatTable(outcome: RepeatOutcome): string {
  const lines = [`per scenario over ${outcome.runs} run(s): passed / failed / inconclusive / skipped`];
  for (const tally of outcome.tallies) {
    const c = tally.counts;
    const mark = (c.failed ?? 0) + (c.inconclusive ?? 0) > 0 ? '✗' : '✓';
    const which = tally.runs.length ? `  (not passed in run ${tally.runs.map((r) => `${r.run}: ${r.status}`).join(', ')})` : '';
    lines.push(`${mark} ${c.passed ?? 0} / ${c.failed ?? 0} / ${c.inconclusive ?? 0} / ${c.skipped ?? 0}  ${tally.name} (${tally.key})${which}`);
    for (const r of tally.runs) if (r.check) lines.push(`    run ${r.run}: ${r.check}`);
  }
  return lines.join('\n');
}
