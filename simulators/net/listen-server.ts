import { Server } from 'node:net';
import { PortBlock } from './port-block';

/**
 * Starts a TCP server (plain or HTTP) on `host:port`, or on a free port of the block when `port`
 * is 0 or absent: an external SUT's profile may fix a port, everything else comes from the block.
 */
export async function listenServer<S extends Server>(create: () => S, options: { host: string; port?: number; portBlock: PortBlock }): Promise<S> {
  const listen = (port: number) => new Promise<S>((resolve, reject) => {
    const server = create();
    server.once('error', reject);
    server.listen(port, options.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
  return options.port ? listen(options.port) : options.portBlock.bind(listen);
}
