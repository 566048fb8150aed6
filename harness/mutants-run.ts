import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MS_MUTANTS } from '../simulators/media-server/mutants';
import { SUT_MUTANTS } from '../sut/reference/mutants';
import { profilesForRun, roleTagExpression, loadTagExpression } from './conformance-run';
import { PROJECT_ROOT, runCucumberProcess } from './lib/cucumber-process';
import { loadFeatureScenarios } from './report/feature-scenarios';
import { SutRole } from './requirements/requirement';

/** Reruns of a mutant whose scenarios were only inconclusive (harness lateness is usually passing). */
const INCONCLUSIVE_RERUNS = 2;

export interface MutantEntry {
  name: string;
  requirement: string;
  description: string;
  owner: 'SUT' | 'MS';
  role: SutRole;
}

export interface MutantResult {
  name: string;
  requirement: string;
  owner: 'SUT' | 'MS';
  killed: boolean;
  byScenario: string[];
  scenariosRun: number;
  /** Not killed, and scenarios the harness could not judge (its own lateness): neither a kill nor a survival. */
  inconclusive?: string[];
}

export interface MutantsReport {
  mutants: MutantResult[];
  score: number;
}

/** Every mutant of both roles: SUT mutants die in call-control scenarios, MS mutants in @recorder ones. */
export function allMutants(): MutantEntry[] {
  return [
    ...SUT_MUTANTS.map((m) => ({ ...m, owner: 'SUT' as const, role: 'call-control' as const })),
    ...MS_MUTANTS.map((m) => ({ ...m, owner: 'MS' as const, role: 'recorder' as const })),
  ];
}

/**
 * Runs, for each mutant, only the scenarios of its role tagged with its requirement, stopping at
 * the first failure (the mutant is killed). A mutant no scenario fails is a hole in the suite.
 */
export async function runMutants(names: string[], options: { parallel: number; env?: NodeJS.ProcessEnv }): Promise<MutantsReport> {
  const env = options.env ?? process.env;
  const known = allMutants();
  const unknown = names.filter((name) => !known.some((m) => m.name === name));
  if (unknown.length > 0) throw new Error(`unknown mutant(s) ${unknown.join(', ')}; known: ${known.map((m) => m.name).join(', ')}`);
  const selected = names.length > 0 ? known.filter((m) => names.includes(m.name)) : known;
  const profiles = profilesForRun({ ...env, GIR_PROFILE: '' });
  const profileByRole = Object.fromEntries(profiles.map((p) => [p.profile.sut.role, p.path]));
  const scenarioNames = new Map(loadFeatureScenarios(PROJECT_ROOT).map((s) => [s.key, s.name]));
  const results: MutantResult[] = [];
  for (const [index, mutant] of selected.entries()) {
    console.log(`\n== mutant ${index + 1}/${selected.length}: ${mutant.name} (${mutant.requirement}: ${mutant.description})`);
    if (!profileByRole[mutant.role]) throw new Error(`mutant ${mutant.name} needs a ${mutant.role} profile; this run has ${Object.keys(profileByRole).join(', ')}`);
    const runOnce = async (failFast: boolean) => (await runCucumberProcess({
      args: [
        // @load scenarios take minutes; the default suite's kill a mutant or none will.
        '--tags', `@${mutant.requirement} and ${roleTagExpression([mutant.role])} and ${loadTagExpression([])}`,
        ...(failFast ? ['--fail-fast'] : []),
        ...(options.parallel > 1 ? ['--parallel', String(options.parallel)] : []),
      ],
      reportsDir: join(PROJECT_ROOT, 'reports', 'mutants', mutant.name),
      env: { ...env, GIR_MUTANT: mutant.name, GIR_PROFILES: JSON.stringify(profileByRole), GIR_CONSOLE_FORMAT: 'progress' },
      quiet: true,
    })).results;
    const named = (statuses: ReadonlyMap<string, string>, wanted: string) =>
      [...statuses].filter(([, status]) => status === wanted).map(([key]) => scenarioNames.get(key) ?? key);
    let run = await runOnce(true);
    // An inconclusive scenario stops --fail-fast as a failure would, but kills nothing: the harness was
    // too late to judge it. Run every tagged scenario again (at most twice) before calling the mutant
    // anything: a kill needs a failure, and a mutant no run could judge is reported as such.
    for (let again = 0; again < INCONCLUSIVE_RERUNS && named(run.statuses, 'failed').length === 0 && named(run.statuses, 'inconclusive').length > 0; again++) {
      console.log(`   inconclusive (${named(run.statuses, 'inconclusive').join('; ')}): running its scenarios again`);
      run = await runOnce(false);
    }
    const failed = named(run.statuses, 'failed');
    const inconclusive = named(run.statuses, 'inconclusive');
    const result: MutantResult = {
      name: mutant.name, requirement: mutant.requirement, owner: mutant.owner,
      killed: failed.length > 0, byScenario: failed, scenariosRun: run.statuses.size,
      ...(failed.length === 0 && inconclusive.length > 0 ? { inconclusive } : {}),
    };
    const log = join('reports', 'mutants', mutant.name, 'console.log');
    console.log(
      result.killed ? `   killed by: ${failed.join('; ')}`
        : inconclusive.length > 0 ? `   NOT JUDGED: the harness was too late to judge ${inconclusive.join('; ')} (see ${log})`
          : `   SURVIVED (${run.statuses.size} scenario(s) ran, none failed; see ${log})`,
    );
    results.push(result);
  }
  const report: MutantsReport = { mutants: results, score: results.length ? results.filter((r) => r.killed).length / results.length : 1 };
  mkdirSync(join(PROJECT_ROOT, 'reports'), { recursive: true });
  writeFileSync(join(PROJECT_ROOT, 'reports', 'mutants.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
