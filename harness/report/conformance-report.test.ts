import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Requirement } from '../requirements/requirement';
import { buildConformanceReport, ConformanceRun, isCertifiable } from './conformance-report';
import { ScenarioInfo } from './feature-scenarios';
import { ScenarioStatus } from './run-results';

const requirement = (id: string, owners: Requirement['owners']): Requirement => ({ id, group: id.split('-')[0], text: `${id} text`, source: 'seed', owners });
const scenario = (key: string, ids: string[], role: ScenarioInfo['role'] = 'call-control'): ScenarioInfo => ({
  key, name: `scenario ${key}`, uri: 'features/x.feature', tags: ids.map((id) => `@${id}`), requirementIds: ids, role,
});
const run = (role: ConformanceRun['role']): ConformanceRun => ({ role, sut: { name: 's', version: '1' }, profile: { path: 'p', sha256: 'h' }, startedAt: 't' });

function statusesOf(runs: ConformanceRun[], scenarios: ScenarioInfo[], statuses: [string, ScenarioStatus][], catalogue: Requirement[]) {
  const report = buildConformanceReport({ harness: { name: 'h', version: '0' }, runs, catalogue, scenarios, statuses: new Map(statuses) });
  return Object.fromEntries(report.requirements.map((r) => [r.id, r.status]));
}

test('statuses of a call-control run: passed, failed, notRun, uncovered, notApplicable', () => {
  const catalogue = [requirement('FT-01', ['SUT']), requirement('FT-08', ['SUT']), requirement('FT-02', ['SUT']), requirement('DYN-01', ['SUT']), requirement('MS-03', ['MS'])];
  const scenarios = [scenario('a', ['FT-01']), scenario('b', ['FT-08']), scenario('c', ['FT-02']), scenario('d', ['FT-02'])];
  assert.deepEqual(statusesOf([run('call-control')], scenarios, [['a', 'passed'], ['c', 'failed'], ['d', 'passed']], catalogue), {
    'FT-01': 'passed', 'FT-08': 'notRun', 'FT-02': 'failed', 'DYN-01': 'uncovered', 'MS-03': 'notApplicable',
  });
});

test('a skipped scenario does not count as run', () => {
  const catalogue = [requirement('FT-05', ['SUT'])];
  assert.deepEqual(statusesOf([run('call-control')], [scenario('a', ['FT-05'])], [['a', 'skipped']], catalogue), { 'FT-05': 'notRun' });
});

test('an ID owned by both roles needs a passing scenario in each role of the run', () => {
  const catalogue = [requirement('PAD-01', ['SUT', 'MS'])];
  const cc = scenario('a', ['PAD-01']);
  const rec = scenario('b', ['PAD-01'], 'recorder');
  assert.deepEqual(statusesOf([run('call-control'), run('recorder')], [cc], [['a', 'passed']], catalogue), { 'PAD-01': 'uncovered' });
  assert.deepEqual(statusesOf([run('call-control'), run('recorder')], [cc, rec], [['a', 'passed'], ['b', 'passed']], catalogue), { 'PAD-01': 'passed' });
  assert.deepEqual(statusesOf([run('call-control'), run('recorder')], [cc, rec], [['a', 'passed'], ['b', 'failed']], catalogue), { 'PAD-01': 'failed' });
  assert.deepEqual(statusesOf([run('recorder')], [cc, rec], [['b', 'passed']], catalogue), { 'PAD-01': 'passed' });
});

test('a certificate needs every ID passed or not applicable', () => {
  const catalogue = [requirement('FT-01', ['SUT']), requirement('MS-03', ['MS'])];
  const build = (statuses: [string, ScenarioStatus][]) => buildConformanceReport({
    harness: { name: 'h', version: '0' }, runs: [run('call-control')], catalogue, scenarios: [scenario('a', ['FT-01'])], statuses: new Map(statuses),
  });
  assert.equal(isCertifiable(build([['a', 'passed']])), true);
  assert.equal(isCertifiable(build([])), false);
  assert.deepEqual(build([['a', 'passed']]).summary, { passed: 1, failed: 0, inconclusive: 0, notRun: 0, notApplicable: 1, uncovered: 0 });
});

const late = { step: 'Then the recording holds the agent', check: 'inconclusive: the harness sent frames 40..52 up to 31 ms late', message: 'inconclusive: the harness sent frames 40..52 up to 31 ms late', inconclusive: true };
const wrong = { step: 'Then the recording holds the agent', check: 'time-shift: the audio sits 34.0 ms late', message: 'recording: …\n  ✗ time-shift: the audio sits 34.0 ms late', inconclusive: false };

test('inconclusive: none failed but one could not be judged; a failure in any scenario or role wins', () => {
  const catalogue = [requirement('FT-01', ['SUT']), requirement('PAD-01', ['SUT', 'MS'])];
  const scenarios = [scenario('a', ['FT-01']), scenario('b', ['FT-01']), scenario('c', ['PAD-01']), scenario('d', ['PAD-01'], 'recorder')];
  const build = (statuses: [string, ScenarioStatus][]) => buildConformanceReport({
    harness: { name: 'h', version: '0' }, runs: [run('call-control'), run('recorder')], catalogue, scenarios, statuses: new Map(statuses),
    failures: new Map([['a', late], ['b', wrong], ['c', late], ['d', wrong]]),
  });
  const mixed = build([['a', 'inconclusive'], ['b', 'passed'], ['c', 'inconclusive'], ['d', 'failed']]);
  const [ft01, pad01] = mixed.requirements;
  assert.equal(ft01.status, 'inconclusive');
  assert.equal(ft01.reason, 'the harness could not judge (the SUT is not blamed): scenario a: inconclusive: the harness sent frames 40..52 up to 31 ms late');
  assert.equal(pad01.status, 'failed', 'the recorder role failed PAD-01: worse than the call-control role being inconclusive');
  assert.equal(pad01.reason, 'scenario d: time-shift: the audio sits 34.0 ms late');
  assert.deepEqual(mixed.summary, { passed: 0, failed: 1, inconclusive: 1, notRun: 0, notApplicable: 0, uncovered: 0 });
  assert.equal(isCertifiable(mixed), false);
  assert.equal(build([['a', 'failed'], ['b', 'inconclusive'], ['c', 'passed'], ['d', 'passed']]).requirements[0].status, 'failed');
  assert.equal(isCertifiable(build([['a', 'passed'], ['b', 'passed'], ['c', 'passed'], ['d', 'passed']])), true);
});

test('a failed scenario carries its failure and evidence; the reason counts the other failed scenarios', () => {
  const evidence = [{ kind: 'plot' as const, path: 'scenarios/0-1-a/plot-recording-r1.svg' }];
  const report = buildConformanceReport({
    harness: { name: 'h', version: '0' }, runs: [run('call-control')], catalogue: [requirement('FT-01', ['SUT'])],
    scenarios: [scenario('a', ['FT-01']), scenario('b', ['FT-01'])], statuses: new Map([['a', 'failed'], ['b', 'failed']]),
    failures: new Map([['a', wrong], ['b', wrong]]), evidence: new Map([['a', evidence]]),
  });
  const [ft01] = report.requirements;
  assert.equal(ft01.reason, 'scenario a: time-shift: the audio sits 34.0 ms late (and 1 more scenario(s))');
  assert.deepEqual(ft01.scenarios[0].failure, wrong);
  assert.deepEqual(ft01.scenarios[0].evidence, evidence);
  assert.equal(ft01.scenarios[1].evidence, undefined);
});
