import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideTones, g711Decode, parseRtpPacket } from '../media';
import { watermarkAudioPcap } from './watermark-audio-pcap';

test('watermark audio pcap: Ethernet, a non-zero first timestamp, frame i = RTP seq first+i carrying watermark index i', () => {
  const pcap = watermarkAudioPcap({ streamId: 4001, durationMs: 1000, firstSequence: 65530 });
  const file = pcap.file;
  assert.equal(file.readUInt32LE(0), 0xa1b2c3d4);
  assert.equal(file.readUInt32LE(20), 1, 'link type Ethernet');
  assert.equal(pcap.frames, 50);
  let offset = 24;
  let previousUs = 0;
  for (let i = 0; i < pcap.frames; i++) {
    const timeUs = file.readUInt32LE(offset) * 1e6 + file.readUInt32LE(offset + 4);
    const length = file.readUInt32LE(offset + 8);
    if (i === 0) assert.ok(timeUs > 0, 'first capture timestamp is not 0');
    else assert.equal(timeUs - previousUs, 20_000, `frame ${i} is 20 ms after the one before`);
    previousUs = timeUs;
    const frame = file.subarray(offset + 16, offset + 16 + length);
    assert.equal(frame.readUInt16BE(12), 0x0800, 'IPv4 in Ethernet');
    assert.equal(frame[14 + 9], 17, 'UDP');
    const rtp = parseRtpPacket(frame.subarray(14 + 20 + 8));
    assert.equal(rtp.sequence, (65530 + i) % 65536);
    assert.equal(rtp.timestamp, i * 160);
    const tones = decideTones(g711Decode('mulaw', rtp.payload), 0);
    assert.deepEqual({ id: tones.streamId, index: tones.index16, crc: tones.crcOk }, { id: 4001, index: i, crc: true });
    offset += 16 + length;
  }
  assert.equal(offset, file.length);
});
