/**
 * Ports for a SIPp process from the scenario's port block. SIPp binds them itself, so the block can
 * only find ports free now (bound and released here); if another process takes one before SIPp
 * starts, SIPp exits with its bind error (254), which the result names.
 */
import { PortBlock } from '../net/port-block';
import { bindUdpSocket } from '../net/udp-socket';

/** A port of the block that is free for UDP now (`pair`: an even port with its odd neighbour, for RTP). */
export async function freeUdpPort(portBlock: PortBlock, host: string, pair = false): Promise<number> {
  const probe = async (port: number): Promise<number> => {
    const socket = await bindUdpSocket(host, port);
    socket.close();
    return port;
  };
  return pair ? portBlock.bindPair(probe) : portBlock.bind(probe);
}
