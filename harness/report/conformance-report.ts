import { isOwnedBy } from '../requirements/catalogue';
import { OWNER_OF_ROLE, Requirement, SutRole } from '../requirements/requirement';
import { ScenarioInfo } from './feature-scenarios';
import { ScenarioStatus } from './run-results';
import { EvidenceFile } from './scenario-evidence';
import { StepFailure } from './step-failure';

export type RequirementStatus = 'passed' | 'failed' | 'inconclusive' | 'notRun' | 'notApplicable' | 'uncovered';
export const REQUIREMENT_STATUSES: readonly RequirementStatus[] = ['passed', 'failed', 'inconclusive', 'notRun', 'notApplicable', 'uncovered'];

export interface ConformanceRun {
  role: SutRole;
  sut: { name: string; version: string };
  profile: { path: string; sha256: string };
  startedAt: string;
}

export interface ScenarioResult {
  /** Feature path and line(s): the scenario's stable name. */
  key: string;
  name: string;
  uri: string;
  role: SutRole;
  status: ScenarioStatus | 'notRun';
  /** Why it failed or was inconclusive: the first such step and its first failing check. */
  failure?: StepFailure;
  /** Its files under reports/scenarios/, as links relative to the reports folder. */
  evidence?: EvidenceFile[];
  /** The attempts before the final one, when it was inconclusive and ran again (oldest first). */
  earlierAttempts?: ScenarioAttempt[];
}

/** One attempt of a scenario that was not its last: what it ended as, why, and what it kept. */
export interface ScenarioAttempt {
  status: ScenarioStatus;
  failure?: StepFailure;
  evidence?: EvidenceFile[];
}

export interface RequirementResult {
  id: string;
  title: string;
  owner: string;
  scenarios: ScenarioResult[];
  status: RequirementStatus;
  reason?: string;
}

export interface ConformanceReport {
  /** revision and dirty: the git state the run was made with (absent in reports of older harnesses). */
  harness: { name: string; version: string; revision?: string; dirty?: boolean };
  runs: ConformanceRun[];
  requirements: RequirementResult[];
  summary: Record<RequirementStatus, number>;
}

// When roles disagree, the worse status stands for the ID.
const SEVERITY: RequirementStatus[] = ['passed', 'notRun', 'uncovered', 'inconclusive', 'failed'];

export function buildConformanceReport(input: {
  harness: ConformanceReport['harness'];
  runs: ConformanceRun[];
  catalogue: Requirement[];
  scenarios: ScenarioInfo[];
  statuses: Map<string, ScenarioStatus>;
  /** By scenario key: why a failed or inconclusive scenario was so. */
  failures?: Map<string, StepFailure>;
  /** By scenario key: the evidence its final attempt kept. */
  evidence?: Map<string, EvidenceFile[]>;
  /** By scenario key: the attempts before the final one (inconclusive scenarios run again). */
  earlier?: Map<string, ScenarioAttempt[]>;
}): ConformanceReport {
  const runRoles = new Set(input.runs.map((run) => run.role));
  const requirements = input.catalogue.map((requirement): RequirementResult => {
    const scenarios = input.scenarios
      .filter((scenario) => scenario.requirementIds.includes(requirement.id))
      .map((scenario): ScenarioResult => {
        const failure = input.failures?.get(scenario.key);
        const evidence = input.evidence?.get(scenario.key);
        const earlierAttempts = input.earlier?.get(scenario.key);
        return {
          key: scenario.key,
          name: scenario.name,
          uri: scenario.uri,
          role: scenario.role,
          status: input.statuses.get(scenario.key) ?? 'notRun',
          ...(failure ? { failure } : {}),
          ...(evidence?.length ? { evidence } : {}),
          ...(earlierAttempts?.length ? { earlierAttempts } : {}),
        };
      });
    const base = { id: requirement.id, title: requirement.text, owner: requirement.owners.join(', '), scenarios };
    const roles = [...runRoles].filter((role) => isOwnedBy(requirement, role));
    if (roles.length === 0) {
      const checked = [...runRoles].map((role) => `${role} (${OWNER_OF_ROLE[role]})`).join(' and ');
      return { ...base, status: 'notApplicable', reason: `owned by ${base.owner}; this run checks ${checked}` };
    }
    const perRole = roles.map((role) => roleVerdict(requirement.id, role, scenarios.filter((s) => s.role === role)));
    const worst = perRole.reduce((a, b) => (SEVERITY.indexOf(b.status) > SEVERITY.indexOf(a.status) ? b : a));
    return { ...base, status: worst.status, ...(worst.reason ? { reason: worst.reason } : {}) };
  });
  const summary = Object.fromEntries(REQUIREMENT_STATUSES.map((status) => [status, 0])) as Record<RequirementStatus, number>;
  for (const requirement of requirements) summary[requirement.status]++;
  return { harness: input.harness, runs: input.runs, requirements, summary };
}

function roleVerdict(
  id: string,
  role: SutRole,
  scenarios: RequirementResult['scenarios'],
): { status: RequirementStatus; reason?: string } {
  if (scenarios.length === 0) return { status: 'uncovered', reason: `no ${role} scenario is tagged @${id}` };
  const failed = scenarios.filter((s) => s.status === 'failed');
  if (failed.length > 0) return { status: 'failed', reason: reasonOf(failed) };
  // None failed, but one could not be judged: the SUT is not blamed, and the ID is not passed.
  const inconclusive = scenarios.filter((s) => s.status === 'inconclusive');
  if (inconclusive.length > 0) return { status: 'inconclusive', reason: `the harness could not judge (the SUT is not blamed): ${reasonOf(inconclusive)}` };
  if (scenarios.some((s) => s.status === 'passed')) return { status: 'passed' };
  return { status: 'notRun', reason: `none of the ${scenarios.length} ${role} scenario(s) ran (filtered out or skipped)` };
}

/** "<scenario>: <first failing check>", and how many more scenarios did the same. */
function reasonOf(scenarios: RequirementResult['scenarios']): string {
  const [first] = scenarios;
  const more = scenarios.length > 1 ? ` (and ${scenarios.length - 1} more scenario(s))` : '';
  return `${first.name}: ${first.failure?.check ?? first.status}${more}`;
}

/** True when the report may stand as a certificate: every ID passed or not applicable with a reason. */
export function isCertifiable(report: ConformanceReport): boolean {
  return report.requirements.every((r) => r.status === 'passed' || (r.status === 'notApplicable' && !!r.reason));
}
