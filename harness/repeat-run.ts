/**
 * `run --repeat N`: the flake finder. Runs the selected scenarios N times, each a run of its own (a
 * fresh Cucumber process, so the first call of every run is the first call again), and prints per
 * scenario how many runs passed, failed or were inconclusive. Exit 1 when any run of any scenario
 * failed or was inconclusive: a gate must not pass on a scenario that is green only sometimes.
 */
import { runConformance } from './conformance-run';
import { PROJECT_ROOT } from './lib/cucumber-process';
import { loadFeatureScenarios } from './report/feature-scenarios';
import { takeWholeNumberOption } from './lib/whole-number-option';

export interface RepeatTally {
  key: string;
  name: string;
  counts: Record<string, number>;
  /** Each run that did not pass: its number, status and first failing or inconclusive check. */
  runs: { run: number; status: string; check?: string }[];
  /** Runs in which it was inconclusive at first and ran again: their number and first check. */
  rejudged: { run: number; attempts: number; check?: string }[];
}

export interface RepeatOutcome {
  exitCode: number;
  tallies: RepeatTally[];
  runs: number;
}

/** Takes `--repeat N` out of the arguments; undefined when absent. */
export function takeRepeat(args: string[]): number | undefined {
  return takeWholeNumberOption(args, '--repeat', 1, 'runs');
}

export async function runRepeated(
  times: number,
  cucumberArgs: string[],
  env: NodeJS.ProcessEnv = process.env,
  progress: (line: string) => void = (line) => console.error(line),
  options: { rejudge?: number } = {},
): Promise<RepeatOutcome> {
  const names = new Map(loadFeatureScenarios(PROJECT_ROOT).map((s) => [s.key, s.name]));
  const tallies = new Map<string, RepeatTally>();
  let worstExit = 0;
  for (let run = 1; run <= times; run++) {
    // Cucumber's own console goes to reports/console.log: N full transcripts would bury the table.
    const outcome = await runConformance(cucumberArgs, env, { quiet: true, rejudge: options.rejudge });
    if (outcome.exitCode === 2) return { exitCode: 2, tallies: [...tallies.values()], runs: run };
    for (const [key, status] of outcome.statuses) {
      const tally = tallies.get(key) ?? { key, name: names.get(key) ?? key, counts: {}, runs: [], rejudged: [] };
      tally.counts[status] = (tally.counts[status] ?? 0) + 1;
      if (status !== 'passed') tally.runs.push({ run, status, check: outcome.checks.get(key) });
      const earlier = outcome.rejudged.get(key);
      if (earlier?.length) tally.rejudged.push({ run, attempts: earlier.length, check: earlier[0].failure?.check });
      tallies.set(key, tally);
    }
    const notPassed = [...outcome.statuses.values()].filter((s) => s !== 'passed').length;
    const again = outcome.rejudged.size ? `; ${outcome.rejudged.size} inconclusive at first and run again` : '';
    progress(`run ${run}/${times}: ${outcome.statuses.size - notPassed} of ${outcome.statuses.size} scenario(s) passed${again}`);
    worstExit = Math.max(worstExit, outcome.exitCode);
  }
  const sorted = [...tallies.values()].sort((a, b) => a.key.localeCompare(b.key));
  const unstable = sorted.some((t) => (t.counts.failed ?? 0) + (t.counts.inconclusive ?? 0) > 0);
  return { exitCode: unstable || worstExit !== 0 ? 1 : 0, tallies: sorted, runs: times };
}

/**
 * One line per scenario: `passed / failed / inconclusive / skipped / run again` over N runs, then
 * `name (file:line)`. ✗ marks a scenario that failed or stayed inconclusive in some run, ~ one that
 * was judged only when run again (the harness was late at first: not the SUT's doing, but shown).
 */
export function formatRepeatTable(outcome: RepeatOutcome): string {
  const lines = [`per scenario over ${outcome.runs} run(s): passed / failed / inconclusive / skipped / run again (inconclusive at first)`];
  for (const tally of outcome.tallies) {
    const c = tally.counts;
    const mark = (c.failed ?? 0) + (c.inconclusive ?? 0) > 0 ? '✗' : tally.rejudged.length > 0 ? '~' : '✓';
    const which = tally.runs.length ? `  (not passed in run ${tally.runs.map((r) => `${r.run}: ${r.status}`).join(', ')})` : '';
    lines.push(`${mark} ${c.passed ?? 0} / ${c.failed ?? 0} / ${c.inconclusive ?? 0} / ${c.skipped ?? 0} / ${tally.rejudged.length}  ${tally.name} (${tally.key})${which}`);
    for (const r of tally.runs) if (r.check) lines.push(`    run ${r.run}: ${r.check}`);
    for (const r of tally.rejudged) lines.push(`    run ${r.run}: inconclusive at first (${r.attempts} attempt(s) before the last): ${r.check ?? 'no check recorded'}`);
  }
  const again = outcome.tallies.reduce((sum, t) => sum + t.rejudged.length, 0);
  lines.push(`${again} scenario run(s) were inconclusive at first and run again`);
  return lines.join('\n');
}
