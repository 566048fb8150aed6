import assert from 'node:assert/strict';
import test from 'node:test';
import { splitFeaturePaths } from './feature-paths';

test('feature paths are taken out of the cucumber arguments, option values are not', () => {
  const split = splitFeaturePaths(['--tags', '@FT-01', 'features/screen/follows-voice.feature:12:30', 'features/selective', '--name', 'x.feature', 'a/b.feature']);
  assert.deepEqual(split.paths, ['features/screen/follows-voice.feature:12:30', 'features/selective', 'a/b.feature']);
  assert.deepEqual(split.rest, ['--tags', '@FT-01', '--name', 'x.feature']);
});

test('no feature path leaves the arguments as they were', () => {
  assert.deepEqual(splitFeaturePaths(['--parallel', '2', '--fail-fast']), { paths: [], rest: ['--parallel', '2', '--fail-fast'] });
  assert.deepEqual(splitFeaturePaths(['--fail-fast', 'features/dynamic']).paths, ['features/dynamic']);
});
