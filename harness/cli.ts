/**
 * `npx gir-conformance <command>`: the harness for QA, CI and vendors.
 *   run [--profile <file>] [cucumber args]   the conformance suite (as npm run conformance)
 *   provision-sheet --profile <file>         what an external SUT's owner configures
 *   certificate                              reports/certificate.json (and conformance.html) from conformance.json
 */
import { join, resolve } from 'node:path';
import { loadProfile, ProfileError } from '../profiles/load-profile';
import { closingLines, runConformance } from './conformance-run';
import { writeCertificate } from './certificate-command';
import { PROJECT_ROOT } from './lib/cucumber-process';
import { renderProvisionSheet, renderProvisionSheetCsv } from './provision-sheet';
import { formatRepeatTable, runRepeated, takeRepeat } from './repeat-run';
import { takeRejudge } from './rejudge-inconclusive';

const ENVIRONMENT = `environment: GIR_MUTANT, GIR_LOADER=tsx|ts-node, GIR_PORT_BASE, GIR_PORT_BLOCK, GIR_KEEP_ARTIFACTS=1,
  GIR_REPORTS_DIR (default reports), GIR_SUT_START_TIMEOUT_MS (a process or container SUT's start, default 30000),
  GIR_HARNESS_STALL_MS=<ms> (self-test: block the harness's event loop before each hang-up and pause)`;

const COMMAND_HELP: Record<string, string> = {
  run: `run [--profile <file>] [--report-dir <dir>] [--repeat N] [--rejudge N] [--tags <expr>] [--parallel N] [feature paths] [cucumber-js args]
        run the conformance suite; without --profile, the reference self-test of both roles.
        Feature paths (features/selective, features/screen/follows-voice.feature:12) select
        what runs, as tags and --name do.
        Writes the reports (cucumber.html, junit.xml, messages.ndjson, conformance.json/.html) to
        --report-dir (default GIR_REPORTS_DIR, else reports/). Exit 0: every scenario passed;
        1: a scenario failed or was inconclusive, or none matched; 2: the run could not be made
        (invalid profile, unreachable SUT, an SUT process that died at start, no
        container engine for a container SUT: one line says why).
        --repeat N: run the selection N times (each a fresh run) and print per scenario how many
        runs passed, failed and were inconclusive; exit 1 if any run of any scenario did not pass.
        --rejudge N (default 2): a scenario that ends inconclusive (the harness was too late to
        judge it) runs again, in a fresh process, up to N more times; a failed one never does.
        Earlier attempts stay in the reports (reports/rejudged/<n>/, "Run again" in
        conformance.html). --rejudge 0: an inconclusive scenario stays so.`,
  'provision-sheet': `provision-sheet --profile <file> [--format markdown|csv]
        print the DNs, options and addresses an external SUT must be configured with (Markdown,
        or CSV with one row per directory entry for a provisioning tool).`,
  certificate: `certificate [--report-dir <dir>]
        from <dir>/conformance.json (default GIR_REPORTS_DIR, else reports/): re-render
        conformance.html and write certificate.json beside it (harness name, version and git
        revision; each profile's path and sha256; each SUT's name, version and role; the date; per
        ID the status, scenarios and reasons; certifiable). Exit 0 when it certifies (every ID
        passed, or not applicable with a reason), 1 when not, 2 when there is no report.`,
};

const HELP = `usage: npx gir-conformance <command> [options]    (<command> --help: that command alone)

commands:
  ${Object.values(COMMAND_HELP).join('\n  ')}

${ENVIRONMENT}`;

/** Takes `<flag> <value>` out of the arguments (the rest go to cucumber unchanged). */
function takeOption(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  if (!value) throw new Error(`${flag} needs a value`);
  return value;
}

function takeProfile(args: string[]): string | undefined {
  const path = takeOption(args, '--profile');
  return path === undefined ? undefined : resolve(path);
}

/** The reports folder of a command: --report-dir, else GIR_REPORTS_DIR, else reports/. */
function reportsDir(args: string[]): string {
  const given = takeOption(args, '--report-dir') ?? process.env.GIR_REPORTS_DIR;
  return given ? resolve(given) : join(PROJECT_ROOT, 'reports');
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (command && COMMAND_HELP[command] && (args.includes('--help') || args.includes('-h'))) {
    console.log(`usage: npx gir-conformance ${COMMAND_HELP[command]}\n\n${ENVIRONMENT}`);
    return 0;
  }
  switch (command) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      console.log(HELP);
      return 0;
    case 'run': {
      const profile = takeProfile(args);
      const env = { ...process.env, GIR_REPORTS_DIR: reportsDir(args), ...(profile ? { GIR_PROFILE: profile } : {}) };
      const repeat = takeRepeat(args);
      const rejudge = takeRejudge(args);
      if (repeat !== undefined) {
        const repeated = await runRepeated(repeat, args, env, undefined, { rejudge });
        console.log(formatRepeatTable(repeated));
        return repeated.exitCode;
      }
      const outcome = await runConformance(args, env, { rejudge });
      console.log(closingLines(outcome).join('\n'));
      return outcome.exitCode;
    }
    case 'provision-sheet': {
      const path = takeProfile(args);
      if (!path) throw new Error('provision-sheet needs --profile <file>');
      const format = takeOption(args, '--format') ?? 'markdown';
      if (format !== 'markdown' && format !== 'csv') throw new Error(`--format ${format}: markdown or csv`);
      const { profile } = loadProfile(path);
      console.log(format === 'csv' ? renderProvisionSheetCsv(profile) : renderProvisionSheet(profile, path));
      return 0;
    }
    case 'certificate': {
      const { lines, certifiable } = writeCertificate(reportsDir(args));
      console.log(lines.join('\n'));
      return certifiable ? 0 : 1;
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
