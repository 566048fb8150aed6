import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildRtpPacket, g711Decode, parseRtpPacket } from '../media';
import { decodeG711Into, readRtpMedia, RtpMediaFields } from './rtp-media';

const fields = (): RtpMediaFields => ({ payloadType: -1, ssrc: -1, timestamp: -1, payloadStart: -1, payloadEnd: -1 });

/** The reference: what simulators/media's parser says about the same bytes. */
function parsed(bytes: Uint8Array): { payloadType: number; ssrc: number; timestamp: number; payload: number[] } | undefined {
  try {
    const packet = parseRtpPacket(bytes);
    return { payloadType: packet.payloadType, ssrc: packet.ssrc, timestamp: packet.timestamp, payload: [...packet.payload] };
  } catch {
    return undefined;
  }
}

function read(bytes: Uint8Array): ReturnType<typeof parsed> {
  const f = fields();
  if (!readRtpMedia(bytes, f)) return undefined;
  return { payloadType: f.payloadType, ssrc: f.ssrc, timestamp: f.timestamp, payload: [...bytes.subarray(f.payloadStart, f.payloadEnd)] };
}

test('valid RTP with CSRCs, extensions and padding reads as parseRtpPacket reads it', () => {
  const packet = fc.record({
    payloadType: fc.integer({ min: 0, max: 127 }),
    marker: fc.boolean(),
    sequence: fc.nat(0xffff),
    timestamp: fc.nat(0xffffffff),
    ssrc: fc.nat(0xffffffff),
    csrcs: fc.array(fc.nat(0xffffffff), { maxLength: 15 }),
    extension: fc.option(fc.record({ profile: fc.nat(0xffff), data: fc.uint8Array({ maxLength: 12 }).map((d) => d.subarray(0, d.length - (d.length % 4))) }), { nil: undefined }),
    payload: fc.uint8Array({ maxLength: 200 }),
    paddingLength: fc.integer({ min: 0, max: 12 }),
  });
  fc.assert(fc.property(packet, (init) => {
    const bytes = buildRtpPacket(init);
    const reference = parsed(bytes);
    assert.ok(reference);
    assert.deepEqual(read(bytes), reference);
  }));
});

test('any bytes at all are rejected exactly when parseRtpPacket rejects them, and read alike otherwise', () => {
  // Headers built to land on every check's boundary: CSRC count vs length, extension length word,
  // padding count 0, just fitting, one too many; plus plain random bytes.
  const header = fc.record({
    version: fc.constantFrom(2, 2, 2, 0, 1, 3),
    padding: fc.boolean(),
    extension: fc.boolean(),
    csrcCount: fc.integer({ min: 0, max: 15 }),
    length: fc.integer({ min: 0, max: 90 }),
    extensionWords: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 256, max: 260 })),
    paddingCount: fc.integer({ min: 0, max: 90 }),
    fill: fc.integer({ min: 0, max: 255 }),
  }).map((h) => {
    const bytes = new Uint8Array(h.length).fill(h.fill);
    if (bytes.length > 0) bytes[0] = (h.version << 6) | (h.padding ? 0x20 : 0) | (h.extension ? 0x10 : 0) | h.csrcCount;
    const extensionAt = 12 + 4 * h.csrcCount;
    if (bytes.length >= extensionAt + 4) {
      bytes[extensionAt + 2] = h.extensionWords >> 8;
      bytes[extensionAt + 3] = h.extensionWords & 0xff;
    }
    if (bytes.length > 1) bytes[bytes.length - 1] = h.paddingCount;
    return bytes;
  });
  fc.assert(fc.property(fc.oneof(header, fc.uint8Array({ maxLength: 60 })), (bytes) => {
    assert.deepEqual(read(bytes), parsed(bytes));
  }), { numRuns: 5000 });
});

test('G.711 decoding in place gives what g711Decode gives, for every code of both laws', () => {
  const codes = Uint8Array.from({ length: 260 }, (_, i) => (i * 7) % 256);
  for (const law of ['mulaw', 'alaw'] as const) {
    const out = new Int16Array(250);
    assert.deepEqual([...decodeG711Into(law, codes, 5, 255, out)], [...g711Decode(law, codes.subarray(5, 255))]);
  }
  assert.throws(() => decodeG711Into('mulaw', codes, 0, 10, new Int16Array(9)), RangeError);
});
