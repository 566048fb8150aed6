/**
 * The harness blames only the SUT for what the SUT did. With GIR_HARNESS_STALL_MS=60 the harness's
 * own event loop is held 60 ms before each pause and hang-up, as on a slow or busy runner:
 * - a correct recorder's pause, judged to tolerance.padEdgeMs (20 ms), is inconclusive, not failed,
 *   and the message names the stall;
 * - a correct SUT's full-time recording is passed or inconclusive, never failed: the start and stop
 *   (tolerances of 200 ms) allow 60 ms of lateness, the placement of frames sent in the burst after
 *   the stall (20 ms) does not;
 * - the sut-ft-late-stop mutant still fails: no lateness of the harness explains its deviation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { PROJECT_ROOT, runCucumberProcess } from '../harness/lib/cucumber-process';

const PROFILES = JSON.stringify({ 'call-control': join(PROJECT_ROOT, 'profiles', 'default.yaml'), recorder: join(PROJECT_ROOT, 'profiles', 'recorder.yaml') });

interface StepOutcome {
  status: string;
  type?: string;
  message?: string;
}

async function run(args: string[], env: NodeJS.ProcessEnv): Promise<StepOutcome[]> {
  const reportsDir = mkdtempSync(join(tmpdir(), 'gir-lateness-run-'));
  try {
    await runCucumberProcess({
      args,
      reportsDir,
      env: { ...process.env, GIR_MUTANT: '', ...env, GIR_PROFILES: PROFILES, GIR_CONSOLE_FORMAT: 'progress' },
      quiet: true,
    });
    return readFileSync(join(reportsDir, 'messages.ndjson'), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as Envelope)
      .flatMap((e) => (e.testStepFinished ? [e.testStepFinished.testStepResult] : []))
      .map((r) => ({ status: r.status, type: r.exception?.type, message: r.exception?.message ?? r.message }));
  } finally {
    rmSync(reportsDir, { recursive: true, force: true });
  }
}

const notPassed = (steps: StepOutcome[]) => steps.filter((s) => s.status !== 'PASSED' && s.status !== 'SKIPPED');

test('a 60 ms stall of the harness at a pause makes a correct recorder inconclusive, naming the stall', { timeout: 120_000 }, async () => {
  const steps = await run(['--tags', '@PAD-01 and @recorder', '--name', '^A pause is padded with silence in both channels'], { GIR_HARNESS_STALL_MS: '60' });
  const [failing, ...more] = notPassed(steps);
  assert.ok(failing, 'the stall changed nothing: the check did not see the harness was late');
  assert.deepEqual(more, [], 'one step, the padding check, is inconclusive; nothing else fails');
  assert.equal(failing.type, 'InconclusiveError', failing.message);
  assert.match(failing.message ?? '', /^inconclusive: /);
  assert.match(failing.message ?? '', /event loop stalled \d+ time\(s\), up to (5\d|[6-9]\d|\d{3,})\.\d ms/);
  assert.doesNotMatch(failing.message ?? '', /\n +✗ /, 'no verdict failed outright');
});

test('the same stall before a hang-up never fails a correct full-time recording, and the late-stop mutant still fails', { timeout: 120_000 }, async () => {
  // the two Extension scenarios this test was written for, not every @FT-01 outline row
  const ft01 = ['--tags', '@FT-01', '--name', 'recorded extension is recorded agent-side'];
  const clean = await run(ft01, { GIR_HARNESS_STALL_MS: '60' });
  assert.ok(clean.length > 0, 'no FT-01 step ran');
  // The other party's frames that fell due in the stall go out late, in a burst: where they reach
  // the file before the stop, their run cannot be vouched for to 20 ms (inconclusive); never failed.
  for (const step of notPassed(clean)) assert.equal(step.type, 'InconclusiveError', `a correct SUT failed under a stalled harness: ${step.message}`);
  const mutant = await run(ft01, { GIR_HARNESS_STALL_MS: '60', GIR_MUTANT: 'sut-ft-late-stop' });
  const failures = notPassed(mutant);
  assert.ok(failures.length > 0, 'sut-ft-late-stop survived a stalled harness');
  for (const failure of failures) assert.notEqual(failure.type, 'InconclusiveError', `the mutant's deviation was called inconclusive: ${failure.message}`);
});
