import { isAbsolute, join, relative } from 'node:path';
import { ConformanceReport, RequirementStatus, ScenarioResult } from './conformance-report';
import { SCENARIOS_DIR } from './scenario-evidence';

/** The requirement families in catalogue order (REQUIREMENTS.md); an unknown one goes last. */
const FAMILIES = ['FT', 'SEL', 'DYN', 'PAD', 'SCR', 'MS', 'ROB'];
const COLUMNS: RequirementStatus[] = ['passed', 'failed', 'inconclusive', 'uncovered', 'notRun', 'notApplicable'];

/**
 * What a run ends with on the console, so nobody has to open a page to know: counts per
 * requirement family, where the reports are, and one line per failed or inconclusive scenario
 * with its IDs, its name and the first check that failed.
 */
export function formatRunSummary(report: ConformanceReport, reportsDir: string, cwd = process.cwd()): string {
  return [...familyTable(report), '', ...reportPaths(reportsDir, cwd), ...runAgainLines(report), ...scenarioLines(report, 'failed'), ...scenarioLines(report, 'inconclusive')].join('\n');
}

function familyTable(report: ConformanceReport): string[] {
  const familyOf = (id: string) => id.split('-')[0];
  const seen = [...new Set(report.requirements.map((r) => familyOf(r.id)))];
  const families = [...FAMILIES.filter((f) => seen.includes(f)), ...seen.filter((f) => !FAMILIES.includes(f))];
  const rows = families.map((family) => {
    const ids = report.requirements.filter((r) => familyOf(r.id) === family);
    return [family, ...COLUMNS.map((status) => String(ids.filter((r) => r.status === status).length))];
  });
  const table = [['family', ...COLUMNS], ...rows, ['all', ...COLUMNS.map((status) => String(report.summary[status]))]];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  return table.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd());
}

/** The reports folder as a reader at `cwd` would type it: relative when inside, else absolute. */
export function shownReportsDir(reportsDir: string, cwd = process.cwd()): string {
  const shown = relative(cwd, reportsDir);
  return shown === '' ? '.' : shown.startsWith('..') || isAbsolute(shown) ? reportsDir : shown;
}

function reportPaths(reportsDir: string, cwd: string): string[] {
  const dir = shownReportsDir(reportsDir, cwd);
  const at = (file: string) => join(dir, file);
  return [
    `reports: ${at('conformance.html')} (verdict per ID, why, evidence links), ${at('cucumber.html')} (every step, plots),`,
    `         ${at('junit.xml')}, ${at('conformance.json')}; evidence of failed scenarios under ${at(SCENARIOS_DIR)}/`,
  ];
}

/** One line per scenario (a scenario with several IDs is one line naming them all). */
function scenarioLines(report: ConformanceReport, status: 'failed' | 'inconclusive'): string[] {
  const byKey = scenariosByKey(report, (s) => s.status === status);
  if (byKey.size === 0) return [];
  const heading = status === 'failed' ? 'failed:' : 'inconclusive (the harness could not judge; the SUT is not blamed):';
  const lines = [...byKey.values()].map(({ ids, scenario }) =>
    `  ${ids.join(', ')}  ${scenario.name} (${scenario.key}) — ${scenario.failure?.check ?? 'no failing step was recorded'}`);
  return [heading, ...lines];
}

/** One line per scenario that was inconclusive and ran again: what it ended as, and the first attempt's check. */
function runAgainLines(report: ConformanceReport): string[] {
  const byKey = scenariosByKey(report, (s) => !!s.earlierAttempts?.length);
  if (byKey.size === 0) return [];
  const lines = [...byKey.values()].map(({ ids, scenario }) => {
    const earlier = scenario.earlierAttempts!;
    return `  ${ids.join(', ')}  ${scenario.name} (${scenario.key}) — ${scenario.status} on attempt ${earlier.length + 1}; attempt 1: ${earlier[0].failure?.check ?? earlier[0].status}`;
  });
  return ['run again (inconclusive at first: the harness was too late to judge):', ...lines];
}

/** The scenarios that `keep` selects, once each, with every ID they carry. */
function scenariosByKey(report: ConformanceReport, keep: (scenario: ScenarioResult) => boolean): Map<string, { ids: string[]; scenario: ScenarioResult }> {
  const byKey = new Map<string, { ids: string[]; scenario: ScenarioResult }>();
  for (const requirement of report.requirements) {
    for (const scenario of requirement.scenarios.filter(keep)) {
      const entry = byKey.get(scenario.key) ?? { ids: [], scenario };
      entry.ids.push(requirement.id);
      byKey.set(scenario.key, entry);
    }
  }
  return byKey;
}
