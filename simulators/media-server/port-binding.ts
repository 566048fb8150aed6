import type { Socket } from 'node:dgram';
import { PortBlock } from '../net/port-block';
import { bindUdpSocket } from '../net/udp-socket';

/** One UDP socket per label (even ports, as RTP wants), from the block; none left open on failure. */
export async function bindMediaSockets(portBlock: PortBlock, host: string): Promise<[Socket, Socket]> {
  const bind = (): Promise<Socket> => portBlock.bindPair((port) => bindUdpSocket(host, port));
  const first = await bind();
  try {
    return [first, await bind()];
  } catch (error) {
    first.close();
    throw error;
  }
}
