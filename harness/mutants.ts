/**
 * `npm run mutants [-- [--parallel N] <name>...]`: runs every mutant (or the named ones) against the
 * scenarios of its requirement and writes reports/mutants.json. Exit 1 when a mutant survives.
 */
import { allMutants, runMutants } from './mutants-run';
import { formatCounts } from './lib/test-counts';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: npm run mutants -- [--parallel N] [mutant name ...]\nmutants:');
    for (const m of allMutants()) console.log(`  ${m.name.padEnd(32)} ${m.requirement.padEnd(7)} ${m.description}`);
    return;
  }
  const parallelAt = args.indexOf('--parallel');
  const parallel = parallelAt >= 0 ? Number(args.splice(parallelAt, 2)[1]) : 2;
  if (!Number.isInteger(parallel) || parallel < 1) throw new Error('--parallel needs a positive integer');
  const report = await runMutants(args, { parallel });
  const killed = report.mutants.filter((m) => m.killed).length;
  console.log(`\nmutants: ${killed}/${report.mutants.length} killed, score ${report.score.toFixed(2)} (reports/mutants.json)`);
  console.log(formatCounts({ passed: killed, failed: report.mutants.length - killed, skipped: 0, inconclusive: 0 }));
  process.exitCode = killed === report.mutants.length ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(`mutants: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
