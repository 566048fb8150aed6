import { ConformanceReport, REQUIREMENT_STATUSES, RequirementResult, RequirementStatus, ScenarioResult } from './conformance-report';
import { escapeHtml, hrefOf, inlineMarkdown } from './html-text';
import { quotableSummary, verdictOf } from './quotable-summary';
import { EvidenceFile, EvidenceKind } from './scenario-evidence';

const COLOURS: Record<RequirementStatus, string> = {
  passed: '#1a7f37', failed: '#cf222e', inconclusive: '#bc4c00', notRun: '#9a6700', notApplicable: '#57606a', uncovered: '#8250df',
};

const EVIDENCE_LABELS: Record<EvidenceKind, string> = {
  plot: 'recording plot', sipLadder: 'SIP ladder', metadata: 'metadata', wav: 'WAV', sipTrace: 'full SIP trace', other: 'file',
};

function badge(status: string): string {
  const colour = COLOURS[status as RequirementStatus] ?? '#57606a';
  return `<span class="badge" style="background:${colour}">${escapeHtml(status)}</span>`;
}

/** Links to a scenario's files, relative to the page (reports/): plot, ladder, metadata, WAV, trace. */
function evidenceLinks(files: readonly EvidenceFile[] | undefined): string {
  if (!files?.length) return '<span class="muted">no evidence kept</span>';
  const perKind = new Map<EvidenceKind, number>();
  for (const file of files) perKind.set(file.kind, (perKind.get(file.kind) ?? 0) + 1);
  const seen = new Map<EvidenceKind, number>();
  return files
    .map((file) => {
      const n = (seen.get(file.kind) ?? 0) + 1;
      seen.set(file.kind, n);
      const label = file.kind === 'other' ? file.path.split('/').pop()! : `${EVIDENCE_LABELS[file.kind]}${perKind.get(file.kind)! > 1 ? ` ${n}` : ''}`;
      return `<a href="${escapeHtml(hrefOf(file.path))}" title="${escapeHtml(file.path)}">${escapeHtml(label)}</a>`;
    })
    .join(' · ');
}

function owners(requirement: RequirementResult): string {
  return requirement.owner.split(',').map((o) => o.trim()).join(' ');
}

function whereOf(scenario: ScenarioResult): string {
  return `${scenario.role}, ${scenario.key}`;
}

