/**
 * `npm run conformance -- [cucumber args]`: the conformance suite against the SUT of GIR_PROFILE,
 * or, with no GIR_PROFILE, the reference self-test of every role. Exit 0: no scenario failed;
 * 1: a scenario failed, or none matched the filters; 2: the run could not be made (the one line says why).
 */
import { ProfileError } from '../profiles/load-profile';
import { runConformance, summaryLine } from './conformance-run';
import { formatCounts } from './lib/test-counts';
import { formatRepeatTable, runRepeated, takeRepeat } from './repeat-run';

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(`usage: [GIR_PROFILE=<profile.yaml>] npm run conformance -- [cucumber-js arguments]
  Runs the conformance suite and writes reports/ (cucumber.html, junit.xml, messages.ndjson,
  conformance.json, conformance.html). Without GIR_PROFILE, runs the reference self-test.
  Cucumber arguments pass through unchanged, e.g. --tags @FT-01, --parallel 2, --name "extension".
  --repeat N runs the selection N times and prints per scenario passed/failed/inconclusive counts.
  Exit 0: no scenario failed; 1: a scenario failed, or no scenario matched; 2: the run could not start.
  Environment: GIR_PROFILE, GIR_MUTANT=<name>, GIR_LOADER=tsx|ts-node, GIR_PORT_BASE, GIR_PORT_BLOCK,
  GIR_HARNESS_STALL_MS=<ms> (self-test: block the harness's event loop before each hang-up and pause).`);
    return;
  }
  const args = process.argv.slice(2);
  const repeat = takeRepeat(args);
  if (repeat !== undefined) {
    const repeated = await runRepeated(repeat, args);
    console.log(formatRepeatTable(repeated));
    process.exitCode = repeated.exitCode;
    return;
  }
  const outcome = await runConformance(args);
  console.log(summaryLine(outcome.report));
  console.log(formatCounts(outcome.scenarios));
  process.exitCode = outcome.exitCode;
}

main().catch((error: unknown) => {
  // ProfileError lists every wrong path; other setup errors are one line.
  console.error(error instanceof ProfileError ? error.message : `gir-conformance: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
