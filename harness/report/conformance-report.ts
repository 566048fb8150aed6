import { isOwnedBy } from '../requirements/catalogue';
import { OWNER_OF_ROLE, Requirement, SutRole } from '../requirements/requirement';
import { ScenarioInfo } from './feature-scenarios';
import { ScenarioStatus } from './run-results';

export type RequirementStatus = 'passed' | 'failed' | 'notRun' | 'notApplicable' | 'uncovered';

export interface ConformanceRun {
  role: SutRole;
  sut: { name: string; version: string };
  profile: { path: string; sha256: string };
  startedAt: string;
}

export interface RequirementResult {
  id: string;
  title: string;
  owner: string;
  scenarios: { name: string; uri: string; role: SutRole; status: ScenarioStatus | 'notRun' }[];
  status: RequirementStatus;
  reason?: string;
}

export interface ConformanceReport {
  harness: { name: string; version: string };
  runs: ConformanceRun[];
  requirements: RequirementResult[];
  summary: Record<RequirementStatus, number>;
}

// When roles disagree, the worse status stands for the ID.
const SEVERITY: RequirementStatus[] = ['passed', 'notRun', 'uncovered', 'failed'];

export function buildConformanceReport(input: {
  harness: { name: string; version: string };
  runs: ConformanceRun[];
  catalogue: Requirement[];
  scenarios: ScenarioInfo[];
  statuses: Map<string, ScenarioStatus>;
}): ConformanceReport {
  const runRoles = new Set(input.runs.map((run) => run.role));
  const requirements = input.catalogue.map((requirement): RequirementResult => {
    const scenarios = input.scenarios
      .filter((scenario) => scenario.requirementIds.includes(requirement.id))
      .map((scenario) => ({
        name: scenario.name,
        uri: scenario.uri,
        role: scenario.role,
        status: input.statuses.get(scenario.key) ?? ('notRun' as const),
      }));
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
  const summary: Record<RequirementStatus, number> = { passed: 0, failed: 0, notRun: 0, notApplicable: 0, uncovered: 0 };
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
  if (failed.length > 0) return { status: 'failed', reason: `failed: ${failed.map((s) => s.name).join('; ')}` };
  if (scenarios.some((s) => s.status === 'passed')) return { status: 'passed' };
  return { status: 'notRun', reason: `none of the ${scenarios.length} ${role} scenario(s) ran (filtered out or skipped)` };
}

/** True when the report may stand as a certificate: every ID passed or not applicable with a reason. */
export function isCertifiable(report: ConformanceReport): boolean {
  return report.requirements.every((r) => r.status === 'passed' || (r.status === 'notApplicable' && !!r.reason));
}
