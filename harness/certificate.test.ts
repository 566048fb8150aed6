import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCertificate, Certificate } from './report/certificate';
import { buildConformanceReport, ConformanceReport } from './report/conformance-report';
import { Requirement } from './requirements/requirement';
import { ScenarioInfo } from './report/feature-scenarios';

const requirement = (id: string, owners: Requirement['owners']): Requirement => ({ id, group: id.split('-')[0], text: `${id} text`, source: 'seed', owners });
const scenario = (key: string, ids: string[], role: ScenarioInfo['role']): ScenarioInfo => ({ key, name: `scenario ${key}`, uri: 'features/x.feature', tags: ids.map((id) => `@${id}`), requirementIds: ids, role });

/** A recorder run: MS-03 passed, PAD-02 failed with a reason, FT-01 not applicable (call control). */
function report(pad02: 'passed' | 'failed'): ConformanceReport {
  return buildConformanceReport({
    harness: { name: 'gir-conformance', version: '0.1.0', revision: 'abc123', dirty: false },
    runs: [{ role: 'recorder', sut: { name: 'acme-recorder', version: '5.2' }, profile: { path: 'profiles/acme.yaml', sha256: 'c'.repeat(64) }, startedAt: '2026-12-04T10:20:30.000Z' }],
    catalogue: [requirement('MS-03', ['MS']), requirement('PAD-02', ['MS']), requirement('FT-01', ['SUT'])],
    scenarios: [scenario('f:1', ['MS-03'], 'recorder'), scenario('f:2', ['PAD-02'], 'recorder')],
    statuses: new Map([['f:1', 'passed'], ['f:2', pad02]]),
    failures: pad02 === 'failed' ? new Map([['f:2', { step: 'Then no audio leaked', check: 'leak: frame 12 of stream 3 in the pause', message: 'leak', inconclusive: false }]]) : new Map(),
  });
}

test('the certificate names the harness, each run\'s profile and SUT with its role, and per ID status, scenarios and reasons', () => {
  const certificate = buildCertificate(report('failed'), { revision: 'now', dirty: true }, new Date('2026-12-05T08:00:00Z'));
  assert.deepEqual(certificate.harness, { name: 'gir-conformance', version: '0.1.0', revision: 'abc123', dirty: false }, 'the run\'s own revision, not the one at certification');
  assert.deepEqual(certificate.runs[0].sut, { name: 'acme-recorder', version: '5.2', role: 'recorder' });
  assert.deepEqual(certificate.runs[0].profile, { path: 'profiles/acme.yaml', sha256: 'c'.repeat(64) });
  assert.equal(certificate.date, '2026-12-05T08:00:00.000Z');
  const pad02 = certificate.requirements.find((r) => r.id === 'PAD-02')!;
  assert.equal(pad02.status, 'failed');
  assert.deepEqual(pad02.scenarios, [{ name: 'scenario f:2', status: 'failed', reason: 'Then no audio leaked: leak: frame 12 of stream 3 in the pause' }]);
  assert.match(certificate.requirements.find((r) => r.id === 'FT-01')!.reason ?? '', /owned by SUT/);
  assert.equal(certificate.certifiable, false);
  assert.equal(buildCertificate(report('passed'), { revision: 'now', dirty: false }, new Date()).certifiable, true);
});

test('a report without the run\'s revision is certified with the harness\'s current one', () => {
  const old = report('passed');
  delete old.harness.revision;
  assert.deepEqual(buildCertificate(old, { revision: 'def456', dirty: true }, new Date()).harness, { name: 'gir-conformance', version: '0.1.0', revision: 'def456', dirty: true });
});

const cli = (args: string[]) => spawnSync(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'cli.ts'), ...args], { encoding: 'utf8', env: { ...process.env, GIR_REPORTS_DIR: '' } });

test('npx gir-conformance certificate --report-dir writes certificate.json beside conformance.html; exit 1 when not certifiable, 2 with no report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gir-certificate-'));
  try {
    writeFileSync(join(dir, 'conformance.json'), JSON.stringify(report('failed')));
    const run = cli(['certificate', '--report-dir', dir]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /not certifiable/);
    const written = JSON.parse(readFileSync(join(dir, 'certificate.json'), 'utf8')) as Certificate;
    assert.equal(written.certifiable, false);
    assert.equal(written.runs[0].sut.role, 'recorder');
    assert.ok(existsSync(join(dir, 'conformance.html')));
    rmSync(join(dir, 'conformance.json'));
    const none = cli(['certificate', '--report-dir', dir]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no .*conformance\.json: run the suite first/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--help on every subcommand prints that command\'s usage and exits 0', () => {
  for (const command of ['run', 'provision-sheet', 'certificate']) {
    const run = cli([command, '--help']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^usage: npx gir-conformance ${command} `));
  }
  assert.match(cli(['run', '--help']).stdout, /--report-dir <dir>/);
});
