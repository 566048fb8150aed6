import { DirectoryEntry } from '../../profiles/profile-schema';
import { CtiClient } from '../../simulators/cti/cti-client';
import { formatHostPort, HostPort } from '../../simulators/net/host-port';
import { systemClock } from '../../simulators/time/clock';

/** Some DNs of the profile's directory are not provisioned at the SUT. */
export class NotProvisionedError extends Error {
  constructor(readonly dns: { dn: string; role: string; why: string }[]) {
    super(`not provisioned at the SUT (configure them from npx gir-conformance provision-sheet): ${dns.map((d) => `DN ${d.dn} (${d.role}): ${d.why}`).join('; ')}`);
    this.name = 'NotProvisionedError';
  }
}

/**
 * Is the SUT provisioned as the profile says? Over the CTI bridge, RequestRegisterAddress of each DN
 * of the directory (Agent Logins have none) must give EventRegistered; each that does is
 * unregistered again. Every DN that gets EventError or no answer within `timeoutMs` is named.
 */
export async function checkProvisioning(cti: HostPort, directory: readonly DirectoryEntry[], timeoutMs: number): Promise<void> {
  let client: CtiClient;
  try {
    client = await CtiClient.connect({ address: cti, clock: systemClock, name: 'provisioning check' });
  } catch (error) {
    throw new Error(`cannot connect to the CTI bridge at ${formatHostPort(cti)}: ${(error as Error).message}`);
  }
  try {
    const missing: NotProvisionedError['dns'] = [];
    for (const entry of directory) {
      if (!('dn' in entry)) continue;
      const response = await client.send('RequestRegisterAddress', { thisDN: entry.dn }, timeoutMs).response.catch((error: unknown) => error as Error);
      if (response instanceof Error) missing.push({ dn: entry.dn, role: entry.role, why: response.message });
      else if (response.event.message === 'EventRegistered') await client.send('RequestUnregisterAddress', { thisDN: entry.dn }, timeoutMs).response;
      else missing.push({ dn: entry.dn, role: entry.role, why: describe(response.event) });
    }
    if (missing.length) throw new NotProvisionedError(missing);
  } finally {
    client.close();
  }
}

function describe(event: { message: string } & Record<string, unknown>): string {
  return event.message === 'EventError' ? `EventError ${String(event.errorCode)}: ${String(event.errorMessage)}` : `${event.message} instead of EventRegistered`;
}
