import type { Socket } from 'node:dgram';
import { PortBlock } from '../net/port-block';
import { bindUdpSocket } from '../net/udp-socket';

/**
 * The SIP stack wraps a bind error in its own; PortBlock skips a port only on the bare
 * EADDRINUSE/EACCES. Rethrowing the cause lets a SIP port that another process holds be skipped.
 */
export function rethrowBindCause(error: unknown): never {
  const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
  throw cause?.code === 'EADDRINUSE' || cause?.code === 'EACCES' ? cause : error;
}

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

/**
 * A PortBlock for a process that starts SIP user agents on it: a SIP port another process holds
 * is skipped like any other taken port (see rethrowBindCause).
 */
export class SipPortBlock extends PortBlock {
  override bind<T>(bind: (port: number) => Promise<T>): Promise<T> {
    return super.bind((port) => bind(port).catch(rethrowBindCause));
  }
}
