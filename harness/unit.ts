/** `npm run unit [-- <name pattern>]`: the unit tests alone, ending with `N passed, N failed`. */
import { runUnitTests } from './lib/unit-runner';
import { formatCounts } from './lib/test-counts';

async function main(): Promise<void> {
  const counts = await runUnitTests(process.cwd(), process.argv[2]);
  console.log(formatCounts(counts));
  process.exitCode = counts.failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
