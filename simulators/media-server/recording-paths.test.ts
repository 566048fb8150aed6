import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordingPathError, recordingPaths } from './recording-paths';

test('files go under root/dest named by the record id', () => {
  assert.deepEqual(recordingPaths('/rec', 'abc-1'), { directory: '/rec', wav: '/rec/abc-1.wav', metadata: '/rec/abc-1.json' });
  assert.equal(recordingPaths('/rec', 'abc', 'sm/import/./eu/').wav, '/rec/sm/import/eu/abc.wav');
});

test('a dated folder goes under the root, or under the dest when one is given', () => {
  assert.equal(recordingPaths('/rec', 'abc', undefined, '2026-12-02').wav, '/rec/2026-12-02/abc.wav');
  assert.equal(recordingPaths('/rec', 'abc', 'sales', '2026-12-02').metadata, '/rec/sales/2026-12-02/abc.json');
});

test('ids and dests that would escape the root are refused, naming the field', () => {
  const refused: [string, string | undefined, RegExp][] = [
    ['../x', undefined, /^id "\.\.\/x" refused/],
    ['a/b', undefined, /^id "a\/b" refused: not a file-name token/],
    ['..', undefined, /^id/],
    ['a\0b', undefined, /^id "a\\0b" refused: contains NUL/],
    ['ok', '../up', /^dest "\.\.\/up" refused: "\.\." leaves/],
    ['ok', 'a/../../up', /^dest/],
    ['ok', '/etc', /^dest "\/etc" refused: absolute path/],
    ['ok', 'a\\b', /^dest "a\\b" refused: contains a backslash/],
    ['ok', 'a\0', /^dest .* contains NUL/],
  ];
  for (const [id, dest, expected] of refused) {
    assert.throws(() => recordingPaths('/rec', id, dest), (e: unknown) => e instanceof RecordingPathError && expected.test(e.message), `${id} ${dest}`);
  }
});
