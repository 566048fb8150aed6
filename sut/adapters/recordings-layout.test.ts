import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AmbiguousRecordingError, findRecordingFiles, layoutProblem, nameCarriesId } from './recordings-layout';

function tree(files: string[]): { root: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'gir-layout-'));
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  return { root, done: () => rmSync(root, { recursive: true, force: true }) };
}

test('byId finds the files whose names carry the id at any depth, and nothing for an id not written', () => {
  const { root, done } = tree(['2026-12-02/rec-7.wav', '2026-12-02/rec-7.json', '2026-12-02/rec-70.wav', 'sales/rec-8.wav']);
  try {
    assert.deepEqual(findRecordingFiles(root, 'byId', 'rec-7'), { wav: join(root, '2026-12-02/rec-7.wav'), metadata: join(root, '2026-12-02/rec-7.json') });
    assert.deepEqual(findRecordingFiles(root, 'byId', 'rec-9'), { wav: undefined, metadata: undefined });
  } finally {
    done();
  }
});

test('byId with a dest looks only under <root>/<dest>/', () => {
  const { root, done } = tree(['rec-1.wav', 'sales/eu/2026/rec-2.wav']);
  try {
    assert.equal(findRecordingFiles(root, 'byId', 'rec-1', 'sales/eu').wav, undefined);
    assert.equal(findRecordingFiles(root, 'byId', 'rec-2', 'sales/eu').wav, join(root, 'sales/eu/2026/rec-2.wav'));
  } finally {
    done();
  }
});

test('two files that could each be the recording are an error naming both', () => {
  const { root, done } = tree(['2026-12-01/rec-3.wav', '2026-12-02/rec-3.wav']);
  try {
    assert.throws(() => findRecordingFiles(root, 'byId', 'rec-3'), (error: unknown) => {
      assert.ok(error instanceof AmbiguousRecordingError);
      assert.match(error.message, /2026-12-01\/rec-3\.wav and .*2026-12-02\/rec-3\.wav/);
      return true;
    });
  } finally {
    done();
  }
});

test('a pattern places {dest}, any folder for {date} and the id in the file name', () => {
  const { root, done } = tree(['2026-12-02/rec-4.wav', '2026-12-02/rec-4.json', 'sales/2026-12-02/rec-5.wav', 'rec-6.wav']);
  try {
    const pattern = '{dest}/{date}/{id}';
    assert.deepEqual(findRecordingFiles(root, pattern, 'rec-4'), { wav: join(root, '2026-12-02/rec-4.wav'), metadata: join(root, '2026-12-02/rec-4.json') });
    assert.equal(findRecordingFiles(root, pattern, 'rec-5', 'sales').wav, join(root, 'sales/2026-12-02/rec-5.wav'));
    assert.equal(findRecordingFiles(root, pattern, 'rec-6').wav, undefined, 'a flat file is not where the pattern says');
    assert.equal(findRecordingFiles(root, 'call-{id}', 'rec-6').wav, undefined);
  } finally {
    done();
  }
});

test('a name carries an id only where the id is bounded by non-alphanumerics', () => {
  assert.equal(nameCarriesId('gir-1.wav', 'gir-1'), true);
  assert.equal(nameCarriesId('20261202_gir-1.wav', 'gir-1'), true);
  assert.equal(nameCarriesId('gir-10.wav', 'gir-1'), false);
  assert.equal(nameCarriesId('xgir-1.wav', 'gir-1'), false);
});

test('a layout pattern is checked: known placeholders, {id} in the file name, no escape', () => {
  assert.equal(layoutProblem('byId'), undefined);
  assert.equal(layoutProblem('{dest}/{date}/{id}'), undefined);
  assert.match(layoutProblem('{dest}/{date}') ?? '', /must carry \{id\}/);
  assert.match(layoutProblem('{year}/{id}') ?? '', /unknown placeholder.*\{year\}/);
  assert.match(layoutProblem('../{id}') ?? '', /without "\." or "\.\."/);
  assert.match(layoutProblem('/abs/{id}') ?? '', /relative path/);
  assert.match(layoutProblem('{id}/{id}') ?? '', /belongs in the file name/);
});
