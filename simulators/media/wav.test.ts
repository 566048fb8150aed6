import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WaveFile } from 'wavefile';
import { WavFormatError, readWav, writeWav } from './wav';
import { g711Decode } from './g711';

test('wav: stereo 16-bit PCM round trip keeps channel order and every sample', () => {
  const left = Int16Array.from({ length: 1000 }, (_, i) => (i * 97) % 65536 - 32768);
  const right = Int16Array.from({ length: 1000 }, (_, i) => -i);
  const bytes = writeWav({ sampleRate: 8000, channels: [left, right] });
  assert.equal(bytes.length, 44 + 4000);
  const audio = readWav(bytes);
  assert.equal(audio.sampleRate, 8000);
  assert.deepEqual(audio.channels, [left, right]);
});

test('wav: mono round trip', () => {
  const mono = Int16Array.of(1, -1, 32767, -32768, 0);
  assert.deepEqual(readWav(writeWav({ sampleRate: 8000, channels: [mono] })).channels, [mono]);
});

test('wav: a G.711 mu-law WAV (format 7) is read as decoded PCM', () => {
  const codes = Uint8Array.of(0x00, 0x80, 0xff, 0x10, 0x90, 0x7f);
  const wav = new WaveFile();
  wav.fromScratch(2, 8000, '8m', codes);
  const audio = readWav(wav.toBuffer());
  assert.deepEqual(Array.from(audio.channels[0]), Array.from(g711Decode('mulaw', Uint8Array.of(0x00, 0xff, 0x90))));
  assert.deepEqual(Array.from(audio.channels[1]), Array.from(g711Decode('mulaw', Uint8Array.of(0x80, 0x10, 0x7f))));
});

test('wav: unreadable or unsupported files fail with WavFormatError naming the source', () => {
  assert.throws(() => readWav(Buffer.from('not a wav at all'), 'rec-7.wav'), (e: unknown) => e instanceof WavFormatError && /rec-7\.wav/.test(e.message));
  const float = new WaveFile();
  float.fromScratch(1, 8000, '32f', [0.5, -0.5]);
  assert.throws(() => readWav(float.toBuffer()), /format tag 3/);
  assert.throws(() => writeWav({ sampleRate: 8000, channels: [new Int16Array(2), new Int16Array(3)] }), /differ in length/);
});
