/** `npm run unit [-- <name pattern>]`: the unit tests alone, ending with `N passed, N failed`. */
import { runUnitTests } from './lib/unit-runner';
import { formatCounts } from './lib/test-counts';

const HELP = `usage: npm run unit [-- <name pattern>]

Runs every unit test (*.test.ts next to the code, node:test) and ends with "N passed, N failed".
With a pattern (a regular expression on test names, as node --test-name-pattern takes it), only
the tests whose names match run; a pattern that matches none is a failure, not a green run.
The TAP output is kept in reports/unit.tap.`;

async function main(): Promise<void> {
  const pattern = process.argv[2];
  if (pattern === '--help' || pattern === '-h') {
    console.log(HELP);
    return;
  }
  const counts = await runUnitTests(process.cwd(), pattern);
  if (pattern !== undefined && counts.passed + counts.failed === 0) {
    console.error(`no unit test name matches "${pattern}"`);
    counts.failed = 1;
  }
  console.log(formatCounts(counts));
  process.exitCode = counts.failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
