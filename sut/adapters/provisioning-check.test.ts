import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DirectoryEntry } from '../../profiles/profile-schema';
import { PortBlock } from '../../simulators/net/port-block';
import { ReferenceSut } from '../reference/reference-sut';
import { checkProvisioning, NotProvisionedError } from './provisioning-check';

const provisioned: DirectoryEntry[] = [
  { role: 'agent-extension-recorded', type: 'Extension', dn: '7001', record: true, screen: false },
  { role: 'inbound-trunk', type: 'TrunkGroup', dn: '9000', peer: '127.0.0.1:5999', record: false, screen: false },
];

async function withReferenceSut(run: (sut: ReferenceSut) => Promise<void>): Promise<void> {
  const sut = await ReferenceSut.start({
    host: '127.0.0.1', portBlock: new PortBlock({ base: 20000, size: 1000, worker: 12 }), directory: provisioned,
    mediaServer: { host: '127.0.0.1', port: 9 }, wire: { startOn: 'dialogstart', tenantDbid: 1 }, msTimeoutMs: 3000, routeTimeoutMs: 10_000,
    dynamic: { requireParty: true, defaultSide: 'source' },
  });
  try {
    await run(sut);
  } finally {
    await sut.close();
  }
}

test('the provisioning check passes when every DN of the profile registers (Agent Logins have no DN)', () => withReferenceSut(async (sut) => {
  await checkProvisioning(sut.ctiAddress, [...provisioned, { role: 'agent-login', type: 'AgentLogin', agentId: 'a100', record: true, screen: false }], 1000);
}));

test('the provisioning check names each DN the SUT does not know, and why', () => withReferenceSut(async (sut) => {
  const profileDirectory: DirectoryEntry[] = [
    ...provisioned,
    { role: 'agent-extension-unrecorded', type: 'Extension', dn: '7002', record: false, screen: false },
    { role: 'routing-point', type: 'RoutingPoint', dn: '5000', defaultDN: null, record: false, screen: false },
  ];
  await assert.rejects(checkProvisioning(sut.ctiAddress, profileDirectory, 1000), (error: unknown) => {
    assert.ok(error instanceof NotProvisionedError);
    assert.deepEqual(error.dns.map((d) => d.dn), ['7002', '5000']);
    assert.match(error.message, /DN 7002 \(agent-extension-unrecorded\): EventError InvalidValue: DN 7002 is not in the directory/);
    return true;
  });
}));
