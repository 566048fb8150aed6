/**
 * `npm run bench -- <name> [args]`: runs bench/<name>.bench.ts, whose default export measures and
 * returns a BenchMeasurement; the result is printed as JSON and written to reports/bench/<name>.json.
 * Benchmarks are never timed assertions: they report figures and ratios against a peer in one run.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BenchMeasurement, writeBenchResult } from './lib/bench-result';

const USAGE = 'usage: npm run bench -- <name> [args]';

function available(): string[] {
  return readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.ts'))
    .map((file) => file.slice(0, -'.bench.ts'.length))
    .sort();
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h') {
    console.log(`${USAGE}\nbenchmarks: ${available().join(', ') || '(none yet)'}`);
    return;
  }
  const file = join(__dirname, `${name}.bench.ts`);
  if (!existsSync(file)) {
    throw new Error(`no benchmark "${name}"; available: ${available().join(', ') || '(none yet)'}`);
  }
  const module = (await import(file)) as { default: (args: string[]) => Promise<BenchMeasurement> };
  const result = writeBenchResult(await module.default(args));
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
