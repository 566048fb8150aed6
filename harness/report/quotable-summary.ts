import { ConformanceReport, isCertifiable } from './conformance-report';

/** The verdict in a word or three: what a release manager decides on. */
export function verdictOf(report: ConformanceReport): string {
  if (report.summary.failed > 0) return 'Not conformant';
  if (isCertifiable(report)) return 'Conformant';
  return 'Incomplete';
}

/**
 * One sentence a release manager can quote: verdict, what was checked, every count, harness and
 * date. E.g. "Not conformant: gir-reference-sut 0.1.0 (call-control) — of 43 GIR requirements,
 * 6 passed, 1 failed, … (gir-conformance 0.1.0, run 2026-12-04 00:19 UTC)".
 */
export function quotableSummary(report: ConformanceReport): string {
  const s = report.summary;
  const suts = report.runs.map((run) => `${run.sut.name} ${run.sut.version} (${run.role})`).join(' and ');
  const total = report.requirements.length;
  const startedAt = report.runs[0]?.startedAt;
  const when = startedAt ? `, run ${startedAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  const notJudged = s.failed === 0 && !isCertifiable(report) ? ' (nothing failed, but not every requirement was judged)' : '';
  return `${verdictOf(report)}${notJudged}: ${suts} — of ${total} GIR requirements, ${s.passed} passed, ${s.failed} failed, ` +
    `${s.inconclusive} inconclusive, ${s.notRun} not run, ${s.notApplicable} not applicable, ${s.uncovered} uncovered ` +
    `(${report.harness.name} ${report.harness.version}${when}).`;
}
