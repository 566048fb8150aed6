import { SipTransportError } from '../errors';
import { TcpTransport } from './tcp-transport';
import { Transport, TransportLimits, TransportProtocol } from './transport';
import { UdpTransport } from './udp-transport';

function bindOne(protocol: TransportProtocol, host: string, port: number, limits?: Partial<TransportLimits>): Promise<Transport> {
  return protocol === 'udp' ? UdpTransport.bind({ host, port, limits }) : TcpTransport.bind({ host, port, limits });
}

/**
 * Binds every requested transport on one port (UDP and TCP share it, as SIP expects). With port 0
 * the first bind picks the port; if another protocol finds it taken, all are released and the
 * whole set is tried again on a new port.
 */
export async function bindTransports(
  host: string,
  port: number,
  protocols: TransportProtocol[],
  limits?: Partial<TransportLimits>,
): Promise<Transport[]> {
  const attempts = port === 0 ? 5 : 1;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const bound: Transport[] = [];
    try {
      let chosen = port;
      for (const protocol of protocols) {
        const transport = await bindOne(protocol, host, chosen, limits);
        bound.push(transport);
        chosen = transport.local.port;
      }
      return bound;
    } catch (error) {
      lastError = error;
      await Promise.all(bound.map((t) => t.close()));
    }
  }
  throw lastError instanceof SipTransportError ? lastError : new SipTransportError(`cannot bind ${protocols.join('+')} on ${host}:${port}`, { host, port });
}
