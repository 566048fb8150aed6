import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRtpPacket } from '../media';
import { readCapture } from './capture-reader';
import { LINKTYPE, writePcapFile } from './pcap-file-writer';
import { ethernetFrame, IP_PROTOCOL, ipPacket, nullFrame, sll2Frame, sllFrame, TCP_FLAGS, tcpSegment, udpSegment } from './packet-builder';

const INVITE = 'INVITE sip:7001@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\nCall-ID: c1@test\r\nCSeq: 1 INVITE\r\nContent-Length: 4\r\n\r\nv=0\n';
const OK = 'SIP/2.0 200 OK\r\nCall-ID: c1@test\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n';

function udpFrames(host: { a: string; b: string }, wrap: (ip: Buffer) => Buffer): { timeUs: number; data: Buffer }[] {
  const endpoints = { source: { host: host.a, port: 5070 }, destination: { host: host.b, port: 5060 } };
  const back = { source: endpoints.destination, destination: endpoints.source };
  const udp = (e: typeof endpoints, payload: Uint8Array) => wrap(ipPacket(e, IP_PROTOCOL.UDP, udpSegment({ source: e.source.port, destination: e.destination.port }, payload)));
  const rtp = (sequence: number) => buildRtpPacket({ payloadType: 0, sequence, timestamp: sequence * 160, ssrc: 7, payload: new Uint8Array(160) });
  return [
    { timeUs: 1_000_000, data: udp(endpoints, Buffer.from(INVITE)) },
    { timeUs: 1_001_000, data: udp(back, Buffer.from(OK)) },
    { timeUs: 1_020_000, data: udp(endpoints, rtp(10)) },
    { timeUs: 1_040_000, data: udp(endpoints, rtp(11)) },
    // RTCP (payload type 200 → 72 after the marker bit) and a non-RTP datagram are neither.
    { timeUs: 1_050_000, data: udp(endpoints, Buffer.from([0x80, 200, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7])) },
    { timeUs: 1_060_000, data: udp(endpoints, Buffer.from('hello, not RTP')) },
  ];
}

const LINKS: [string, number, (ip: Buffer) => Buffer][] = [
  ['Ethernet', LINKTYPE.ETHERNET, ethernetFrame],
  ['Linux SLL', LINKTYPE.LINUX_SLL, sllFrame],
  ['Linux SLL2', LINKTYPE.LINUX_SLL2, sll2Frame],
  ['raw IP', LINKTYPE.RAW, (ip) => ip],
  ['BSD loopback', LINKTYPE.NULL, nullFrame],
];

for (const [name, linkType, wrap] of LINKS) {
  for (const [family, hosts] of [['IPv4', { a: '127.0.0.1', b: '127.0.0.2' }], ['IPv6', { a: '::1', b: 'fe80::2' }]] as const) {
    test(`capture reader: ${name} (${linkType}) over ${family}: SIP requests and responses, RTP, nothing else`, async () => {
      const capture = await readCapture(writePcapFile(linkType, udpFrames(hosts, wrap)));
      assert.equal(capture.linkType, linkType);
      assert.equal(capture.frames, 6);
      assert.deepEqual(capture.sip.map((m) => m.method ?? m.status), ['INVITE', 200]);
      assert.equal(capture.sip[0].callId, 'c1@test');
      assert.equal(capture.sip[0].source.host, hosts.a);
      assert.equal(capture.sip[1].destination.port, 5070);
      assert.deepEqual(capture.rtp.map((p) => p.sequence), [10, 11]);
      assert.equal(capture.rtp[1].timeUs, 1_040_000);
    });
  }
}

test('capture reader: SIP over TCP is reassembled: split, out of order, retransmitted, two in one segment', async () => {
  const endpoints = { source: { host: '127.0.0.1', port: 40000 }, destination: { host: '127.0.0.1', port: 5060 } };
  const seg = (sequence: number, flags: number, text: string) =>
    ethernetFrame(ipPacket(endpoints, IP_PROTOCOL.TCP, tcpSegment({ source: 40000, destination: 5060 }, sequence, flags, Buffer.from(text, 'latin1'))));
  const first = INVITE.slice(0, 30);
  const rest = INVITE.slice(30);
  const isn = 1000;
  const frames = [
    seg(isn, TCP_FLAGS.SYN, ''),
    seg(isn + 1 + first.length, TCP_FLAGS.ACK | TCP_FLAGS.PSH, rest), // ahead of the gap
    seg(isn + 1, TCP_FLAGS.ACK | TCP_FLAGS.PSH, first), // fills it: the INVITE completes here
    seg(isn + 1, TCP_FLAGS.ACK | TCP_FLAGS.PSH, first), // retransmission
    seg(isn + 1 + INVITE.length, TCP_FLAGS.ACK | TCP_FLAGS.PSH, `\r\n${OK}${OK}`), // keep-alive CRLF, then two messages
  ].map((data, i) => ({ timeUs: 2_000_000 + i * 1000, data }));
  const capture = await readCapture(writePcapFile(LINKTYPE.ETHERNET, frames));
  assert.deepEqual(capture.sip.map((m) => `${m.method ?? m.status}@${m.timeUs}`), ['INVITE@2002000', '200@2004000', '200@2004000']);
  assert.equal(capture.sip[0].protocol, 'tcp');
  assert.equal(capture.rtp.length, 0);
});

test('capture reader: a link type it does not decode is an error naming it', async () => {
  await assert.rejects(readCapture(writePcapFile(147, [{ timeUs: 1, data: Buffer.alloc(40) }])), /link type 147/);
});
