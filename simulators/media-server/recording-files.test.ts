import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav } from '../media/wav';
import { recordingMetadata } from './recording-metadata';
import { recordingPaths } from './recording-paths';
import { writeRecordingFiles, temporaryName } from './recording-files';
import { arrayReader } from './recording-wav';

test('a stereo WAV and its metadata land under their final names, no temporary left', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gir-files-'));
  try {
    const paths = recordingPaths(root, 'rec-1', 'sm/eu');
    const left = Int16Array.from([1, 2, 3]);
    const right = Int16Array.from([-1, -2, -3]);
    const metadata = recordingMetadata({
      id: 'rec-1', dn: '7001',
      parameters: { connId: '00a1b2c3d4e5f607', side: 'destination', partitions: ['sales'], dest: 'sm/eu' },
      events: [{ type: 'started', at: '2026-01-01T00:00:00.000Z', atMs: 0 }, { type: 'stopped', at: '2026-01-01T00:00:01.000Z', atMs: 1000 }],
    });
    await writeRecordingFiles(paths, { channels: [arrayReader(left), arrayReader(right)], frames: 3, sampleRate: 8000 }, metadata);
    assert.deepEqual(readdirSync(join(root, 'sm', 'eu')).sort(), ['rec-1.json', 'rec-1.wav']);
    const wav = readWav(readFileSync(paths.wav));
    assert.equal(wav.sampleRate, 8000);
    assert.deepEqual(wav.channels.map((c) => [...c]), [[1, 2, 3], [-1, -2, -3]]);
    const written = JSON.parse(readFileSync(paths.metadata, 'utf8'));
    assert.equal(written.connId, '00a1b2c3d4e5f607');
    assert.deepEqual(written.partitions, ['sales']);
    assert.equal(written.agentId, null);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('temporary names are hidden and never end in .wav or .json', () => {
  const name = temporaryName('/rec/a/rec-1.wav');
  assert.match(name, /^\/rec\/a\/\.rec-1\.wav\.[0-9a-f]{8}\.part$/);
});

test('while the WAV is being written only its hidden temporary exists; then both final files and no temporary', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gir-files-'));
  try {
    const paths = recordingPaths(root, 'rec-2');
    const metadata = recordingMetadata({
      id: 'rec-2', dn: '7001', parameters: { connId: 'c', side: 'source', partitions: [] },
      events: [{ type: 'started', at: '2026-01-01T00:00:00.000Z', atMs: 0 }, { type: 'stopped', at: '2026-01-01T00:00:09.000Z', atMs: 9000 }],
    });
    let seenMidWrite: string[] = [];
    const samples = new Int16Array(72_000).fill(3);
    await writeRecordingFiles(paths, { channels: [arrayReader(samples), arrayReader(samples)], frames: samples.length, sampleRate: 8000 }, metadata, {
      midWavWrite: async () => {
        seenMidWrite = readdirSync(root);
      },
    });
    assert.equal(seenMidWrite.length, 1);
    assert.match(seenMidWrite[0], /^\.rec-2\.wav\.[0-9a-f]{8}\.part$/);
    assert.deepEqual(readdirSync(root).sort(), ['rec-2.json', 'rec-2.wav']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a write that fails leaves neither a final name nor a temporary', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gir-files-'));
  try {
    const paths = recordingPaths(root, 'rec-3');
    const metadata = recordingMetadata({
      id: 'rec-3', dn: '7001', parameters: { connId: 'c', side: 'source', partitions: [] },
      events: [{ type: 'started', at: '2026-01-01T00:00:00.000Z', atMs: 0 }, { type: 'stopped', at: '2026-01-01T00:00:01.000Z', atMs: 1000 }],
    });
    const broken = { length: 8000, read: () => { throw new Error('disk gone'); } };
    await assert.rejects(writeRecordingFiles(paths, { channels: [broken, broken], frames: 8000, sampleRate: 8000 }, metadata), /disk gone/);
    assert.deepEqual(readdirSync(root), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
