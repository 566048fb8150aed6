import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Requirement } from '../requirements/requirement';
import { buildConformanceReport } from './conformance-report';
import { ScenarioInfo } from './feature-scenarios';
import { formatRunSummary } from './run-summary';
import { renderConformanceHtml } from './conformance-html';

const requirement = (id: string, owners: Requirement['owners']): Requirement => ({ id, group: id.split('-')[0], text: id, source: 'seed', owners });
const scenario = (key: string, name: string, ids: string[]): ScenarioInfo => ({ key, name, uri: 'f', tags: [], requirementIds: ids, role: 'call-control' });

test('run summary: counts per family in catalogue order, the report paths, one line per failed and per inconclusive scenario', () => {
  const report = buildConformanceReport({
    harness: { name: 'h', version: '0' },
    runs: [{ role: 'call-control', sut: { name: 's', version: '1' }, profile: { path: 'p', sha256: 'x' }, startedAt: 't' }],
    catalogue: [requirement('FT-01', ['SUT']), requirement('FT-02', ['SUT']), requirement('PAD-01', ['SUT']), requirement('PAD-03', ['SUT']), requirement('DYN-01', ['SUT']), requirement('MS-03', ['MS'])],
    scenarios: [scenario('a.feature:3', 'inbound call', ['FT-01']), scenario('b.feature:9', 'pause padded', ['PAD-01', 'PAD-03']), scenario('c.feature:4', 'late harness', ['DYN-01'])],
    statuses: new Map([['a.feature:3', 'passed'], ['b.feature:9', 'failed'], ['c.feature:4', 'inconclusive']]),
    failures: new Map([
      ['b.feature:9', { step: 'Then x', check: 'padding: pause 1 ends 41 ms late', message: 'm', inconclusive: false }],
      ['c.feature:4', { step: 'Then y', check: 'inconclusive: the harness sent frames 40..52 up to 31 ms late', message: 'm', inconclusive: true }],
    ]),
  });
  assert.equal(formatRunSummary(report, '/work/project/reports', '/work/project'), [
    'family  passed  failed  inconclusive  uncovered  notRun  notApplicable',
    'FT           1       0             0          1       0              0',
    'DYN          0       0             1          0       0              0',
    'PAD          0       2             0          0       0              0',
    'MS           0       0             0          0       0              1',
    'all          1       2             1          1       0              1',
    '',
    'reports: reports/conformance.html (verdict per ID, why, evidence links), reports/cucumber.html (every step, plots),',
    '         reports/junit.xml, reports/conformance.json; evidence of failed scenarios under reports/scenarios/',
    'failed:',
    '  PAD-01, PAD-03  pause padded (b.feature:9) — padding: pause 1 ends 41 ms late',
    'inconclusive (the harness could not judge; the SUT is not blamed):',
    '  DYN-01  late harness (c.feature:4) — inconclusive: the harness sent frames 40..52 up to 31 ms late',
  ].join('\n'));
});

test('run summary and conformance.html: a scenario judged only when run again names its earlier attempt and links its evidence', () => {
  const late = { step: 'Then y', check: 'time-shift — inconclusive: its event loop stalled 1 time(s), up to 9.0 ms', message: 'm', inconclusive: true };
  const report = buildConformanceReport({
    harness: { name: 'h', version: '0' },
    runs: [{ role: 'call-control', sut: { name: 's', version: '1' }, profile: { path: 'p', sha256: 'x' }, startedAt: 't' }],
    catalogue: [requirement('FT-01', ['SUT']), requirement('PAD-01', ['SUT'])],
    scenarios: [scenario('a.feature:3', 'inbound call', ['FT-01', 'PAD-01'])],
    statuses: new Map([['a.feature:3', 'passed']]),
    earlier: new Map([['a.feature:3', [{ status: 'inconclusive', failure: late, evidence: [{ kind: 'plot', path: 'scenarios/0-1-inbound-call/recording.svg' }] }]]]),
  });
  assert.deepEqual(report.summary.passed, 2, 'the last attempt\'s verdict stands');
  assert.deepEqual(formatRunSummary(report, '/p/reports', '/p').split('\n').slice(-2), [
    'run again (inconclusive at first: the harness was too late to judge):',
    '  FT-01, PAD-01  inbound call (a.feature:3) — passed on attempt 2; attempt 1: time-shift — inconclusive: its event loop stalled 1 time(s), up to 9.0 ms',
  ]);
  const html = renderConformanceHtml(report);
  assert.match(html, /<section id="run-again">/);
  assert.match(html, /FT-01, PAD-01<\/b> <span class="badge"[^>]*>passed<\/span> on attempt 2/);
  assert.match(html, /href="scenarios\/0-1-inbound-call\/recording.svg"/);
  assert.match(html, /<a href="#again-a-feature-3">run again after 1 inconclusive attempt\(s\)<\/a>/);
});
