import { ConformanceReport, isCertifiable, RequirementStatus } from './conformance-report';

const COLOURS: Record<RequirementStatus, string> = {
  passed: '#1a7f37', failed: '#cf222e', inconclusive: '#bc4c00', notRun: '#9a6700', notApplicable: '#57606a', uncovered: '#8250df',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function badge(status: string): string {
  const colour = COLOURS[status as RequirementStatus] ?? '#57606a';
  return `<span class="badge" style="background:${colour}">${escapeHtml(status)}</span>`;
}

/** The vendor-facing certificate: one page, verdict first, then every requirement ID. */
export function renderConformanceHtml(report: ConformanceReport): string {
  const certifiable = isCertifiable(report);
  const runs = report.runs
    .map((run) => `<li><b>${escapeHtml(run.role)}</b>: ${escapeHtml(run.sut.name)} ${escapeHtml(run.sut.version)} — profile <code>${escapeHtml(run.profile.path)}</code> (sha256 ${run.profile.sha256.slice(0, 12)}…), started ${escapeHtml(run.startedAt)}</li>`)
    .join('\n');
  const summary = (Object.keys(report.summary) as RequirementStatus[])
    .map((status) => `${badge(status)} ${report.summary[status]}`)
    .join(' &nbsp; ');
  const rows = report.requirements
    .map((r) => {
      const scenarios = r.scenarios.map((s) => `${badge(s.status)} ${escapeHtml(s.name)} <small>(${escapeHtml(s.role)}, ${escapeHtml(s.uri)})</small>`).join('<br>');
      return `<tr><td><b>${r.id}</b></td><td>${badge(r.status)}${r.reason ? `<br><small>${escapeHtml(r.reason)}</small>` : ''}</td><td>${escapeHtml(r.owner)}</td><td>${escapeHtml(r.title)}</td><td>${scenarios || '—'}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GIR conformance — ${escapeHtml(report.runs.map((r) => r.sut.name).join(', '))}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#1f2328}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #d0d7de;padding:6px;vertical-align:top;text-align:left}
.badge{color:#fff;border-radius:4px;padding:1px 6px;font-size:.85em}.verdict{font-size:1.4em;padding:.5em;border-radius:6px;color:#fff}
</style></head><body>
<h1>Genesys Interaction Recording — conformance</h1>
<p class="verdict" style="background:${certifiable ? COLOURS.passed : COLOURS.failed}">${certifiable ? 'Conformant: every requirement passed or is not applicable' : 'Not conformant: see the requirements below that are not passed'}</p>
<p>${escapeHtml(report.harness.name)} ${escapeHtml(report.harness.version)}</p>
<ul>${runs}</ul>
<p>${summary}</p>
<table><thead><tr><th>ID</th><th>status</th><th>owner</th><th>requirement</th><th>scenarios</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}
