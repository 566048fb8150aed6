import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, cpSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFeatureScenarios } from './feature-scenarios';
import { readRunResults } from './run-results';

const PROJECT = join(__dirname, '..', '..');

test('a real cucumber run and the independent parse agree on every scenario key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gir-keys-'));
  try {
    cpSync(join(__dirname, 'fixtures'), dir, { recursive: true });
    symlinkSync(join(PROJECT, 'node_modules'), join(dir, 'node_modules'));
    const run = spawnSync(process.execPath, [join(PROJECT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js')], { cwd: dir, encoding: 'utf8' });
    assert.notEqual(run.status, 0, 'the fixture has failing scenarios, so cucumber must exit non-zero');
    const scenarios = loadFeatureScenarios(dir);
    const statuses = readRunResults(join(dir, 'messages.ndjson')).statuses;
    const byName = Object.fromEntries(scenarios.map((s) => [s.name, statuses.get(s.key)]));
    assert.deepEqual(byName, {
      'plain passing': 'passed',
      'plain failing': 'failed',
      'outline 1': 'passed',
      'outline 2': 'failed',
      'inside a rule': 'passed',
      'undefined step': 'failed',
      'harness too late to judge': 'inconclusive',
      'harness too late, then a real failure': 'failed',
      'cannot judge the evidence': 'inconclusive',
      'recording check too late to judge': 'inconclusive',
      'recording check failure': 'failed',
    });
    const inRule = scenarios.find((s) => s.name === 'inside a rule');
    assert.equal(inRule?.role, 'recorder');
    assert.deepEqual(inRule?.requirementIds, ['PAD-01']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
