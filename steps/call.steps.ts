import { Given, When } from '@cucumber/cucumber';
import { GirWorld } from './support/world';
import { HARNESS_WAIT_MS, talkFor, within } from './support/waiting';

const AGENT_DN_TYPES = ['Extension', 'ACDPosition'] as const;
/** The number an agent dials for an outbound call: anything that is not a DN of the directory. */
const EXTERNAL_NUMBER = '18005550100';

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
  const ringing = agent.phone.nextIncomingCall(agent.streamId, HARNESS_WAIT_MS);
  const calling = caller.phone.call(agent.dn, caller.streamId);
  agent.call = await within(HARNESS_WAIT_MS, `the call from trunk ${trunk.dn} to agent DN ${agent.dn}`, ringing);
  agent.call.answer();
  caller.call = await within(HARNESS_WAIT_MS, `the SUT's 200 OK to the caller`, calling);
  this.answeredBy = 'agent';
});

When('the agent calls an external number through the trunk {string} and the far end answers', async function (this: GirWorld, trunkRole: string) {
  const trunk = this.directoryEntry(trunkRole, 'TrunkGroup');
  const stage = await this.callControl();
  const farEnd = this.addParty('far end', stage.trunkPeers.get(trunkRole)!, trunk.dn);
  const agent = this.party('agent');
  const ringing = farEnd.phone.nextIncomingCall(farEnd.streamId, HARNESS_WAIT_MS);
  const calling = agent.phone.call(EXTERNAL_NUMBER, agent.streamId, agent.dn);
  farEnd.call = await within(HARNESS_WAIT_MS, `the outbound call from agent DN ${agent.dn} at trunk ${trunk.dn}`, ringing);
  farEnd.call.answer();
  agent.call = await within(HARNESS_WAIT_MS, `the SUT's 200 OK to the agent`, calling);
  this.answeredBy = 'far end';
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
