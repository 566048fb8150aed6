import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav, seededRandom, writeWav } from '../media';
import { arrayReader, CHUNK_FRAMES, interleave, RecordingAudio, wavHeader, writeWavTo } from './recording-wav';

async function written(audio: RecordingAudio): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'gir-wav-'));
  try {
    const handle = await open(join(dir, 'a.wav'), 'w');
    try {
      await writeWavTo(handle, audio);
    } finally {
      await handle.close();
    }
    return readFileSync(join(dir, 'a.wav'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function noise(length: number, seed: number): Int16Array {
  const random = seededRandom(seed);
  return Int16Array.from({ length }, () => Math.floor(random() * 65536) - 32768);
}

/** What the recording would be as whole channels of `frames` samples (zeros past a short channel). */
function padded(channel: Int16Array, frames: number): Int16Array {
  const whole = new Int16Array(frames);
  whole.set(channel.subarray(0, frames));
  return whole;
}

test('the WAV is byte for byte what simulators/media writeWav writes, across chunk boundaries', async () => {
  for (const frames of [0, 1, 3, CHUNK_FRAMES - 1, CHUNK_FRAMES, CHUNK_FRAMES + 1, 2 * CHUNK_FRAMES + 777]) {
    const channels = [noise(frames, frames + 1), noise(frames, frames + 2)];
    const ours = await written({ channels: channels.map((c) => arrayReader(c)), frames, sampleRate: 8000 });
    assert.deepEqual(ours, writeWav({ sampleRate: 8000, channels }), `${frames} frames`);
  }
});

test('a channel shorter than the recording is padded with silence, a longer one is cut', async () => {
  const frames = CHUNK_FRAMES + 500;
  const short = noise(CHUNK_FRAMES - 20, 7);
  const long = noise(frames + 300, 8);
  const ours = await written({ channels: [arrayReader(short), arrayReader(long)], frames, sampleRate: 8000 });
  assert.deepEqual(ours, writeWav({ sampleRate: 8000, channels: [padded(short, frames), padded(long, frames)] }));
  const wav = readWav(ours);
  assert.equal(wav.channels[0][CHUNK_FRAMES - 21], short[CHUNK_FRAMES - 21]);
  assert.deepEqual([...wav.channels[0].subarray(CHUNK_FRAMES - 20)], new Array(520).fill(0));
});

test('mono and other rates keep a consistent header', () => {
  const header = wavHeader(1, 16000, 10);
  assert.equal(header.toString('ascii', 0, 4), 'RIFF');
  assert.equal(header.readUInt32LE(4), 36 + 20);
  assert.equal(header.readUInt32LE(24), 16000);
  assert.equal(header.readUInt32LE(28), 32000, 'byte rate');
  assert.equal(header.readUInt16LE(32), 2, 'block align');
  assert.equal(header.readUInt32LE(40), 20, 'data bytes');
});

test('interleave writes frame by frame', () => {
  const out = new Int16Array(6);
  interleave([Int16Array.from([2, 3, 4]), Int16Array.from([-2, 0, 0])], out);
  assert.deepEqual([...out], [2, -2, 3, 0, 4, 0]);
});

test('an array reader gives its samples, then silence, cut at its length', () => {
  const reader = arrayReader(Int16Array.from([1, 2, 3]), 5);
  const into = new Int16Array(4).fill(9);
  reader.read(1, into);
  assert.deepEqual([...into], [2, 3, 0, 0]);
  const cut = arrayReader(Int16Array.from([1, 2, 3]), 2);
  const two = new Int16Array(3).fill(9);
  cut.read(0, two);
  assert.deepEqual([...two], [1, 2, 0]);
});
