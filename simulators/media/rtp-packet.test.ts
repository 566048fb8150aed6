import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RtpParseError, buildRtpPacket, parseRtpPacket } from './rtp-packet';

test('rtp: build then parse gives every field back', () => {
  const payload = Uint8Array.from({ length: 160 }, (_, i) => i);
  const packet = buildRtpPacket({
    payloadType: 8,
    marker: true,
    sequence: 65535,
    timestamp: 4294967295,
    ssrc: 0xdeadbeef,
    csrcs: [1, 2],
    extension: { profile: 0xbede, data: Uint8Array.of(1, 2, 3, 4) },
    payload,
    paddingLength: 4,
  });
  assert.equal(packet.length, 12 + 8 + 8 + 160 + 4);
  const parsed = parseRtpPacket(packet);
  assert.equal(parsed.payloadType, 8);
  assert.equal(parsed.marker, true);
  assert.equal(parsed.sequence, 65535);
  assert.equal(parsed.timestamp, 4294967295);
  assert.equal(parsed.ssrc, 0xdeadbeef);
  assert.deepEqual(parsed.csrcs, [1, 2]);
  assert.equal(parsed.extension?.profile, 0xbede);
  assert.deepEqual(Array.from(parsed.extension?.data ?? []), [1, 2, 3, 4]);
  assert.deepEqual(Array.from(parsed.payload), Array.from(payload));
  assert.equal(parsed.paddingLength, 4);
});

test('rtp: sequence and timestamp wrap to their wire width', () => {
  const parsed = parseRtpPacket(buildRtpPacket({ payloadType: 0, sequence: 65536 + 5, timestamp: 2 ** 32 + 160, payload: new Uint8Array(0) }));
  assert.equal(parsed.sequence, 5);
  assert.equal(parsed.timestamp, 160);
  assert.equal(parsed.marker, false);
});

test('rtp: malformed packets fail with RtpParseError naming the problem', () => {
  assert.throws(() => parseRtpPacket(new Uint8Array(11)), (e: unknown) => e instanceof RtpParseError && /fixed header/.test(e.message));
  const v1 = buildRtpPacket({ payloadType: 0, payload: new Uint8Array(4) });
  v1[0] = (v1[0] & 0x3f) | 0x40;
  assert.throws(() => parseRtpPacket(v1), /version 1/);
  const badPadding = buildRtpPacket({ payloadType: 0, payload: new Uint8Array(4), paddingLength: 2 });
  badPadding[badPadding.length - 1] = 200;
  assert.throws(() => parseRtpPacket(badPadding), /padding count 200/);
  const csrcs = buildRtpPacket({ payloadType: 0, payload: new Uint8Array(0) });
  csrcs[0] |= 0x03;
  assert.throws(() => parseRtpPacket(csrcs), /3 CSRCs/);
});

test('rtp: builder refuses values that do not fit', () => {
  assert.throws(() => buildRtpPacket({ payloadType: 128, payload: new Uint8Array(0) }), RangeError);
  assert.throws(() => buildRtpPacket({ payloadType: 0, payload: new Uint8Array(0), extension: { profile: 1, data: new Uint8Array(3) } }), /multiple of 4/);
});
