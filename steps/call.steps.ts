import { Given, When } from '@cucumber/cucumber';
import { GirWorld, Party } from './support/world';
import { HARNESS_WAIT_MS, talkFor, within } from './support/waiting';

const AGENT_DN_TYPES = ['Extension', 'ACDPosition'] as const;
/** The number an agent dials for an outbound call: anything that is not a DN of the directory. */
const EXTERNAL_NUMBER = '18005550100';
/** Whoever a party's name is in steps. */
const PARTY = '(agent|caller|far end|colleague|other party)';
/** The trunk and the colleague's extension of a call whose direction is all a scenario names. */
const DIRECTION_ROLES = { trunk: 'inbound-trunk', colleague: 'agent-extension-no-option' };

/** A registered phone on an Extension or ACD Position DN, as a party of the scenario. */
async function phoneOn(world: GirWorld, role: string, party: string): Promise<Party> {
  const entry = world.directoryEntry(role);
  if (!AGENT_DN_TYPES.includes(entry.type as (typeof AGENT_DN_TYPES)[number]) || !('dn' in entry)) {
    throw new Error(`directory role "${role}" is a ${entry.type}; an agent phone needs an Extension or ACD Position`);
  }
  const phone = await world.newPhone(`${party} ${entry.dn}`);
  await phone.register(entry.dn);
  return world.addParty(party, phone, entry.dn);
}

Given(/^an agent phone on the (?:extension|ACD position) "([^"]+)"$/, async function (this: GirWorld, role: string) {
  await phoneOn(this, role, 'agent');
});

Given(/^the phones talk (PCMU|PCMA)$/, function (this: GirWorld, codec: string) {
  this.law = codec === 'PCMA' ? 'alaw' : 'mulaw';
});

/**
 * `caller` dials `dialled` through the SUT; `callee` rings and answers; both calls are kept on their
 * parties, and the callee's answer is the start reference (PROFILE-RULES.md rule 15).
 */
async function connect(world: GirWorld, caller: Party, callee: Party, dialled: string, fromUser?: string): Promise<void> {
  const ringing = callee.phone.nextIncomingCall(callee.streamId, HARNESS_WAIT_MS, world.law);
  const calling = caller.phone.call(dialled, caller.streamId, fromUser, world.law);
  callee.call = await within(HARNESS_WAIT_MS, `the call from ${caller.name} (${caller.dn}) reaching ${callee.name} (${callee.dn})`, ringing);
  callee.call.answer();
  caller.call = await within(HARNESS_WAIT_MS, `the SUT's 200 OK to ${caller.name}`, calling);
  world.answeredBy = callee.name;
}

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
  const colleague = await phoneOn(world, extensionRole, name);
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
  const others = [...this.parties.values()].filter((p) => p.name !== name && p.call);
  await within(HARNESS_WAIT_MS, `the BYE relayed to ${others.map((p) => p.name).join(', ')}`, Promise.all(others.map((p) => p.call!.ended)));
});
