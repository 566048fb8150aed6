/**
 * SEL-07 end to end against the embedded fake Media Server: the ms-follows-dotdot mutant, then a
 * clean run. The mutant's failures name each file it wrote outside its root, and those files are
 * gone afterwards; the clean run passes, also with /tmp/outside and /tmp/gir-escape present (the
 * fixed names earlier versions of the check looked for).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { PROJECT_ROOT, runCucumberProcess } from '../harness/lib/cucumber-process';

const TAGS = '@SEL-07 and @recorder';
const RECORDER_PROFILE = join(PROJECT_ROOT, 'profiles', 'recorder.yaml');
const OLD_FIXED_TARGETS = ['/tmp/outside', '/tmp/gir-escape'];

interface ScenarioOutcome {
  failures: string[];
  attachments: { fileName?: string; body: string }[];
}

/** Runs the SEL-07 recorder scenarios in a reports folder of the test's own; outcomes by scenario name. */
async function runSel07(env: NodeJS.ProcessEnv): Promise<Map<string, ScenarioOutcome>> {
  const reportsDir = mkdtempSync(join(tmpdir(), 'gir-sel07-run-'));
  try {
    await runCucumberProcess({
      args: ['--tags', TAGS],
      reportsDir,
      env: { ...process.env, GIR_MUTANT: '', ...env, GIR_PROFILES: JSON.stringify({ recorder: RECORDER_PROFILE }), GIR_CONSOLE_FORMAT: 'progress' },
      quiet: true,
    });
    return outcomes(readFileSync(join(reportsDir, 'messages.ndjson'), 'utf8'));
  } finally {
    rmSync(reportsDir, { recursive: true, force: true });
  }
}

function outcomes(ndjson: string): Map<string, ScenarioOutcome> {
  const envelopes = ndjson.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Envelope);
  const pickleName = new Map<string, string>();
  const pickleOfCase = new Map<string, string>();
  const nameOfStarted = new Map<string, string>();
  const result = new Map<string, ScenarioOutcome>();
  for (const e of envelopes) {
    if (e.pickle) pickleName.set(e.pickle.id, e.pickle.name);
    else if (e.testCase) pickleOfCase.set(e.testCase.id, e.testCase.pickleId);
    else if (e.testCaseStarted) {
      const name = pickleName.get(pickleOfCase.get(e.testCaseStarted.testCaseId) ?? '') ?? '?';
      nameOfStarted.set(e.testCaseStarted.id, name);
      result.set(name, { failures: [], attachments: [] });
    } else if (e.testStepFinished) {
      const { status, message } = e.testStepFinished.testStepResult;
      if (status !== 'PASSED') result.get(nameOfStarted.get(e.testStepFinished.testCaseStartedId) ?? '')?.failures.push(`${status}: ${message ?? ''}`);
    } else if (e.attachment?.testCaseStartedId) {
      result.get(nameOfStarted.get(e.attachment.testCaseStartedId) ?? '')?.attachments.push({ fileName: e.attachment.fileName, body: e.attachment.body });
    }
  }
  return result;
}

/** Creates `dir` with a file in it unless it exists; the undo removes only what this made. */
function leaveAsAnEarlierRunWould(dir: string): () => void {
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return () => undefined; // someone else's: never touched
    throw error;
  }
  const file = join(dir, `left-by-an-earlier-run-${process.pid}.wav`);
  writeFileSync(file, 'RIFF');
  return () => {
    rmSync(file, { force: true });
    try {
      rmdirSync(dir);
    } catch (error) {
      // Another run wrote into it meanwhile: what is in it now is not this test's to remove.
      if ((error as NodeJS.ErrnoException).code !== 'ENOTEMPTY') throw error;
    }
  };
}

/** The files a failure names as written outside the root: `  <path> (<n> bytes), written by the attempt <field> "<value>"`. */
function namedWrites(failure: string): { root: string; writes: { path: string; bytes: number; attempt: string }[] } | undefined {
  const head = /the recorder wrote outside the recordings root (.+):\n/.exec(failure);
  if (!head) return undefined;
  const writes = [...failure.matchAll(/^\s+(\S+) \((\d+) bytes\), written by the attempt (\w+ ".*")$/gm)].map((m) => ({ path: m[1], bytes: Number(m[2]), attempt: m[3] }));
  return { root: head[1], writes };
}

test('SEL-07: the ms-follows-dotdot mutant fails naming each file it wrote outside the root, which is then removed; a clean run after it passes, with the old fixed targets present', async () => {
  const mutant = await runSel07({ GIR_MUTANT: 'ms-follows-dotdot' });
  const named: string[] = [];
  const rows = [
    { scenario: 'A dest that would leave the recordings root is refused (parent directory)', attempt: /^dest "\.\.\/(gir-escape-[0-9a-f]{12})"$/ },
    { scenario: 'A dest that would leave the recordings root is refused (absolute path)', attempt: /^dest "\/tmp\/(gir-escape-[0-9a-f]{12})"$/ },
    { scenario: 'A id that would leave the recordings root is refused (parent in the id)', attempt: /^id "\.\.\/(gir-escape-[0-9a-f]{12})"$/ },
  ];
  for (const { scenario, attempt } of rows) {
    const outcome = mutant.get(scenario);
    assert.ok(outcome, `the mutant run has no scenario "${scenario}"`);
    const found = outcome.failures.map(namedWrites).find((n) => n !== undefined);
    assert.ok(found, `"${scenario}": no failure names a write outside the root; failures: ${outcome.failures.join(' | ')}`);
    const wav = found.writes.find((w) => w.path.endsWith('.wav'));
    assert.ok(wav, `"${scenario}": the failure names no WAV: ${JSON.stringify(found)}`);
    const escapeName = attempt.exec(wav.attempt)?.[1];
    assert.ok(escapeName, `"${scenario}": the WAV is not tied to the attempt: ${wav.attempt}`);
    assert.ok(wav.path.includes(escapeName) && !wav.path.startsWith(`${found.root}/`), `"${scenario}": ${wav.path} is not the escape target's, outside ${found.root}`);
    assert.ok(wav.bytes > 0, `"${scenario}": ${wav.path} is named with no size`);
    const evidence = outcome.attachments.find((a) => a.fileName === 'written-outside-the-root.json');
    assert.ok(evidence?.body.includes(wav.path), `"${scenario}": ${wav.path} is not in the evidence attached before removal`);
    named.push(wav.path);
  }
  for (const path of named) assert.equal(existsSync(path), false, `${path} was left behind`);

  const undo = OLD_FIXED_TARGETS.map(leaveAsAnEarlierRunWould);
  try {
    const clean = await runSel07({});
    const failed = [...clean].filter(([, o]) => o.failures.length > 0).map(([name, o]) => `${name}: ${o.failures.join(' | ')}`);
    assert.deepEqual(failed, [], 'the clean run after the mutant failed');
    assert.equal(clean.size, 7, `the clean run ran ${clean.size} SEL-07 recorder scenarios, 7 expected`);
  } finally {
    for (const u of undo) u();
  }
});
