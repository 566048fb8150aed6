/**
 * Inconclusive scenarios are run again. An inconclusive verdict says the harness was too late to
 * judge (REQUIREMENTS.md "Statuses"), and its remedy is another run of that scenario, which a person
 * used to have to make. After the main run, every scenario that ended inconclusive runs again in a
 * fresh Cucumber process, up to `limit` more times, until it is judged. A failed scenario never
 * runs again: the SUT gets no second chance, only the harness does. Every earlier attempt stays in
 * the report with its check and evidence, and `--repeat` counts them, so a harness that is often
 * late is still seen.
 */
import { RunResults, ScenarioStatus } from './report/run-results';
import { StepFailure } from './report/step-failure';
import { takeWholeNumberOption } from './lib/whole-number-option';

export interface EarlierAttempt {
  status: ScenarioStatus;
  failure?: StepFailure;
  /** Cucumber's id of the attempt (its evidence folder names it). */
  attempt?: string;
}

export interface RejudgedRun {
  results: RunResults;
  /** By scenario key: the attempts before the final one, oldest first (only for scenarios run again). */
  earlier: Map<string, EarlierAttempt[]>;
  /** Each pass that crashed, or exited non-zero when none of its scenarios failed or was inconclusive. */
  unexplainedExits: string[];
}

/** One more Cucumber run over the given scenario keys (pass 1 is the first run again). */
export type RunAgain = (keys: string[], pass: number) => Promise<{ exitCode: number; results: RunResults }>;

export async function rejudgeInconclusive(first: { exitCode: number; results: RunResults }, limit: number, runAgain: RunAgain): Promise<RejudgedRun> {
  const results: RunResults = { ...first.results, statuses: new Map(first.results.statuses), failures: new Map(first.results.failures), attempts: new Map(first.results.attempts) };
  const earlier = new Map<string, EarlierAttempt[]>();
  const unexplainedExits: string[] = [];
  const note = (run: { exitCode: number; results: RunResults }, pass: number) => {
    const why = unexplained(run);
    if (why) unexplainedExits.push(pass === 0 ? why : `run again (${pass}): ${why}`);
  };
  note(first, 0);
  for (let pass = 1; pass <= limit; pass++) {
    const keys = [...results.statuses].filter(([, status]) => status === 'inconclusive').map(([key]) => key);
    if (keys.length === 0) break;
    for (const key of keys) {
      const attempts = earlier.get(key) ?? [];
      attempts.push({ status: 'inconclusive', failure: results.failures.get(key), attempt: results.attempts.get(key) });
      earlier.set(key, attempts);
    }
    const again = await runAgain(keys, pass);
    note(again, pass);
    for (const key of keys) {
      const status = again.results.statuses.get(key);
      // Not run again (the process died first): it stays inconclusive, with its last check.
      if (status === undefined) continue;
      results.statuses.set(key, status);
      const attempt = again.results.attempts.get(key);
      if (attempt) results.attempts.set(key, attempt);
      const failure = again.results.failures.get(key);
      if (failure) results.failures.set(key, failure);
      else results.failures.delete(key);
    }
  }
  return { results, earlier, unexplainedExits };
}

/**
 * Why a pass's end is not explained by its scenarios: it crashed, or Cucumber exited non-zero when
 * none failed or was inconclusive (e.g. an undefined step under strict).
 */
function unexplained(run: { exitCode: number; results: RunResults }): string | undefined {
  if (run.results.crashed) return `cucumber crashed: ${run.results.crashed}`;
  if (run.exitCode === 0) return undefined;
  const explained = [...run.results.statuses.values()].some((status) => status === 'failed' || status === 'inconclusive');
  return explained ? undefined : `cucumber exited ${run.exitCode} though no scenario failed`;
}

/** The location Cucumber filters on: a scenario's line, or an example row's (a key's last line). */
export function cucumberLocationOf(key: string): string {
  const match = /^(.*?\.feature)((?::\d+)+)$/.exec(key);
  if (!match) throw new Error(`not a scenario key: ${key}`);
  return `${match[1]}:${match[2].split(':').pop()}`;
}

/** Takes `--rejudge N` out of the arguments (how many more times an inconclusive scenario may run); undefined when absent. */
export function takeRejudge(args: string[]): number | undefined {
  return takeWholeNumberOption(args, '--rejudge', 0, 'runs again');
}
