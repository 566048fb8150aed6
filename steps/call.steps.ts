import { Given, When } from '@cucumber/cucumber';
import { GirWorld } from './support/world';
import { HARNESS_WAIT_MS, talkFor, within } from './support/waiting';
import { connect, EXTERNAL_NUMBER } from './support/connect-call';

const AGENT_DN_TYPES = ['Extension', 'ACDPosition'] as const;

Given('an agent phone on the extension {string}', async function (this: GirWorld, role: string) {
  const entry = this.directoryEntry(role);
  if (!AGENT_DN_TYPES.includes(entry.type as (typeof AGENT_DN_TYPES)[number]) || !('dn' in entry)) {
    throw new Error(`directory role "${role}" is a ${entry.type}; an agent phone needs an Extension or ACD Position`);
  }
  const phone = await this.newPhone(`agent ${entry.dn}`);
  await phone.register(entry.dn);
  this.addParty('agent', phone, entry.dn);
});

When('a caller on the trunk {string} calls the agent and the agent answers', async function (this: GirWorld, trunkRole: string) {
  const trunk = this.directoryEntry(trunkRole, 'TrunkGroup');
  const stage = await this.callControl();
  const caller = this.addParty('caller', stage.trunkPeers.get(trunkRole)!, trunk.dn);
  const agent = this.party('agent');
  await connect(this, caller, agent, agent.dn);
});

When('the agent calls an external number through the trunk {string} and the far end answers', async function (this: GirWorld, trunkRole: string) {
  const trunk = this.directoryEntry(trunkRole, 'TrunkGroup');
  const stage = await this.callControl();
  const farEnd = this.addParty('far end', stage.trunkPeers.get(trunkRole)!, trunk.dn);
  const agent = this.party('agent');
  await connect(this, agent, farEnd, EXTERNAL_NUMBER, agent.dn);
});

When('they talk for {int} second(s)', async function (this: GirWorld, seconds: number) {
  await talkFor(seconds * 1000);
});

When(/^the (agent|caller|far end) hangs up$/, async function (this: GirWorld, name: string) {
  const call = this.callOf(name);
  await call.hangup();
  const others = [...this.parties.values()].filter((p) => p.name !== name && p.call);
  await within(HARNESS_WAIT_MS, `the BYE relayed to ${others.map((p) => p.name).join(', ')}`, Promise.all(others.map((p) => p.call!.ended)));
});
