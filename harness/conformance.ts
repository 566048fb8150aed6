/**
 * `npm run conformance -- [cucumber args]`: the conformance suite against the SUT of GIR_PROFILE,
 * or, with no GIR_PROFILE, the reference self-test of every role. Exit 0: every scenario passed;
 * 1: a scenario failed or was inconclusive, or none matched the filters; 2: the run could not be made
 * (the one line says why).
 */
import { ProfileError } from '../profiles/load-profile';
import { closingLines, runConformance } from './conformance-run';
import { formatRepeatTable, runRepeated, takeRepeat } from './repeat-run';
import { takeRejudge } from './rejudge-inconclusive';

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(`usage: [GIR_PROFILE=<profile.yaml>] npm run conformance -- [cucumber-js arguments]
  Runs the conformance suite and writes reports/ (cucumber.html, junit.xml, messages.ndjson,
  conformance.json, conformance.html). Without GIR_PROFILE, runs the reference self-test.
  Cucumber arguments pass through unchanged, e.g. --tags @FT-01, --parallel 2, --name "extension".
  --repeat N runs the selection N times and prints per scenario passed/failed/inconclusive counts.
  --rejudge N (default 2): an inconclusive scenario (the harness was too late to judge it) runs
  again, in a fresh process, up to N more times; a failed one never does. Earlier attempts stay in
  the reports (reports/rejudged/<n>/, "Run again" in conformance.html). 0: never.
  Ends with counts per requirement family, the report paths, one line per failed or inconclusive
  scenario (its IDs and first failing check), then "N passed, N failed" (inconclusive among the failed).
  Evidence of failed scenarios: reports/scenarios/ (emptied at the start of each run).
  Exit 0: every scenario passed; 1: a scenario failed or was inconclusive, or no scenario matched;
  2: the run could not start.
  Environment: GIR_PROFILE, GIR_MUTANT=<name>, GIR_LOADER=tsx|ts-node, GIR_PORT_BASE, GIR_PORT_BLOCK,
  GIR_KEEP_ARTIFACTS=1 (keep every scenario's evidence, not only failed ones'), GIR_REPORTS_DIR (default reports),
  GIR_HARNESS_STALL_MS=<ms> (self-test: block the harness's event loop before each hang-up and pause).`);
    return;
  }
  const args = process.argv.slice(2);
  const repeat = takeRepeat(args);
  const rejudge = takeRejudge(args);
  if (repeat !== undefined) {
    const repeated = await runRepeated(repeat, args, process.env, undefined, { rejudge });
    console.log(formatRepeatTable(repeated));
    process.exitCode = repeated.exitCode;
    return;
  }
  const outcome = await runConformance(args, process.env, { rejudge });
  console.log(closingLines(outcome).join('\n'));
  process.exitCode = outcome.exitCode;
}

main().catch((error: unknown) => {
  // ProfileError lists every wrong path; other setup errors are one line.
  console.error(error instanceof ProfileError ? error.message : `gir-conformance: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
