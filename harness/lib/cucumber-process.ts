import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readRunResults, RunResults } from '../report/run-results';
import { SCENARIOS_DIR } from '../report/scenario-evidence';
import { runChild } from './run-child';

export const PROJECT_ROOT = join(__dirname, '..', '..');

export interface CucumberRun {
  exitCode: number;
  results: RunResults;
}

/**
 * Runs cucumber-js (config: cucumber.js) in a child process with its reports in `reportsDir`, and
 * reads back what every scenario did. A run that wrote no message stream is an error: it means
 * cucumber could not start, which must never pass as "no scenario failed". The evidence folder
 * (reportsDir/scenarios) is emptied first, so what it holds belongs to the reports beside it.
 */
export async function runCucumberProcess(options: {
  args: string[];
  reportsDir: string;
  env: NodeJS.ProcessEnv;
  /** Cucumber's console output goes to reportsDir/console.log instead of the terminal. */
  quiet?: boolean;
}): Promise<CucumberRun> {
  mkdirSync(options.reportsDir, { recursive: true });
  for (const file of ['messages.ndjson', 'cucumber.html', 'junit.xml']) rmSync(join(options.reportsDir, file), { force: true });
  rmSync(join(options.reportsDir, SCENARIOS_DIR), { recursive: true, force: true });
  const child = await runChild(process.execPath, [join(PROJECT_ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'), ...options.args], {
    cwd: PROJECT_ROOT,
    env: { ...options.env, GIR_REPORTS_DIR: options.reportsDir },
    outputFile: options.quiet ? join(options.reportsDir, 'console.log') : undefined,
  });
  const messagesPath = join(options.reportsDir, 'messages.ndjson');
  if (!existsSync(messagesPath)) throw new Error(`cucumber exited ${child.code} without writing ${messagesPath}`);
  return { exitCode: child.code, results: readRunResults(messagesPath) };
}
