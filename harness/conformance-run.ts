import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { DEFAULT_PROFILE_PATH, LoadedProfile, loadProfile } from '../profiles/load-profile';
import { loadCatalogue } from './requirements/catalogue';
import { SutRole } from './requirements/requirement';
import { buildConformanceReport, ConformanceReport, ConformanceRun, ScenarioAttempt } from './report/conformance-report';
import { renderConformanceHtml } from './report/conformance-html';
import { loadFeatureScenarios, RECORDER_TAG } from './report/feature-scenarios';
import { EvidenceFile, readScenarioEvidence } from './report/scenario-evidence';
import { PROJECT_ROOT, runCucumberProcess } from './lib/cucumber-process';
import { FEATURE_PATHS_ENV, splitFeaturePaths } from './lib/feature-paths';
import { formatCounts, formatInconclusive, NO_TESTS, TestCounts } from './lib/test-counts';
import { formatRunSummary, shownReportsDir } from './report/run-summary';
import { RunSetupError } from './run-setup-error';
import { gitRevision } from './lib/git-revision';
import { checkSutsBeforeRun } from './sut-preflight';
import { cucumberLocationOf, EarlierAttempt, rejudgeInconclusive } from './rejudge-inconclusive';

const ROOT = PROJECT_ROOT;
/** The profiles of the reference self-test, one per role (the recorder role comes with its profile). */
export const DEFAULT_PROFILE_PATHS = [DEFAULT_PROFILE_PATH, join(ROOT, 'profiles', 'recorder.yaml')].filter(existsSync);

export interface ConformanceOutcome {
  exitCode: number;
  /** Where the reports were written (GIR_REPORTS_DIR, default reports/). */
  reportsDir: string;
  scenarios: TestCounts;
  report: ConformanceReport;
  /** Each scenario that ran, by scenario key (file:line), with its status. */
  statuses: ReadonlyMap<string, string>;
  /** The first failing (or inconclusive) check of each scenario that did not pass. */
  checks: ReadonlyMap<string, string>;
  /** Scenarios run again because they were inconclusive: their earlier attempts, by scenario key. */
  rejudged: ReadonlyMap<string, EarlierAttempt[]>;
}

/** How many more times an inconclusive scenario runs before it stays inconclusive (--rejudge N). */
export const DEFAULT_REJUDGE = 2;
/** Where the runs again keep their reports: <reports>/rejudged/<pass>/. */
const REJUDGED_DIR = 'rejudged';

export { RunSetupError };

/** Loads the profiles of a run: GIR_PROFILE alone, else the defaults of both roles. */
export function profilesForRun(env: NodeJS.ProcessEnv = process.env): LoadedProfile[] {
  const paths = env.GIR_PROFILE ? [env.GIR_PROFILE] : DEFAULT_PROFILE_PATHS;
  const profiles = paths.map((path) => loadProfile(path));
  const roles = profiles.map((p) => p.profile.sut.role);
  if (new Set(roles).size !== roles.length) throw new RunSetupError(`two profiles for one role: ${paths.join(', ')}`);
  return profiles;
}

/** The tag expression that keeps a run to the scenarios of its roles. */
export function roleTagExpression(roles: SutRole[]): string | undefined {
  const set = new Set(roles);
  if (set.has('call-control') && set.has('recorder')) return undefined;
  return set.has('recorder') ? RECORDER_TAG : `not ${RECORDER_TAG}`;
}

/** @load scenarios take minutes: they run only when the arguments name @load (e.g. --tags @load). */
export function loadTagExpression(cucumberArgs: string[]): string | undefined {
  return cucumberArgs.some((arg) => /@load\b/.test(arg)) ? undefined : `not ${LOAD_TAG}`;
}

const LOAD_TAG = '@load';

/**
 * Runs Cucumber once over the scenarios of every role of the run (the World picks each scenario's
 * profile by its role), then writes reports/conformance.json and .html from the message stream and
 * the evidence the scenarios kept under reports/scenarios/. GIR_REPORTS_DIR moves reports/.
 */
