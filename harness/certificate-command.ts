import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCertificate } from './report/certificate';
import { ConformanceReport } from './report/conformance-report';
import { renderConformanceHtml } from './report/conformance-html';
import { gitRevision } from './lib/git-revision';
import { PROJECT_ROOT } from './lib/cucumber-process';
import { RunSetupError } from './run-setup-error';
import { summaryLine } from './conformance-run';

/**
 * `npx gir-conformance certificate`: from <reports>/conformance.json, re-renders conformance.html
 * and writes certificate.json beside it. Returns the lines to print and whether it certifies.
 */
export function writeCertificate(reportsDir: string, now = new Date()): { lines: string[]; certifiable: boolean } {
  const reportPath = join(reportsDir, 'conformance.json');
  if (!existsSync(reportPath)) throw new RunSetupError(`no ${reportPath}: run the suite first (npx gir-conformance run)`);
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ConformanceReport;
  report.summary.inconclusive ??= 0; // a conformance.json written before that status existed
  writeFileSync(join(reportsDir, 'conformance.html'), renderConformanceHtml(report));
  const certificate = buildCertificate(report, gitRevision(PROJECT_ROOT), now);
  const certificatePath = join(reportsDir, 'certificate.json');
  writeFileSync(certificatePath, `${JSON.stringify(certificate, null, 2)}\n`);
  const dirty = certificate.harness.dirty ? ' (with uncommitted changes)' : '';
  return {
    certifiable: certificate.certifiable,
    lines: [
      summaryLine(report, reportsDir),
      `${certificatePath}: harness ${certificate.harness.name} ${certificate.harness.version} at ${certificate.harness.revision}${dirty}`,
      certificate.certifiable ? 'certifiable' : 'not certifiable (every ID must be passed, or notApplicable with a reason)',
    ],
  };
}
