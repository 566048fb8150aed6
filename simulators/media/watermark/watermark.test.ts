import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { g711RoundTrip, g711Encode } from '../g711';
import { FRAME_SAMPLES, GROUPS, MAX_STREAM_ID, decodeSymbols, encodeSymbols, payloadCrc, toneBin } from './layout';
import { synthesizeFrame } from './frame-synth';
import { correlate, decideTones, isWholeFrame } from './frame-decoder';
import { WatermarkSource } from './watermark-source';

test('watermark layout: 12-bit stream id, 16-bit index, CRC-8 in 18 groups on bins 6..77', () => {
  assert.equal(MAX_STREAM_ID, 4095);
  assert.equal(GROUPS, 18);
  assert.equal(toneBin(0, 0), 6);
  assert.equal(toneBin(GROUPS - 1, 3), 77);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: MAX_STREAM_ID }), fc.nat(), (id, index) => {
      const decoded = decodeSymbols(encodeSymbols(id, index));
      assert.deepEqual(decoded, { streamId: id, index16: index % 65536, crcOk: true });
    }),
  );
});

test('watermark layout: the CRC catches every single-group error', () => {
  const symbols = encodeSymbols(1234, 54321);
  for (let g = 0; g < GROUPS; g++) {
    for (let delta = 1; delta < 4; delta++) {
      const damaged = Uint8Array.from(symbols);
      damaged[g] = (damaged[g] + delta) % 4;
      assert.equal(decodeSymbols(damaged).crcOk, false, `group ${g} +${delta}`);
    }
  }
  assert.equal(payloadCrc(0, 0), payloadCrc(0, 0));
  assert.throws(() => encodeSymbols(4096, 0), /outside 0\.\.4095/);
});

test('watermark frames decode right through both G.711 laws (random ids and indexes)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: MAX_STREAM_ID }), fc.integer({ min: 0, max: 65535 }), (id, index) => {
      const pcm = synthesizeFrame(id, index);
      for (const law of ['mulaw', 'alaw'] as const) {
        const decision = decideTones(g711RoundTrip(law, pcm), 0);
        assert.equal(decision.crcOk, true);
        assert.equal(decision.streamId, id);
        assert.equal(decision.index16, index);
        assert.ok(decision.dominance > 100, `dominance ${decision.dominance}`);
      }
    }),
    { numRuns: 300 },
  );
});

test('watermark frames never clip, start and end loud, and hold no silence-like run', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: MAX_STREAM_ID }), fc.nat(), (id, index) => {
      const pcm = synthesizeFrame(id, index);
      let run = 0;
      let longest = 0;
      for (const x of pcm) {
        assert.ok(Math.abs(x) <= 31000, `sample ${x}`);
        run = Math.abs(x) <= 8 ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
      assert.ok(longest <= 3, `run of ${longest} near-zero samples`);
      assert.ok(Math.abs(pcm[0]) > 2000 && Math.abs(pcm[FRAME_SAMPLES - 1]) > 2000, `edges ${pcm[0]} ${pcm[159]}`);
    }),
    { numRuns: 500 },
  );
});

test('matched filter: 1 at the true start, low one sample off, negative against the next frame', () => {
  const frame = synthesizeFrame(77, 1000);
  const audio = new Int16Array(480);
  audio.set(g711RoundTrip('mulaw', frame), 100);
  assert.ok(correlate(audio, 100, frame) > 0.999);
  assert.ok(correlate(audio, 99, frame) < 0.5);
  assert.ok(correlate(audio, 101, frame) < 0.5);
  assert.ok(correlate(audio, 100, synthesizeFrame(77, 1001)) < 0);
});

test('isWholeFrame: a frame missing even its last sample is not whole', () => {
  const frame = synthesizeFrame(5, 6);
  const audio = new Int16Array(400);
  audio.set(frame, 100);
  assert.equal(isWholeFrame(audio, 100, frame, 0.005), true);
  audio[259] = 0;
  assert.equal(isWholeFrame(audio, 100, frame, 0.005), false);
  audio.set(frame, 100);
  audio[100] = 0;
  assert.equal(isWholeFrame(audio, 100, frame, 0.005), false);
});

test('WatermarkSource: payload is the G.711 coding of the frame PCM, for each law', () => {
  const source = new WatermarkSource(300);
  const pcm = source.pcm(42);
  assert.deepEqual(pcm, synthesizeFrame(300, 42));
  assert.deepEqual(source.payload(42, 'alaw'), g711Encode('alaw', pcm));
  assert.deepEqual(source.frameSource('mulaw').payload(43), g711Encode('mulaw', synthesizeFrame(300, 43)));
  assert.throws(() => new WatermarkSource(-1), /stream id -1/);
});

test('synthesizeFrame: every sample is what the frames have always been (fingerprint over 12 interleaved streams)', () => {
  // The fingerprint was taken from synthesis summing all 18 tones per frame; the cached partial
  // sums must not move a single sample, or recordings made earlier would no longer match. The
  // streams take turns and the later indexes jump between high bytes, so slots are rebuilt often.
  const streams = [0, 1, 17, 300, 4095, 2048, 77, 5, 9, 1000, 3333, 12];
  let hash = 0x811c9dc5;
  let state = 12345;
  const out = new Int16Array(160);
  for (let k = 0; k < 20000; k++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const index = k < 10000 ? k * 3 + ((state >>> 20) % 3) : (state >>> 4) % 200000;
    synthesizeFrame(streams[state % streams.length], index, out);
    for (let i = 0; i < 160; i++) hash = Math.imul(hash ^ (out[i] & 0xffff), 16777619) >>> 0;
  }
  assert.equal(hash.toString(16), '5b3c60bf');
});
