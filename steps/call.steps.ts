import { Given, When } from '@cucumber/cucumber';
import { GirWorld } from './support/world';
import { HARNESS_WAIT_MS, talkFor, within } from './support/waiting';
import { agentPhoneOn } from './support/agent-phones';
import { connect, EXTERNAL_NUMBER } from './support/connect-call';

/** Whoever a party's name is in steps. */
const PARTY = '(agent|caller|far end|colleague|other party|new agent)';
/** The trunk and the colleague's extension of a call whose direction is all a scenario names. */
const DIRECTION_ROLES = { trunk: 'inbound-trunk', colleague: 'agent-extension-no-option' };


Given(/^an agent phone on the (?:extension|ACD position) "([^"]+)"$/, async function (this: GirWorld, role: string) {
  await agentPhoneOn(this, role, 'agent');
});

Given(/^the phones talk (PCMU|PCMA)$/, function (this: GirWorld, codec: string) {
  this.law = codec === 'PCMA' ? 'alaw' : 'mulaw';
});

async function inbound(world: GirWorld, trunkRole: string, name: string): Promise<void> {
  const trunk = world.directoryEntry(trunkRole, 'TrunkGroup');
  const stage = await world.callControl();
  const caller = world.addParty(name, stage.trunkPeers.get(trunkRole)!, trunk.dn);
  const agent = world.party('agent');
  await connect(world, caller, agent, agent.dn);
}

async function outbound(world: GirWorld, trunkRole: string, name: string): Promise<void> {
  const trunk = world.directoryEntry(trunkRole, 'TrunkGroup');
  const stage = await world.callControl();
  const farEnd = world.addParty(name, stage.trunkPeers.get(trunkRole)!, trunk.dn);
  const agent = world.party('agent');
  await connect(world, agent, farEnd, EXTERNAL_NUMBER, agent.dn);
}

/** An internal call (rule 14): a phone on another agent DN calls the agent. */
async function internal(world: GirWorld, extensionRole: string, name: string): Promise<void> {
  const colleague = await agentPhoneOn(world, extensionRole, name);
  const agent = world.party('agent');
  await connect(world, colleague, agent, agent.dn, colleague.dn);
}

When('a caller on the trunk {string} calls the agent and the agent answers', async function (this: GirWorld, trunkRole: string) {
  await inbound(this, trunkRole, 'caller');
});

When('the agent calls an external number through the trunk {string} and the far end answers', async function (this: GirWorld, trunkRole: string) {
  await outbound(this, trunkRole, 'far end');
});

When('a colleague on the extension {string} calls the agent and the agent answers', async function (this: GirWorld, role: string) {
  await internal(this, role, 'colleague');
});

/** Scenario Outlines over direction: the agent's call with "the other party", however it came. */
When(/^the agent has an? (inbound|outbound|internal) call and it is answered$/, async function (this: GirWorld, direction: string) {
  if (direction === 'inbound') await inbound(this, DIRECTION_ROLES.trunk, 'other party');
  else if (direction === 'outbound') await outbound(this, DIRECTION_ROLES.trunk, 'other party');
  else await internal(this, DIRECTION_ROLES.colleague, 'other party');
});

When('they talk for {int} second(s)', async function (this: GirWorld, seconds: number) {
  await talkFor(seconds * 1000);
});

When(new RegExp(`^the ${PARTY} hangs up$`), async function (this: GirWorld, name: string) {
  const call = this.callOf(name);
  await call.hangup();
  this.hungUpAtMs = call.times.byeSentAtMs;
  const others = [...this.parties.values()].filter((p) => p.name !== name && p.call);
  await within(HARNESS_WAIT_MS, `the BYE relayed to ${others.map((p) => p.name).join(', ')}`, Promise.all(others.map((p) => p.call!.ended)));
});