/** The anchor of a scenario's entry in the Failed or Inconclusive list, per ID. */
function anchorOf(requirement: RequirementResult, scenario: ScenarioResult): string {
  return `why-${requirement.id}-${scenario.key.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** One failed or inconclusive scenario of an ID: what was wrong, where, and its evidence. */
function attentionItem(requirement: RequirementResult, scenario: ScenarioResult): string {
  const failure = scenario.failure;
  return `<li id="${anchorOf(requirement, scenario)}" data-status="${requirement.status}" data-owner="${owners(requirement)}">
<p><b>${requirement.id}</b> ${badge(scenario.status)} <b>${escapeHtml(scenario.name)}</b> <small class="muted">(${escapeHtml(whereOf(scenario))})</small></p>
<p class="check ${scenario.status}">${failure ? inlineMarkdown(failure.check) : 'no failing step was recorded'}</p>
${failure ? `<p><small class="muted">at step: ${escapeHtml(failure.step)}</small></p>` : ''}
<p>evidence: ${evidenceLinks(scenario.evidence)}</p>
${failure && failure.message !== failure.check ? `<details><summary>whole message</summary><pre>${escapeHtml(failure.message)}</pre></details>` : ''}
</li>`;
}

function attentionSection(report: ConformanceReport, status: 'failed' | 'inconclusive', heading: string, note: string): string {
  // By the scenario's own status: an inconclusive scenario of an ID that also failed is listed too.
  const items = report.requirements.flatMap((r) => r.scenarios.filter((s) => s.status === status).map((s) => attentionItem(r, s)));
  if (items.length === 0) return '';
  return `<section id="${status}"><h2>${heading}</h2><p>${note}</p><ul class="attention">\n${items.join('\n')}\n</ul></section>`;
}

/**
 * Scenarios that were inconclusive and ran again, once each (a scenario with several IDs is one
 * entry): what they ended as, and every earlier attempt's check and evidence.
 */
function runAgainSection(report: ConformanceReport): string {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const requirement of report.requirements) {
    for (const scenario of requirement.scenarios) {
      if (!scenario.earlierAttempts?.length || seen.has(scenario.key)) continue;
      seen.add(scenario.key);
      const ids = report.requirements.filter((r) => r.scenarios.some((s) => s.key === scenario.key)).map((r) => r.id);
      const attempts = scenario.earlierAttempts.map((attempt, i) => `<li>attempt ${i + 1}: ${badge(attempt.status)} <span class="check ${attempt.status}">${attempt.failure ? inlineMarkdown(attempt.failure.check) : 'no check was recorded'}</span><br>evidence: ${evidenceLinks(attempt.evidence)}</li>`);
      items.push(`<li id="${runAgainAnchorOf(scenario)}"><p><b>${ids.join(', ')}</b> ${badge(scenario.status)} on attempt ${scenario.earlierAttempts.length + 1}: <b>${escapeHtml(scenario.name)}</b> <small class="muted">(${escapeHtml(whereOf(scenario))})</small></p><ul>${attempts.join('')}</ul></li>`);
    }
  }
  if (items.length === 0) return '';
  return `<section id="run-again"><h2>Run again — inconclusive at first</h2><p>The harness was too late to judge these scenarios, so it ran each again (never a failed one). The verdict above is the last attempt's; the earlier ones are kept here with their evidence.</p><ul class="attention">\n${items.join('\n')}\n</ul></section>`;
}

function runAgainAnchorOf(scenario: ScenarioResult): string {
  return `again-${scenario.key.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

// The ID's reason already quotes the check: a row links to the entry with the evidence instead.
function scenarioLine(requirement: RequirementResult, scenario: ScenarioResult): string {
  const listed = scenario.status === 'failed' || scenario.status === 'inconclusive';
  const why = listed ? ` <a href="#${anchorOf(requirement, scenario)}">why, evidence</a>` : '';
  const again = scenario.earlierAttempts?.length ? ` <a href="#${runAgainAnchorOf(scenario)}">run again after ${scenario.earlierAttempts.length} inconclusive attempt(s)</a>` : '';
  return `<div class="scenario">${badge(scenario.status)} ${escapeHtml(scenario.name)} <small class="muted">(${escapeHtml(whereOf(scenario))})</small>${why}${again}</div>`;
}

function requirementRow(r: RequirementResult): string {
  const reason = r.reason ? `<br><small>${inlineMarkdown(r.reason)}</small>` : '';
  return `<tr data-status="${r.status}" data-owner="${owners(r)}"><td><b>${r.id}</b></td><td>${badge(r.status)}${reason}</td><td>${escapeHtml(r.owner)}</td><td>${inlineMarkdown(r.title)}</td><td>${r.scenarios.map((s) => scenarioLine(r, s)).join('') || '—'}</td></tr>`;
}

function filters(report: ConformanceReport): string {
  const statuses = REQUIREMENT_STATUSES
    .map((status) => `<label><input type="checkbox" name="status" value="${status}" checked> ${badge(status)} ${report.summary[status]}</label>`)
    .join(' ');
  return `<form class="filters" onsubmit="return false"><b>Show</b> ${statuses}
&nbsp; <label><b>owner</b> <select id="owner"><option value="">SUT and MS</option><option value="SUT">SUT (call control)</option><option value="MS">MS (recorder)</option></select></label>
&nbsp; <span class="muted"><span id="shown">${report.requirements.length}</span> of ${report.requirements.length} requirements shown</span></form>`;
}

// Filters hide rows and attention items by status and owner; without script everything shows.
const FILTER_SCRIPT = `<script>
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[name=status]'));
  var owner = document.getElementById('owner');
  function apply() {
    var on = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var shown = 0;
    document.querySelectorAll('[data-status]').forEach(function (el) {
      var ok = on.indexOf(el.getAttribute('data-status')) >= 0 &&
        (owner.value === '' || el.getAttribute('data-owner').split(' ').indexOf(owner.value) >= 0);
      el.hidden = !ok;
      if (ok && el.tagName === 'TR') shown++;
    });
    document.getElementById('shown').textContent = String(shown);
  }
  boxes.concat([owner]).forEach(function (el) { el.addEventListener('change', apply); });
  apply();
})();
</script>`;

/**
 * The vendor-facing certificate, one self-contained page: a sentence to quote, why each ID that
 * did not pass did not (its first failing check, the scenario, links to the evidence under
 * scenarios/), inconclusive ones apart (the SUT is not blamed), then every ID, filterable.
 */
export function renderConformanceHtml(report: ConformanceReport): string {
  const verdict = verdictOf(report);
  const verdictColour = verdict === 'Conformant' ? COLOURS.passed : verdict === 'Not conformant' ? COLOURS.failed : COLOURS.notRun;
  const runs = report.runs
    .map((run) => `<li><b>${escapeHtml(run.role)}</b>: ${escapeHtml(run.sut.name)} ${escapeHtml(run.sut.version)} — profile <code>${escapeHtml(run.profile.path)}</code> (sha256 ${escapeHtml(run.profile.sha256.slice(0, 12))}…), started ${escapeHtml(run.startedAt)}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GIR conformance — ${escapeHtml(verdict)} — ${escapeHtml(report.runs.map((r) => r.sut.name).join(', '))}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#1f2328;max-width:110em}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #d0d7de;padding:6px;vertical-align:top;text-align:left}td:first-child{white-space:nowrap}
