import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../simulators/time/manual-clock';
import { CannotJudgeError } from './cannot-judge';
import { EscapeWatch, newEscapeName } from './escape-watch';

/** A parent folder of the test's own with a recordings root in it; removed by the caller. */
function stage(): { base: string; root: string } {
  const base = mkdtempSync(join(tmpdir(), 'gir-escape-watch-'));
  const root = join(base, 'recordings');
  mkdirSync(root);
  return { base, root };
}

function withStage(body: (s: { base: string; root: string }) => void | Promise<void>): () => Promise<void> {
  return async () => {
    const s = stage();
    try {
      await body(s);
    } finally {
      rmSync(s.base, { recursive: true, force: true });
    }
  };
}

const ID = 'gir-test-abc-0123';

test('a recorder that follows "..": the failure names each file, its size and the attempt; only those files are removed', withStage(({ base, root }) => {
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'left-by-an-earlier-run.wav'), 'old');
  const name = newEscapeName();
  const watch = EscapeWatch.begin({ root, field: 'dest', row: 'a/../../<escape>', escapeName: name, recordIds: [ID] });
  assert.equal(watch.target, join(base, name));
  mkdirSync(join(base, name));
  writeFileSync(join(base, name, `${ID}.wav`), Buffer.alloc(172));
  writeFileSync(join(base, name, `${ID}.json`), '{}');
  writeFileSync(join(root, 'inside.wav'), 'inside the root is not outside');

  const found = watch.scan();
  assert.deepEqual(found.map((e) => [e.path, e.kind, e.bytes, e.proven]), [
    [join(base, name), 'directory', 0, true],
    [join(base, name, `${ID}.json`), 'file', 2, true],
    [join(base, name, `${ID}.wav`), 'file', 172, true],
  ]);
  const verdict = watch.verdict(found);
  assert.ok(verdict && !(verdict instanceof CannotJudgeError), 'a proven write outside the root is a failure');
  assert.match(verdict.message, new RegExp(`${join(base, name, `${ID}.wav`)} \\(172 bytes\\), written by the attempt dest "a/\\.\\./\\.\\./${name}"`));
  assert.equal(watch.verdict(found), undefined, 'what was reported once is not reported again');

  assert.deepEqual(watch.removeProven(found), [join(base, name)]);
  assert.equal(existsSync(join(base, name)), false);
  assert.equal(readFileSync(join(base, 'outside', 'left-by-an-earlier-run.wav'), 'utf8'), 'old', 'what an earlier run left is never touched');
  assert.ok(existsSync(join(root, 'inside.wav')));
}));

test('an id that escapes: the sibling files named after the target are found and proven', withStage(({ base, root }) => {
  const name = newEscapeName();
  const watch = EscapeWatch.begin({ root, field: 'id', row: '../<escape>', escapeName: name, recordIds: [] });
  writeFileSync(join(base, `${name}.wav`), Buffer.alloc(44));
  const found = watch.scan();
  assert.deepEqual(found.map((e) => [e.path, e.bytes, e.proven]), [[join(base, `${name}.wav`), 44, true]]);
  watch.removeProven(found);
  assert.equal(existsSync(join(base, `${name}.wav`)), false);
}));

test('an absolute target outside the parent is watched and cleaned the same way', withStage(({ base, root }) => {
  const elsewhere = join(base, 'elsewhere');
  mkdirSync(elsewhere);
  const name = newEscapeName();
  const watch = EscapeWatch.begin({ root, field: 'dest', row: `${elsewhere}/<escape>`, escapeName: name, recordIds: [ID] });
  mkdirSync(join(elsewhere, name));
  writeFileSync(join(elsewhere, name, `${ID}.wav`), Buffer.alloc(10));
  const found = watch.scan();
  assert.deepEqual(found.map((e) => e.path), [join(elsewhere, name), join(elsewhere, name, `${ID}.wav`)]);
  assert.match(watch.verdict(found)!.message, /the recorder wrote outside the recordings root/);
  watch.removeProven(found);
  assert.equal(existsSync(join(elsewhere, name)), false);
  assert.ok(existsSync(elsewhere), 'the folder the target was made in stays');
}));

