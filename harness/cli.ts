/**
 * `npx gir-conformance <command>`: the harness for QA, CI and vendors.
 *   run [--profile <file>] [cucumber args]   the conformance suite (as npm run conformance)
 *   provision-sheet --profile <file>         what an external SUT's owner configures
 *   certificate                              re-render reports/conformance.html from conformance.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadProfile, ProfileError } from '../profiles/load-profile';
import { closingLines, runConformance, summaryLine } from './conformance-run';
import { PROJECT_ROOT } from './lib/cucumber-process';
import { ConformanceReport, isCertifiable } from './report/conformance-report';
import { renderConformanceHtml } from './report/conformance-html';
import { renderProvisionSheet } from './provision-sheet';
import { formatRepeatTable, runRepeated, takeRepeat } from './repeat-run';

const HELP = `usage: npx gir-conformance <command> [options]

commands:
  run [--profile <file>] [--repeat N] [--tags <expr>] [--parallel N] [other cucumber-js args]
        run the conformance suite; without --profile, the reference self-test of both roles.
        Writes reports/ (cucumber.html, junit.xml, messages.ndjson, conformance.json/.html).
        Exit 0: every scenario passed; 1: a scenario failed or was inconclusive, or none matched;
        2: the run could not be made.
        --repeat N: run the selection N times (each a fresh run) and print per scenario how many
        runs passed, failed and were inconclusive; exit 1 if any run of any scenario did not pass.
  provision-sheet --profile <file>
        print (Markdown) the DNs, options and addresses an external SUT must be configured with.
  certificate
        re-render reports/conformance.html from reports/conformance.json; exit 0 when the
        report certifies (every requirement passed or not applicable), 1 otherwise.

environment: GIR_MUTANT, GIR_LOADER=tsx|ts-node, GIR_PORT_BASE, GIR_PORT_BLOCK, GIR_KEEP_ARTIFACTS=1,
  GIR_REPORTS_DIR, GIR_HARNESS_STALL_MS=<ms> (self-test: block the harness's event loop before each
  hang-up and pause)`;

/** Takes `--profile <file>` out of the arguments (the rest go to cucumber unchanged). */
function takeProfile(args: string[]): string | undefined {
  const at = args.indexOf('--profile');
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  if (!value) throw new Error('--profile needs a file');
  return resolve(value);
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      console.log(HELP);
      return 0;
    case 'run': {
      const profile = takeProfile(args);
      const repeat = takeRepeat(args);
      if (repeat !== undefined) {
        const repeated = await runRepeated(repeat, args, profile ? { ...process.env, GIR_PROFILE: profile } : process.env);
        console.log(formatRepeatTable(repeated));
        return repeated.exitCode;
      }
      const outcome = await runConformance(args, profile ? { ...process.env, GIR_PROFILE: profile } : process.env);
      console.log(closingLines(outcome).join('\n'));
      return outcome.exitCode;
    }
    case 'provision-sheet': {
      const path = takeProfile(args);
      if (!path) throw new Error('provision-sheet needs --profile <file>');
      console.log(renderProvisionSheet(loadProfile(path).profile, path));
      return 0;
    }
    case 'certificate': {
      const reportPath = join(PROJECT_ROOT, 'reports', 'conformance.json');
      const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ConformanceReport;
      report.summary.inconclusive ??= 0; // a conformance.json written before that status existed
      writeFileSync(join(PROJECT_ROOT, 'reports', 'conformance.html'), renderConformanceHtml(report));
      console.log(`${summaryLine(report)}\n${isCertifiable(report) ? 'certifiable' : 'not certifiable'}`);
      return isCertifiable(report) ? 0 : 1;
    }
    default:
      throw new Error(`unknown command "${command}"; see --help`);
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof ProfileError ? error.message : `gir-conformance: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
