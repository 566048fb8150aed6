import { INVALID_VECTORS, VALID_VECTORS } from '../../simulators/sip/test-support/rfc4475';
import { seededRandom } from '../../simulators/media';
import { HostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { bindUdpSocket } from '../../simulators/net/udp-socket';

export interface BarrageItem {
  name: string;
  bytes: Buffer;
}

/** Truncated copies of a valid request (cut inside the start line, a header, the body). */
function truncations(): BarrageItem[] {
  const source = VALID_VECTORS.find((v) => v.name === 'wsinv')!.bytes;
  return [7, 40, Math.floor(source.length / 2), source.length - 3].map((length) => ({ name: `wsinv cut at ${length} bytes`, bytes: source.subarray(0, length) }));
}

/** Random datagrams, repeatable (seeded), some starting like SIP. */
function garbage(count: number): BarrageItem[] {
  const random = seededRandom(4475);
  return Array.from({ length: count }, (_, i) => {
    const bytes = Buffer.alloc(1 + Math.floor(random() * 1400));
    for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(random() * 256);
    if (i % 2 === 0) Buffer.from('INVITE sip:').copy(bytes);
    return { name: `garbage ${i + 1} (${bytes.length} bytes)`, bytes };
  });
}

/** Every RFC 4475 section 3.1 message, truncated datagrams and garbage: what ROB-01 throws at a party. */
export function tortureBarrage(): BarrageItem[] {
  return [...VALID_VECTORS, ...INVALID_VECTORS].map((v) => ({ name: `RFC 4475 ${v.section} ${v.name}`, bytes: v.bytes })).concat(truncations(), garbage(20));
}

/** Sends each item as one UDP datagram to `target`, from a port of the block; returns how many. */
export async function sendBarrage(target: HostPort, portBlock: PortBlock, items: BarrageItem[]): Promise<number> {
  const socket = await portBlock.bind((port) => bindUdpSocket('127.0.0.1', port));
  try {
    for (const item of items) {
      await new Promise<void>((resolve, reject) => socket.send(item.bytes, target.port, target.host, (error) => (error ? reject(error) : resolve())));
    }
    return items.length;
  } finally {
    socket.close();
  }
}
