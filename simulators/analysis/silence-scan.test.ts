import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanSilence, silencedetectOptions } from './silence-scan';
import { seededRandom } from '../media/seeded-random';

test('silence scan: runs at least minSamples long, exact edges, at the file ends too', () => {
  const samples = new Int16Array(1000).fill(1000);
  samples.fill(0, 0, 50);
  samples.fill(-8, 100, 139); // 39: too short
  samples.fill(8, 200, 240); // 40: a window
  samples.fill(9, 300, 400); // above the threshold
  samples.fill(0, 900, 1000);
  assert.deepEqual(scanSilence(samples, { maxAmplitude: 8, minSamples: 40 }), [
    { start: 0, length: 50 },
    { start: 200, length: 40 },
    { start: 900, length: 100 },
  ]);
});

test("silence scan: ffmpeg silencedetect's -70 dB / 5 ms at 8 kHz means |x| <= 9 for 40 samples", () => {
  assert.deepEqual(silencedetectOptions(-70, 0.005, 8000), { maxAmplitude: 9, minSamples: 40 });
});

test('silence scan: the probing pass finds exactly what a sample-by-sample pass finds', () => {
  // Random runs of silence and noise of every length around the minimum, at every alignment.
  const uniform = seededRandom(12345);
  const random = (n: number): number => Math.floor(uniform() * n);
  const samples = new Int16Array(200_000);
  for (let i = 0; i < samples.length; ) {
    const silent = random(2) === 0;
    const run = 1 + random(90);
    for (let k = 0; k < run && i < samples.length; k++, i++) samples[i] = silent ? random(19) - 9 : (random(2) ? 1 : -1) * (10 + random(3000));
  }
  const expected: { start: number; length: number }[] = [];
  for (let i = 0; i < samples.length; ) {
    if (Math.abs(samples[i]) > 9) { i++; continue; }
    const start = i;
    while (i < samples.length && Math.abs(samples[i]) <= 9) i++;
    if (i - start >= 40) expected.push({ start, length: i - start });
  }
  assert.ok(expected.length > 100);
  assert.deepEqual(scanSilence(samples, { maxAmplitude: 9, minSamples: 40 }), expected);
});

test('silence scan: a channel of interleaved data gives the same windows as the channel alone', () => {
  const left = new Int16Array(1000).fill(500);
  const right = new Int16Array(1000).fill(-500);
  left.fill(0, 100, 300);
  right.fill(3, 0, 41);
  right.fill(0, 950, 1000);
  const interleaved = new Int16Array(2000);
  for (let i = 0; i < 1000; i++) {
    interleaved[2 * i] = left[i];
    interleaved[2 * i + 1] = right[i];
  }
  const options = { maxAmplitude: 9, minSamples: 40 };
  assert.deepEqual(scanSilence(interleaved, options, { stride: 2, offset: 0 }), scanSilence(left, options));
  assert.deepEqual(scanSilence(interleaved, options, { stride: 2, offset: 1 }), [{ start: 0, length: 41 }, { start: 950, length: 50 }]);
});
