import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScenarioEvidence, writeEvidenceManifest } from './scenario-evidence';

test('evidence is found by manifest, listed picture first, without hidden temporaries', () => {
  const reports = mkdtempSync(join(tmpdir(), 'gir-evidence-'));
  try {
    const kept = join(reports, 'scenarios', '0-1-a-call');
    mkdirSync(join(kept, 'recordings'), { recursive: true });
    for (const file of ['sip-trace.txt', 'sip-ladder.txt', 'plot-recording-r1.svg', 'recordings/r1.wav', 'recordings/r1.json', 'recordings/.r2.wav.1f.part']) {
      writeFileSync(join(kept, file), 'x');
    }
    writeEvidenceManifest(kept, { key: 'features/a.feature:3', name: 'a call', testCaseStartedId: 'attempt-1', status: 'FAILED' });
    // A folder without a manifest (a worker that died mid-scenario) is no one's evidence.
    mkdirSync(join(reports, 'scenarios', '0-2-orphan'), { recursive: true });
    writeFileSync(join(reports, 'scenarios', '0-2-orphan', 'sip-trace.txt'), 'x');

    const evidence = readScenarioEvidence(reports);
    assert.deepEqual([...evidence.keys()], ['attempt-1']);
    assert.deepEqual(evidence.get('attempt-1'), [
      { kind: 'plot', path: 'scenarios/0-1-a-call/plot-recording-r1.svg' },
      { kind: 'sipLadder', path: 'scenarios/0-1-a-call/sip-ladder.txt' },
      { kind: 'metadata', path: 'scenarios/0-1-a-call/recordings/r1.json' },
      { kind: 'wav', path: 'scenarios/0-1-a-call/recordings/r1.wav' },
      { kind: 'sipTrace', path: 'scenarios/0-1-a-call/sip-trace.txt' },
    ]);
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
});

test('a reports folder without scenarios/ has no evidence', () => {
  const reports = mkdtempSync(join(tmpdir(), 'gir-evidence-'));
  try {
    assert.equal(readScenarioEvidence(reports).size, 0);
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
});