export async function runConformance(
  cucumberArgs: string[],
  env: NodeJS.ProcessEnv = process.env,
  options: {
    /** Cucumber's console output to <reports>/console.log instead of the terminal. */
    quiet?: boolean;
    /** How many more times an inconclusive scenario may run (default DEFAULT_REJUDGE; 0: never). */
    rejudge?: number;
  } = {},
): Promise<ConformanceOutcome> {
  const profiles = profilesForRun(env);
  const reports = env.GIR_REPORTS_DIR ? resolve(env.GIR_REPORTS_DIR) : join(ROOT, 'reports');
  await checkSutsBeforeRun(profiles, env, reports, cucumberArgs);
  const roles = profiles.map((p) => p.profile.sut.role);
  for (const file of ['conformance.json', 'conformance.html']) rmSync(join(reports, file), { force: true });
  rmSync(join(reports, REJUDGED_DIR), { recursive: true, force: true });
  const roleTags = roleTagExpression(roles);
  const loadTags = loadTagExpression(cucumberArgs);
  const profileByRole = Object.fromEntries(profiles.map((p) => [p.profile.sut.role, p.path]));
  const startedAt = new Date().toISOString();
  const featurePaths = splitFeaturePaths(cucumberArgs);
  const filterArgs = [...(roleTags ? ['--tags', roleTags] : []), ...(loadTags ? ['--tags', loadTags] : []), ...featurePaths.rest];
  const runEnv = { ...env, GIR_PROFILES: JSON.stringify(profileByRole) };
  const first = await runCucumberProcess({
    // Cucumber joins repeated --tags with "and".
    args: filterArgs,
    reportsDir: reports,
    env: { ...runEnv, ...(featurePaths.paths.length ? { [FEATURE_PATHS_ENV]: JSON.stringify(featurePaths.paths) } : {}) },
    quiet: options.quiet,
  });
  const passDirs = [reports];
  const { results, earlier, unexplainedExits } = await rejudgeInconclusive(first, options.rejudge ?? DEFAULT_REJUDGE, async (keys, pass) => {
    const passDir = join(reports, REJUDGED_DIR, String(pass));
    passDirs.push(passDir);
    console.error(`gir-conformance: ${keys.length} inconclusive scenario(s) run again (${pass}), the harness having been too late to judge them: ${keys.join(', ')}`);
    return runCucumberProcess({ args: filterArgs, reportsDir: passDir, env: { ...runEnv, [FEATURE_PATHS_ENV]: JSON.stringify(keys.map(cucumberLocationOf)) }, quiet: options.quiet });
  });
  for (const why of unexplainedExits) console.error(`gir-conformance: ${why}`);
  const runs: ConformanceRun[] = profiles.map((p) => ({
    role: p.profile.sut.role,
    sut: { name: p.profile.sut.name, version: p.profile.sut.version },
    profile: { path: displayPath(p.path), sha256: p.sha256 },
    startedAt: results.startedAt ?? startedAt,
  }));
  const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const evidenceByAttempt = evidenceOfPasses(reports, passDirs);
  const report = buildConformanceReport({
    harness: { name: packageJson.name, version: packageJson.version, ...gitRevision(ROOT) },
    runs,
    catalogue: loadCatalogue(),
    scenarios: loadFeatureScenarios(ROOT),
    statuses: results.statuses,
    failures: results.failures,
    evidence: evidenceOfFinalAttempts(results.attempts, evidenceByAttempt),
    earlier: earlierWithEvidence(earlier, evidenceByAttempt),
  });
  writeFileSync(join(reports, 'conformance.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(reports, 'conformance.html'), renderConformanceHtml(report));
  const scenarios: TestCounts = { ...NO_TESTS };
  for (const status of results.statuses.values()) {
    if (status === 'passed') scenarios.passed++;
    else if (status === 'failed') scenarios.failed++;
    else if (status === 'inconclusive') {
      scenarios.failed++; // a test that did not pass, whoever is to blame
      scenarios.inconclusive++;
    } else scenarios.skipped++;
  }
  // A filter that matches nothing (a misspelt tag) must not pass a gate with nothing checked.
  const nothingRan = results.statuses.size === 0;
  if (nothingRan) console.error(`gir-conformance: no scenario matched ${cucumberArgs.length ? `"${cucumberArgs.join(' ')}"` : 'this run'}: nothing was checked`);
  // Cucumber's own end also catches what the scenarios cannot (a crash between scenarios).
  const failed = nothingRan || unexplainedExits.length > 0 || scenarios.failed > 0 || report.summary.failed > 0 || report.summary.inconclusive > 0;
  if (failed && scenarios.failed === 0) scenarios.failed = 1;
  return {
    exitCode: failed ? 1 : 0, reportsDir: reports, scenarios, report, statuses: results.statuses,
    checks: new Map([...results.failures].map(([key, f]) => [key, f.check])), rejudged: earlier,
  };
}

/** Every kept evidence folder of the run and its runs again, by attempt; paths relative to `reports`. */
function evidenceOfPasses(reports: string, passDirs: string[]): Map<string, EvidenceFile[]> {
  const byAttempt = new Map<string, EvidenceFile[]>();
  for (const dir of passDirs) {
    const prefix = relative(reports, dir).split(/[\\/]/).filter(Boolean).join('/');
    for (const [attempt, files] of readScenarioEvidence(dir)) {
      byAttempt.set(attempt, files.map((file) => ({ ...file, path: prefix ? `${prefix}/${file.path}` : file.path })));
    }
  }
  return byAttempt;
}

/** By scenario key, the evidence folder of its final attempt (an earlier attempt's is not its). */
function evidenceOfFinalAttempts(attempts: Map<string, string>, byAttempt: Map<string, EvidenceFile[]>): Map<string, EvidenceFile[]> {
  const evidence = new Map<string, EvidenceFile[]>();
  for (const [key, attempt] of attempts) {
    const files = byAttempt.get(attempt);
    if (files) evidence.set(key, files);
  }
  return evidence;
}

function earlierWithEvidence(earlier: Map<string, EarlierAttempt[]>, byAttempt: Map<string, EvidenceFile[]>): Map<string, ScenarioAttempt[]> {
  return new Map([...earlier].map(([key, attempts]) => [key, attempts.map((a): ScenarioAttempt => ({
    status: a.status, ...(a.failure ? { failure: a.failure } : {}), ...(a.attempt && byAttempt.get(a.attempt)?.length ? { evidence: byAttempt.get(a.attempt) } : {}),
  }))]));
}

/** Profile paths inside the project are reported relative to it, so reports compare across machines. */
function displayPath(path: string): string {
  const inside = relative(ROOT, path);
  return inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}

/**
 * How a conformance run ends on the console: the run summary, the requirement counts, how many
 * of the failed were inconclusive (only when some were), and `N passed, N failed` last.
 */
export function closingLines(outcome: ConformanceOutcome): string[] {
  const inconclusive = formatInconclusive(outcome.scenarios);
  return [
    '', formatRunSummary(outcome.report, outcome.reportsDir), summaryLine(outcome.report, outcome.reportsDir),
    ...(inconclusive ? [inconclusive] : []), formatCounts(outcome.scenarios),
  ];
}

export function summaryLine(report: ConformanceReport, reportsDir: string): string {
  const s = report.summary;
  return `requirements: ${s.passed} passed, ${s.failed} failed, ${s.inconclusive} inconclusive, ${s.notRun} notRun, ${s.notApplicable} notApplicable, ${s.uncovered} uncovered (${join(shownReportsDir(reportsDir), 'conformance.html')})`;
}
