import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SdpError } from '../errors';
import { answerSdp, buildSdp, readSdp, withDirection } from './sdp';

test('a recording offer: two m=audio lines, PCMU and PCMA, ptime 20, sendonly, labels 1 and 2', () => {
  const sdp = buildSdp({
    address: '127.0.0.1',
    origin: { username: 'sut', sessionId: 42, sessionVersion: 1 },
    media: [
      { port: 40000, direction: 'sendonly', label: '1' },
      { port: 40002, direction: 'sendonly', label: '2' },
    ],
  });
  assert.match(sdp, /\r\nm=audio 40000 RTP\/AVP 0 8\r\n/);
  const info = readSdp(sdp);
  assert.equal(info.origin.username, 'sut');
  assert.deepEqual(
    info.media.map((m) => [m.port, m.address, m.direction, m.label, m.ptime, m.codecs.map((c) => c.name).join(',')]),
    [
      [40000, '127.0.0.1', 'sendonly', '1', 20, 'PCMU,PCMA'],
      [40002, '127.0.0.1', 'sendonly', '2', 20, 'PCMU,PCMA'],
    ],
  );
});

test('answers keep line order and labels, pick the first common codec, reverse the direction', () => {
  const offer = buildSdp({ address: '10.0.0.1', media: [{ port: 4000, codecs: ['PCMA', 'PCMU'], direction: 'sendonly', label: '1' }, { port: 4002, codecs: ['telephone-event'] }] });
  const answer = readSdp(answerSdp(offer, { address: '10.0.0.2', ports: [5000, 5002] }));
  assert.equal(answer.media[0].port, 5000);
  assert.equal(answer.media[0].codecs[0].name, 'PCMA');
  assert.equal(answer.media[0].direction, 'recvonly');
  assert.equal(answer.media[0].label, '1');
  assert.equal(answer.media[1].port, 0, 'no common codec: line rejected');
});

test('hold: withDirection sets a=inactive and bumps the origin version; m-level c= wins', () => {
  const sdp = buildSdp({ address: '10.0.0.1', origin: { sessionVersion: 3 }, media: [{ port: 4000, address: '10.0.0.9' }] });
  const held = readSdp(withDirection(sdp, 'inactive'));
  assert.equal(held.media[0].direction, 'inactive');
  assert.equal(held.origin.sessionVersion, 4);
  assert.equal(held.media[0].address, '10.0.0.9');
});

test('bodies that are not SDP are typed errors', () => {
  assert.throws(() => readSdp('<msml/>'), SdpError);
  assert.throws(() => readSdp('v=0\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n'), SdpError);
});
