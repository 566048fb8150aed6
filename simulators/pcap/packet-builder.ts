/**
 * Builds link-layer frames around UDP and TCP segments (IPv4 or IPv6), for pcaps SIPp plays and for
 * the reader's test fixtures. Checksums: IPv4 header checksum computed; UDP/TCP checksums left 0
 * (no checksum in IPv4 UDP; readers, SIPp and tshark's defaults do not verify them).
 */
import { isIPv4 } from 'node:net';

export interface Endpoints {
  source: { host: string; port: number };
  destination: { host: string; port: number };
}

export const IP_PROTOCOL = { TCP: 6, UDP: 17 } as const;
export const ETHERTYPE = { IPV4: 0x0800, IPV6: 0x86dd } as const;

function ipv4Bytes(host: string): number[] {
  return host.split('.').map(Number);
}

function ipv6Bytes(host: string): number[] {
  const [head, tail] = host.split('::');
  const groups = (part: string | undefined): number[] => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? left : [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

function ipv4HeaderChecksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += header.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function udpSegment(ports: { source: number; destination: number }, payload: Uint8Array): Buffer {
  const out = Buffer.alloc(8 + payload.length);
  out.writeUInt16BE(ports.source, 0);
  out.writeUInt16BE(ports.destination, 2);
  out.writeUInt16BE(out.length, 4);
  out.set(payload, 8);
  return out;
}

export const TCP_FLAGS = { FIN: 0x01, SYN: 0x02, PSH: 0x08, ACK: 0x10 } as const;

export function tcpSegment(ports: { source: number; destination: number }, sequence: number, flags: number, payload: Uint8Array): Buffer {
  const out = Buffer.alloc(20 + payload.length);
  out.writeUInt16BE(ports.source, 0);
  out.writeUInt16BE(ports.destination, 2);
  out.writeUInt32BE(sequence >>> 0, 4);
  out.writeUInt32BE(0, 8);
  out.writeUInt8(5 << 4, 12); // data offset: 5 words, no options
  out.writeUInt8(flags, 13);
  out.writeUInt16BE(65535, 14);
  out.set(payload, 20);
  return out;
}

/** An IPv4 or IPv6 packet (by the source address) carrying `segment` of `protocol`. */
export function ipPacket(endpoints: Endpoints, protocol: number, segment: Uint8Array): Buffer {
  if (isIPv4(endpoints.source.host)) {
    const header = Buffer.alloc(20);
    header.writeUInt8(0x45, 0);
    header.writeUInt16BE(20 + segment.length, 2);
    header.writeUInt8(64, 8);
    header.writeUInt8(protocol, 9);
    Buffer.from(ipv4Bytes(endpoints.source.host)).copy(header, 12);
    Buffer.from(ipv4Bytes(endpoints.destination.host)).copy(header, 16);
    header.writeUInt16BE(ipv4HeaderChecksum(header), 10);
    return Buffer.concat([header, segment]);
  }
  const header = Buffer.alloc(40);
  header.writeUInt32BE(0x60000000, 0);
  header.writeUInt16BE(segment.length, 4);
  header.writeUInt8(protocol, 6);
  header.writeUInt8(64, 7);
  Buffer.from(ipv6Bytes(endpoints.source.host)).copy(header, 8);
  Buffer.from(ipv6Bytes(endpoints.destination.host)).copy(header, 24);
  return Buffer.concat([header, segment]);
}

const etherTypeOf = (ip: Uint8Array): number => (ip[0] >> 4 === 4 ? ETHERTYPE.IPV4 : ETHERTYPE.IPV6);

/** Ethernet II (link type 1), zero MAC addresses as on loopback. */
export function ethernetFrame(ip: Uint8Array): Buffer {
  const header = Buffer.alloc(14);
  header.writeUInt16BE(etherTypeOf(ip), 12);
  return Buffer.concat([header, ip]);
}

/** Linux cooked capture v1 (link type 113). */
export function sllFrame(ip: Uint8Array): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt16BE(0, 0); // packet type: to us
  header.writeUInt16BE(772, 2); // ARPHRD_LOOPBACK
  header.writeUInt16BE(6, 4);
  header.writeUInt16BE(etherTypeOf(ip), 14);
  return Buffer.concat([header, ip]);
}

/** Linux cooked capture v2 (link type 276): protocol first, then interface index. */
export function sll2Frame(ip: Uint8Array): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt16BE(etherTypeOf(ip), 0);
  header.writeUInt32BE(1, 4); // interface index
  header.writeUInt16BE(772, 8);
  header.writeUInt8(0, 10);
  header.writeUInt8(6, 11);
  return Buffer.concat([header, ip]);
}

/** BSD loopback (link type 0): the address family in the capturing host's byte order (little-endian here). */
export function nullFrame(ip: Uint8Array): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(ip[0] >> 4 === 4 ? 2 : 30, 0); // AF_INET; AF_INET6 (30 on macOS, 24/28 elsewhere)
  return Buffer.concat([header, ip]);
}