test('something new in the parent that carries no name of the scenario: the check cannot judge, and leaves it', withStage(({ base, root }) => {
  const name = newEscapeName();
  const watch = EscapeWatch.begin({ root, field: 'dest', row: '../<escape>', escapeName: name, recordIds: [ID] });
  writeFileSync(join(base, 'someone-else.tmp'), 'xyz');
  const found = watch.scan();
  assert.deepEqual(found.map((e) => [e.path, e.proven]), [[join(base, 'someone-else.tmp'), false]]);
  const verdict = watch.verdict(found);
  assert.ok(verdict instanceof CannotJudgeError);
  assert.match(verdict.message, /^inconclusive: cannot judge: .*someone-else\.tmp \(3 bytes\)/s);
  assert.deepEqual(watch.removeProven(found), []);
  assert.ok(existsSync(join(base, 'someone-else.tmp')));
}));

test('a file named by the record id in the parent is proven the recorder\'s, whatever else it did', withStage(({ base, root }) => {
  const watch = EscapeWatch.begin({ root, field: 'dest', row: '../<escape>', escapeName: newEscapeName(), recordIds: [ID] });
  writeFileSync(join(base, `${ID}.wav`), 'x');
  const found = watch.scan();
  assert.deepEqual(found.map((e) => e.proven), [true]);
  assert.ok(!(watch.verdict(found) instanceof CannotJudgeError));
}));

test('a clean attempt finds nothing, whatever the parent held before', withStage(({ base, root }) => {
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'gir-escape'), 'a fixed name from an older run');
  const watch = EscapeWatch.begin({ root, field: 'dest', row: '../<escape>', escapeName: newEscapeName(), recordIds: [ID] });
  writeFileSync(join(root, `${ID}.wav`), 'in the root');
  assert.deepEqual(watch.scan(), []);
  assert.equal(watch.verdict([]), undefined);
}));

test('a target that exists before the attempt, or a row without the placeholder, is refused', withStage(({ base, root }) => {
  const name = newEscapeName();
  writeFileSync(join(base, `${name}.json`), '');
  assert.throws(() => EscapeWatch.begin({ root, field: 'dest', row: '../<escape>', escapeName: name, recordIds: [] }), (e: unknown) => e instanceof CannotJudgeError && e.message.includes(`${name}.json`));
  assert.throws(() => EscapeWatch.begin({ root, field: 'dest', row: '../outside', escapeName: newEscapeName(), recordIds: [] }), /has no <escape>/);
  assert.throws(() => EscapeWatch.begin({ root, field: 'dest', row: '<escape>/..', escapeName: newEscapeName(), recordIds: [] }), /has lost <escape>/);
}));

test('after an accepted session the watch waits for its files, up to finalizeMs after the stop and no longer', withStage(async ({ base, root }) => {
  const clock = new ManualClock();
  const name = newEscapeName();
  const watch = EscapeWatch.begin({ root, field: 'dest', row: '../<escape>', escapeName: name, recordIds: [ID] });
  watch.sessionAccepted(clock.now(), ID);
  let settled = false;
  const settling = watch.settle(clock, 1000).then(() => (settled = true));
  clock.advance(100);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(settled, false, 'no file yet, deadline not reached');
  mkdirSync(join(base, name));
  writeFileSync(join(base, name, `${ID}.wav`), '');
  writeFileSync(join(base, name, `${ID}.json`), '');
  clock.advance(25);
  await settling;
  assert.ok(clock.now() < 1000, 'settled once both files were there');

  const quiet = EscapeWatch.begin({ root, field: 'dest', row: '../<escape>', escapeName: newEscapeName(), recordIds: [ID] });
  quiet.sessionAccepted(clock.now(), ID);
  const waiting = quiet.settle(clock, 1000);
  for (let i = 0; i < 50 && clock.pendingTimers() > 0; i++) {
    clock.advance(25);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await waiting;
  assert.ok(clock.now() >= 125 + 1000, 'with no file, it waits until the deadline');
}));
