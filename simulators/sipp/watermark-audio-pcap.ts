/**
 * The audio SIPp plays in a call (play_pcap_audio): one watermarked PCMU stream, 20 ms frames, as
 * RTP over UDP in an Ethernet pcap. SIPp rewrites addresses and ports and paces by the capture
 * timestamps; it keeps the RTP header, so frame i carries watermark index i and sequence
 * firstSequence + i. SIPp 3.6.1 plays the same file in every call: every SIPp caller sends this one
 * stream id, and a recording's SIPp channel is told from another call's by index continuity.
 */
import { buildRtpPacket, FRAME_MS, FRAME_SAMPLES, PayloadType, WatermarkSource } from '../media';
import { LINKTYPE, writePcapFile } from '../pcap/pcap-file-writer';
import { ethernetFrame, IP_PROTOCOL, ipPacket, udpSegment } from '../pcap/packet-builder';

export interface WatermarkAudioPcap {
  streamId: number;
  frames: number;
  firstSequence: number;
  ssrc: number;
  file: Buffer;
}

/** Capture time of frame 0: SIPp 3.6.1 mishandles a first timestamp of 0, so it is a real date. */
const FIRST_CAPTURE_US = 1_700_000_000_000_000;

export function watermarkAudioPcap(options: { streamId: number; durationMs: number; firstSequence?: number; ssrc?: number }): WatermarkAudioPcap {
  const frames = Math.ceil(options.durationMs / FRAME_MS);
  const firstSequence = options.firstSequence ?? 1000;
  const ssrc = options.ssrc ?? 0x5197_0001;
  const source = new WatermarkSource(options.streamId);
  // Placeholder addresses and ports: SIPp replaces them with the call's.
  const endpoints = { source: { host: '192.0.2.1', port: 6000 }, destination: { host: '192.0.2.2', port: 6000 } };
  const records = [];
  for (let index = 0; index < frames; index++) {
    const rtp = buildRtpPacket({
      payloadType: PayloadType.PCMU, ssrc, sequence: firstSequence + index, marker: index === 0,
      timestamp: index * FRAME_SAMPLES, payload: source.payload(index, 'mulaw'),
    });
    const ip = ipPacket(endpoints, IP_PROTOCOL.UDP, udpSegment({ source: 6000, destination: 6000 }, rtp));
    records.push({ timeUs: FIRST_CAPTURE_US + index * FRAME_MS * 1000, data: ethernetFrame(ip) });
  }
  return { streamId: options.streamId, frames, firstSequence, ssrc, file: writePcapFile(LINKTYPE.ETHERNET, records) };
}
