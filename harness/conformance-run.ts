import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { DEFAULT_PROFILE_PATH, LoadedProfile, loadProfile } from '../profiles/load-profile';
import { loadCatalogue } from './requirements/catalogue';
import { SutRole } from './requirements/requirement';
import { buildConformanceReport, ConformanceReport, ConformanceRun } from './report/conformance-report';
import { renderConformanceHtml } from './report/conformance-html';
import { loadFeatureScenarios, RECORDER_TAG } from './report/feature-scenarios';
import { PROJECT_ROOT, runCucumberProcess } from './lib/cucumber-process';
import { TestCounts } from './lib/test-counts';

const ROOT = PROJECT_ROOT;
/** The profiles of the reference self-test, one per role (the recorder role comes with its profile). */
export const DEFAULT_PROFILE_PATHS = [DEFAULT_PROFILE_PATH, join(ROOT, 'profiles', 'recorder.yaml')].filter(existsSync);

export interface ConformanceOutcome {
  exitCode: number;
  scenarios: TestCounts;
  report: ConformanceReport;
  /** Each scenario that ran, by scenario key (file:line), with its status. */
  statuses: ReadonlyMap<string, string>;
}

/** A run that cannot start at all (bad profile, two profiles for one role): one clear line, exit 2. */
export class RunSetupError extends Error {}

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
 * profile by its role), then writes reports/conformance.json and .html from the message stream.
 */
export async function runConformance(
  cucumberArgs: string[],
  env: NodeJS.ProcessEnv = process.env,
  options: { quiet?: boolean } = {},
): Promise<ConformanceOutcome> {
  const profiles = profilesForRun(env);
  const roles = profiles.map((p) => p.profile.sut.role);
  const reports = join(ROOT, 'reports');
  for (const file of ['conformance.json', 'conformance.html']) rmSync(join(reports, file), { force: true });
  const roleTags = roleTagExpression(roles);
  const loadTags = loadTagExpression(cucumberArgs);
  const profileByRole = Object.fromEntries(profiles.map((p) => [p.profile.sut.role, p.path]));
  const startedAt = new Date().toISOString();
  const { exitCode: cucumberExit, results } = await runCucumberProcess({
    // Cucumber joins repeated --tags with "and".
    args: [...(roleTags ? ['--tags', roleTags] : []), ...(loadTags ? ['--tags', loadTags] : []), ...cucumberArgs],
    reportsDir: reports,
    env: { ...env, GIR_PROFILES: JSON.stringify(profileByRole) },
    quiet: options.quiet,
  });
  const runs: ConformanceRun[] = profiles.map((p) => ({
    role: p.profile.sut.role,
    sut: { name: p.profile.sut.name, version: p.profile.sut.version },
    profile: { path: displayPath(p.path), sha256: p.sha256 },
    startedAt: results.startedAt ?? startedAt,
  }));
  const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const report = buildConformanceReport({
    harness: { name: packageJson.name, version: packageJson.version },
    runs,
    catalogue: loadCatalogue(),
    scenarios: loadFeatureScenarios(ROOT),
    statuses: results.statuses,
  });
  writeFileSync(join(reports, 'conformance.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(reports, 'conformance.html'), renderConformanceHtml(report));
  const scenarios: TestCounts = { passed: 0, failed: 0, skipped: 0 };
  for (const status of results.statuses.values()) {
    if (status === 'passed') scenarios.passed++;
    else if (status === 'failed') scenarios.failed++;
    else scenarios.skipped++;
  }
  // A filter that matches nothing (a misspelt tag) must not pass a gate with nothing checked.
  const nothingRan = results.statuses.size === 0;
  if (nothingRan) console.error(`gir-conformance: no scenario matched ${cucumberArgs.length ? `"${cucumberArgs.join(' ')}"` : 'this run'}: nothing was checked`);
  // Cucumber's own exit code also catches what the message stream cannot (a crash between scenarios).
  const failed = nothingRan || cucumberExit !== 0 || scenarios.failed > 0 || report.summary.failed > 0;
  if (failed && scenarios.failed === 0) scenarios.failed = 1;
  return { exitCode: failed ? 1 : 0, scenarios, report, statuses: results.statuses };
}

/** Profile paths inside the project are reported relative to it, so reports compare across machines. */
function displayPath(path: string): string {
  const inside = relative(ROOT, path);
  return inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}

export function summaryLine(report: ConformanceReport): string {
  const s = report.summary;
  return `requirements: ${s.passed} passed, ${s.failed} failed, ${s.notRun} notRun, ${s.notApplicable} notApplicable, ${s.uncovered} uncovered (reports/conformance.html)`;
}
