import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PayloadType, g711Decode, g711Encode, g711RoundTrip, g711SilenceCode, lawOfPayloadType, payloadTypeOfLaw } from './g711';

const LAWS = ['mulaw', 'alaw'] as const;

test('g711: every code decodes to a value that encodes back to the same code', () => {
  const codes = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (const law of LAWS) {
    const again = g711Encode(law, g711Decode(law, codes));
    for (let code = 0; code < 256; code++) {
      // mu-law has two zeros (0xFF and 0x7F); zero encodes to 0xFF.
      const expected = law === 'mulaw' && code === 0x7f ? 0xff : code;
      assert.equal(again[code], expected, `${law} code 0x${code.toString(16)}`);
    }
  }
});

test('g711: known codes of both laws (silence, extremes)', () => {
  assert.equal(g711SilenceCode('mulaw'), 0xff);
  assert.equal(g711SilenceCode('alaw'), 0xd5);
  assert.deepEqual(Array.from(g711Decode('mulaw', Uint8Array.of(0x00, 0x80, 0xff, 0x7f))), [-32124, 32124, 0, 0]);
  assert.deepEqual(Array.from(g711Decode('alaw', Uint8Array.of(0xd5, 0x55, 0xaa, 0x2a))), [8, -8, 32256, -32256]);
});

test('g711: round-trip error stays within half a quantisation step (~1/32 of the value)', () => {
  const pcm = Int16Array.from({ length: 64001 }, (_, i) => i - 32000);
  for (const law of LAWS) {
    const out = g711RoundTrip(law, pcm);
    for (let i = 0; i < pcm.length; i++) {
      const bound = Math.max(8, Math.abs(pcm[i]) / 16);
      assert.ok(Math.abs(out[i] - pcm[i]) <= bound, `${law}: ${pcm[i]} came back as ${out[i]}`);
    }
  }
});

test('g711: payload types map to laws and back; others are refused', () => {
  assert.equal(lawOfPayloadType(PayloadType.PCMU), 'mulaw');
  assert.equal(lawOfPayloadType(PayloadType.PCMA), 'alaw');
  assert.equal(payloadTypeOfLaw('alaw'), 8);
  assert.throws(() => lawOfPayloadType(18), /not G\.711/);
});

test('g711: encode into a caller buffer refuses one that is too short', () => {
  assert.throws(() => g711Encode('mulaw', new Int16Array(160), new Uint8Array(10)), RangeError);
});
