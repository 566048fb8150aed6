/**
 * A loopback capture of many recorded calls, written with the suite's own pcap writer: per call the
 * SIP of a call with its recording (INVITE, 100, 180, 200, ACK to the agent and the SUT, the
 * recording INVITE, MSML INFOs, BYEs) and 20 ms RTP on the legs and the two forks to the Media
 * Server, as tcpdump on `lo` records them (Ethernet link type).
 */
import { buildRtpPacket } from '../../simulators/media';
import { LINKTYPE, PcapRecord, writePcapFile } from '../../simulators/pcap/pcap-file-writer';
import { ethernetFrame, IP_PROTOCOL, ipPacket, udpSegment } from '../../simulators/pcap/packet-builder';

const SIP_STEPS: [string, 'out' | 'back'][] = [
  ['INVITE sip:7001@127.0.0.1:20001 SIP/2.0', 'out'], ['SIP/2.0 100 Trying', 'back'], ['SIP/2.0 180 Ringing', 'back'],
  ['SIP/2.0 200 OK', 'back'], ['ACK sip:7001@127.0.0.1:20001 SIP/2.0', 'out'], ['INVITE sip:msml=c1@127.0.0.1:20002 SIP/2.0', 'out'],
  ['SIP/2.0 200 OK', 'back'], ['INFO sip:msml=c1@127.0.0.1:20002 SIP/2.0', 'out'], ['SIP/2.0 200 OK', 'back'],
];
const END_STEPS: [string, 'out' | 'back'][] = [['BYE sip:7001@127.0.0.1:20001 SIP/2.0', 'out'], ['SIP/2.0 200 OK', 'back']];

function sipText(startLine: string, call: number, cseq: number): Buffer {
  const method = startLine.startsWith('SIP/') ? 'INVITE' : startLine.split(' ')[0];
  return Buffer.from(`${startLine}\r\nVia: SIP/2.0/UDP 127.0.0.1:20010;branch=z9hG4bK${call}x${cseq}\r\nFrom: <sip:9000@127.0.0.1>;tag=a${call}\r\nTo: <sip:7001@127.0.0.1>\r\nCall-ID: call-${call}@bench\r\nCSeq: ${cseq} ${method}\r\nContent-Length: 0\r\n\r\n`);
}

export function syntheticCallCapture(options: { calls: number; framesPerStream: number }): { file: Buffer; sip: number; rtp: number } {
  const records: PcapRecord[] = [];
  let sip = 0;
  let rtp = 0;
  const t0 = 1_700_000_000_000_000;
  const udp = (from: number, to: number, payload: Uint8Array, timeUs: number): void => {
    const ip = ipPacket({ source: { host: '127.0.0.1', port: from }, destination: { host: '127.0.0.1', port: to } }, IP_PROTOCOL.UDP, udpSegment({ source: from, destination: to }, payload));
    records.push({ timeUs, data: ethernetFrame(ip) });
  };
  const payload = new Uint8Array(160).fill(0xff);
  for (let call = 0; call < options.calls; call++) {
    const start = t0 + call * 20_000;
    const base = 20_100 + (call % 400) * 4;
    SIP_STEPS.forEach(([line, way], i) => {
      udp(way === 'out' ? 20010 : 20001, way === 'out' ? 20001 : 20010, sipText(line, call, i + 1), start + i * 100);
      sip++;
    });
    for (let frame = 0; frame < options.framesPerStream; frame++) {
      const at = start + 1000 + frame * 20_000;
      for (let stream = 0; stream < 4; stream++) {
        udp(base + stream, 30_000 + stream, buildRtpPacket({ payloadType: 0, sequence: frame + stream * 1000, timestamp: frame * 160, ssrc: call * 4 + stream + 1, payload }), at + stream * 10);
        rtp++;
      }
    }
    const end = start + 1000 + options.framesPerStream * 20_000;
    END_STEPS.forEach(([line, way], i) => {
      udp(way === 'out' ? 20010 : 20001, way === 'out' ? 20001 : 20010, sipText(line, call, 20 + i), end + i * 100);
      sip++;
    });
  }
  records.sort((a, b) => a.timeUs - b.timeUs);
  return { file: writePcapFile(LINKTYPE.ETHERNET, records), sip, rtp };
}