.badge{color:#fff;border-radius:4px;padding:1px 6px;font-size:.85em;white-space:nowrap}
.verdict{font-size:1.25em;padding:.6em .8em;border-radius:6px;color:#fff;user-select:all}
code{background:#eff1f3;border-radius:4px;padding:0 4px;font-size:.9em}pre{background:#f6f8fa;padding:8px;overflow:auto;white-space:pre-wrap}
.check{font-family:ui-monospace,monospace;font-size:.9em;color:#82071e}.check.inconclusive{color:#953800}.muted{color:#57606a}
.attention li{margin-bottom:1em}.attention p{margin:.2em 0}.scenario{margin-bottom:.4em}
.filters{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #d0d7de}.filters label{margin-right:.4em;white-space:nowrap}
</style></head><body>
<h1>Genesys Interaction Recording — conformance</h1>
<p class="verdict" id="summary" style="background:${verdictColour}">${escapeHtml(quotableSummary(report))}</p>
<ul>${runs}</ul>
<p class="muted">Evidence links point into <code>scenarios/</code> beside this page: copy that folder with the page to keep them.</p>
${filters(report)}
${attentionSection(report, 'failed', 'Failed', 'The system under test did not do what the requirement says. Each entry: the first check that failed, the scenario, and its evidence.')}
${attentionSection(report, 'inconclusive', 'Inconclusive — the SUT is not blamed', 'The harness could not judge these checks: it was itself too late (e.g. it sent audio late under load), or could not observe a recording edge. Nothing here counts against the SUT, but the requirement is not passed either: run it again on a less loaded machine.')}
${runAgainSection(report)}
<h2>Every requirement</h2>
<table><thead><tr><th>ID</th><th>status</th><th>owner</th><th>requirement</th><th>scenarios</th></tr></thead><tbody>
${report.requirements.map(requirementRow).join('\n')}
</tbody></table>
${FILTER_SCRIPT}
</body></html>
`;
}
