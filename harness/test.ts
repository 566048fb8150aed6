/**
 * `npm test`: unit tests, the conformance self-test of every role, then every mutant; exits 1 on
 * any failed test or scenario or surviving mutant (not on uncovered IDs) and ends with the line
 * `N passed, N failed` (a killed mutant counts as passed).
 */
import { ProfileError } from '../profiles/load-profile';
import { runConformance, summaryLine } from './conformance-run';
import { addCounts, formatCounts, formatInconclusive, NO_TESTS, TestCounts } from './lib/test-counts';
import { formatRunSummary } from './report/run-summary';
import { runUnitTests } from './lib/unit-runner';
import { runMutants } from './mutants-run';

async function main(): Promise<void> {
  const stages: [string, TestCounts][] = [];
  const unit = await runUnitTests(process.cwd());
  stages.push(['unit tests', unit]);
  console.log(`\n== unit tests: ${formatCounts(unit)}\n`);

  const conformance = await runConformance([]);
  stages.push(['conformance scenarios', conformance.scenarios]);
  console.log(`\n== conformance\n${formatRunSummary(conformance.report, conformance.reportsDir)}\n${summaryLine(conformance.report, conformance.reportsDir)}`);

  const mutants = await runMutants([], { parallel: 2 });
  const killed = mutants.mutants.filter((m) => m.killed).length;
  stages.push(['mutants killed', { passed: killed, failed: mutants.mutants.length - killed, skipped: 0, inconclusive: 0 }]);

  const total = stages.reduce((sum, [, counts]) => addCounts(sum, counts), NO_TESTS);
  for (const [name, counts] of stages) console.log(`   ${name}: ${formatCounts(counts)}`);
  const inconclusive = formatInconclusive(total);
  if (inconclusive) console.log(inconclusive);
  console.log(formatCounts(total));
  process.exitCode = total.failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof ProfileError ? error.message : `npm test: ${error instanceof Error ? error.message : String(error)}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 2;
});
