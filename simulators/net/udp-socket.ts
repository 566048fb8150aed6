import { createSocket, Socket } from 'node:dgram';
import { PortBlock } from './port-block';

/** Binds a UDP socket on host:port; rejects with the bind error (EADDRINUSE for PortBlock). */
export function bindUdpSocket(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4' });
    const onError = (error: Error): void => {
      socket.close();
      reject(error);
    };
    socket.once('error', onError);
    socket.bind(port, host, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/**
 * Two UDP sockets on even ports of the block (RTP wants even ports; odd ones stay free for RTCP):
 * one per media line of a call or a recording. None is left open on failure: a socket bound before
 * the block ran out would otherwise outlive the scenario and keep its process from ever ending.
 */
export async function bindUdpSocketPair(portBlock: PortBlock, host: string): Promise<[Socket, Socket]> {
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
 * Errors of a UDP socket connected to a peer, less the peer's closed port: a connected socket hears
 * of it (ICMP port unreachable, ECONNREFUSED on a later send) where an unconnected one would have
 * lost the datagrams silently. That is the peer's business; anything else goes to `onError`.
 */
export function onConnectedSocketError(socket: Socket, onError: (error: NodeJS.ErrnoException) => void): void {
  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNREFUSED') onError(error);
  });
}
