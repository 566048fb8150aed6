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
  assert.deepEqual(build([['a', 'passed']]).summary, { passed: 1, failed: 0, notRun: 0, notApplicable: 1, uncovered: 0 });
});
