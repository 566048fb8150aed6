import { formatHostPort, HostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { SipUserAgent } from '../../simulators/sip';

/**
 * How long an SUT has to answer the harness's first SIP OPTIONS before the run is called off. A
 * SIP element answers OPTIONS at once (RFC 3261 11.2: any final response will do, 405 too); a few
 * seconds keep "unreachable" an error of the run that ends it within seconds, not a failed scenario.
 */
export const PROBE_TIMEOUT_MS = 2000;

/** Nothing answered at an SUT's SIP address. */
export class SutUnreachableError extends Error {
  constructor(readonly address: HostPort, reason: string) {
    super(`no SIP answer from ${formatHostPort(address)}: ${reason}`);
    this.name = 'SutUnreachableError';
  }
}

/** Sends one OPTIONS over UDP to `address`; resolves with the status of its final response. */
export async function probeSip(address: HostPort, portBlock: PortBlock, timeoutMs = PROBE_TIMEOUT_MS): Promise<number> {
  const ua = await portBlock.bind((port) => SipUserAgent.start({ host: '127.0.0.1', port, transports: ['udp'], userAgent: 'gir-conformance probe' }));
  let timer: NodeJS.Timeout | undefined;
  try {
    const target = formatHostPort(address);
    const answer = ua.request({ method: 'OPTIONS', uri: `sip:${target}`, from: 'sip:gir-conformance@127.0.0.1', destination: `udp:${target}` });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SutUnreachableError(address, `OPTIONS unanswered for ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return (await Promise.race([answer, timeout])).status;
    } catch (error) {
      if (error instanceof SutUnreachableError) throw error;
      throw new SutUnreachableError(address, error instanceof Error ? error.message : String(error));
    } finally {
      answer.catch(() => undefined); // settled by ua.close() below once the race is decided
    }
  } finally {
    clearTimeout(timer);
    await ua.close();
  }
}
