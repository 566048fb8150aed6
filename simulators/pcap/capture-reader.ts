/**
 * Reads a capture into the SIP messages and RTP packets it holds, on pcap-parser for the file format
 * and this folder's own decoding below it. SIP: a UDP datagram or a reassembled TCP message whose
 * first line is a request or status line. RTP: any other UDP datagram of RTP version 2 whose payload
 * type is not RTCP's (72–76), as Wireshark's rtp_udp heuristic takes it.
 */
import { parse } from 'pcap-parser';
import { Readable } from 'node:stream';
import { decodeFrame } from './link-layer';
import { SipStreamFramer } from './sip-stream-framer';

export interface CapturedSip {
  timeUs: number;
  protocol: 'udp' | 'tcp';
  source: { host: string; port: number };
  destination: { host: string; port: number };
  /** The request method, or undefined for a response. */
  method?: string;
  status?: number;
  /** The request's Request-URI or the response's reason phrase. */
  detail: string;
  callId?: string;
  cseq?: string;
}

export interface CapturedRtp {
  timeUs: number;
  source: { host: string; port: number };
  destination: { host: string; port: number };
  sequence: number;
  timestamp: number;
  ssrc: number;
  payloadType: number;
}

export interface Capture {
  linkType: number;
  frames: number;
  sip: CapturedSip[];
  rtp: CapturedRtp[];
}

const REQUEST_LINE = /^([A-Z][A-Z-]*) (\S+) SIP\/2\.0\r?$/;
const STATUS_LINE = /^SIP\/2\.0 (\d{3}) ?(.*?)\r?$/;
const SIP_START = /^(?:[A-Z][A-Z-]* \S+ SIP\/2\.0|SIP\/2\.0 \d{3})/;

function header(text: string, long: string, compact: string): string | undefined {
  const match = new RegExp(`^(?:${long}|${compact})[ \\t]*:[ \\t]*(.*?)\\r?$`, 'im').exec(text);
  return match?.[1];
}

/** A SIP message's summary, or undefined when the bytes are not SIP. */
export function readSipMessage(bytes: Buffer): Omit<CapturedSip, 'timeUs' | 'protocol' | 'source' | 'destination'> | undefined {
  const head = bytes.toString('latin1', 0, Math.min(bytes.length, 2048));
  if (!SIP_START.test(head)) return undefined;
  const firstLine = head.slice(0, head.indexOf('\n') >>> 0);
  const request = REQUEST_LINE.exec(firstLine);
  const status = request ? undefined : STATUS_LINE.exec(firstLine);
  if (!request && !status) return undefined;
  return {
    method: request?.[1], status: status ? Number(status[1]) : undefined, detail: request ? request[2] : status![2],
    callId: header(head, 'call-id', 'i'), cseq: header(head, 'cseq', 'cseq'),
  };
}

export function isRtp(payload: Buffer): boolean {
  if (payload.length < 12 || payload[0] >> 6 !== 2) return false;
  const payloadType = payload[1] & 0x7f;
  return payloadType < 72 || payloadType > 76;
}

export function readCapture(input: string | Buffer): Promise<Capture> {
  return new Promise((resolve, reject) => {
    const capture: Capture = { linkType: -1, frames: 0, sip: [], rtp: [] };
    const framer = new SipStreamFramer();
    const parser = parse(typeof input === 'string' ? input : Readable.from([input]));
    parser.on('globalHeader', (h) => (capture.linkType = h.linkLayerType));
    let failed: Error | undefined;
    parser.on('packet', ({ header: h, data }) => {
      if (failed) return;
      capture.frames++;
      const timeUs = h.timestampSeconds * 1e6 + h.timestampMicroseconds;
      let segment;
      try {
        segment = decodeFrame(capture.linkType, data);
      } catch (error) {
        failed = error as Error;
        return;
      }
      if (!segment) return;
      const where = { protocol: segment.protocol, source: segment.source, destination: segment.destination };
      if (segment.protocol === 'tcp') {
        const key = `${segment.source.host}:${segment.source.port}>${segment.destination.host}:${segment.destination.port}`;
        for (const message of framer.push(key, segment.tcp!, segment.payload)) {
          const sip = readSipMessage(message);
          if (sip) capture.sip.push({ timeUs, ...where, ...sip });
        }
        return;
      }
      const sip = readSipMessage(segment.payload);
      if (sip) capture.sip.push({ timeUs, ...where, ...sip });
      else if (isRtp(segment.payload)) {
        const p = segment.payload;
        capture.rtp.push({ timeUs, source: segment.source, destination: segment.destination, sequence: p.readUInt16BE(2), timestamp: p.readUInt32BE(4), ssrc: p.readUInt32BE(8), payloadType: p[1] & 0x7f });
      }
    });
    parser.on('end', () => (failed ? reject(failed) : resolve(capture)));
    parser.on('error', reject);
  });
}
