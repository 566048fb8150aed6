/**
 * Decodes a captured frame down to its transport segment: link types Ethernet (1), Linux SLL (113),
 * SLL2 (276), raw IP (101) and BSD loopback (0); IPv4 (no fragments) and IPv6 (no extension
 * headers); UDP and TCP. Frames of anything else decode to undefined: a capture holds them too.
 */
import { LINKTYPE } from './pcap-file-writer';

export interface TransportSegment {
  protocol: 'udp' | 'tcp';
  source: { host: string; port: number };
  destination: { host: string; port: number };
  payload: Buffer;
  /** TCP only: sequence number and flags of the segment. */
  tcp?: { sequence: number; syn: boolean; fin: boolean };
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = 0x8100;

/** The IP packet inside a frame of `linkType`, or undefined for a frame that carries no IP. */
export function ipPacketOf(linkType: number, frame: Buffer): Buffer | undefined {
  switch (linkType) {
    case LINKTYPE.ETHERNET: {
      let offset = 12;
      let type = frame.readUInt16BE(offset);
      while (type === ETHERTYPE_VLAN && frame.length >= offset + 6) {
        offset += 4;
        type = frame.readUInt16BE(offset);
      }
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? frame.subarray(offset + 2) : undefined;
    }
    case LINKTYPE.LINUX_SLL: {
      const type = frame.readUInt16BE(14);
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? frame.subarray(16) : undefined;
    }
    case LINKTYPE.LINUX_SLL2: {
      const type = frame.readUInt16BE(0);
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? frame.subarray(20) : undefined;
    }
    case LINKTYPE.RAW:
      return frame;
    case LINKTYPE.NULL: {
      // The address family is in the capturing host's byte order: 2 = AF_INET; 24, 28, 30 = AF_INET6 (BSDs).
      const family = frame.readUInt32LE(0) > 0xffff ? frame.readUInt32BE(0) : frame.readUInt32LE(0);
      return family === 2 || family === 24 || family === 28 || family === 30 ? frame.subarray(4) : undefined;
    }
    default:
      throw new Error(`link type ${linkType} is not one the reader decodes (0, 1, 101, 113, 276)`);
  }
}

function ipv6Text(bytes: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

export function decodeFrame(linkType: number, frame: Buffer): TransportSegment | undefined {
  const ip = ipPacketOf(linkType, frame);
  if (!ip || ip.length < 20) return undefined;
  const version = ip[0] >> 4;
  let protocol: number;
  let source: string;
  let destination: string;
  let segment: Buffer;
  if (version === 4) {
    const headerLength = (ip[0] & 0x0f) * 4;
    const fragmentOffset = ip.readUInt16BE(6) & 0x1fff;
    if (fragmentOffset !== 0) return undefined;
    protocol = ip[9];
    source = `${ip[12]}.${ip[13]}.${ip[14]}.${ip[15]}`;
    destination = `${ip[16]}.${ip[17]}.${ip[18]}.${ip[19]}`;
    segment = ip.subarray(headerLength, Math.min(ip.length, ip.readUInt16BE(2)));
  } else if (version === 6 && ip.length >= 40) {
    protocol = ip[6];
    source = ipv6Text(ip.subarray(8, 24));
    destination = ipv6Text(ip.subarray(24, 40));
    segment = ip.subarray(40, 40 + ip.readUInt16BE(4));
  } else {
    return undefined;
  }
  if (protocol === 17 && segment.length >= 8) {
    return {
      protocol: 'udp', source: { host: source, port: segment.readUInt16BE(0) }, destination: { host: destination, port: segment.readUInt16BE(2) },
      payload: segment.subarray(8, Math.min(segment.length, segment.readUInt16BE(4))),
    };
  }
  if (protocol === 6 && segment.length >= 20) {
    const flags = segment[13];
    return {
      protocol: 'tcp', source: { host: source, port: segment.readUInt16BE(0) }, destination: { host: destination, port: segment.readUInt16BE(2) },
      payload: segment.subarray((segment[12] >> 4) * 4),
      tcp: { sequence: segment.readUInt32BE(4), syn: (flags & 0x02) !== 0, fin: (flags & 0x01) !== 0 },
    };
  }
  return undefined;
}
