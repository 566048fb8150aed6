import { Given, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { TreatmentParty } from '../simulators/endpoint/treatment-party';
import { sutUri, transferredCallAnswered } from './support/hand-off';
import { HARNESS_WAIT_MS, within } from './support/waiting';
import { GirWorld } from './support/world';

/** "an IVR" (FT-06) and "a GVP treatment" (FT-07) are both a treatment party on a port DN. */
const NAMES: Record<string, string> = { 'an IVR': 'IVR', 'a GVP treatment': 'treatment port' };

Given(/^(an IVR|a GVP treatment) on the treatment port "([^"]+)"$/, async function (this: GirWorld, what: string, role: string) {
  const entry = this.directoryEntry(role, 'VoiceTreatmentPort');
  const name = NAMES[what];
  const treatment = new TreatmentParty(await this.newPhone(`${name} ${entry.dn}`), this.clock);
  await treatment.register(entry.dn);
  this.addParty(name, treatment.phone, entry.dn);
});

/** The trunk's inbound call reaches the treatment port first; its answer starts the treatment. */
When(/^a caller on the trunk "([^"]+)" calls the (IVR|treatment port) and it answers$/, async function (this: GirWorld, trunkRole: string, name: string) {
  const trunk = this.directoryEntry(trunkRole, 'TrunkGroup');
  const stage = await this.callControl();
  const caller = this.addParty('caller', stage.trunkPeers.get(trunkRole)!, trunk.dn);
  const port = this.party(name);
  const answering = new TreatmentParty(port.phone, this.clock).answerNext(port.streamId, HARNESS_WAIT_MS, this.law);
  const calling = caller.phone.call(port.dn, caller.streamId, trunk.dn, this.law);
  port.call = await within(HARNESS_WAIT_MS, `the call from the trunk reaching the ${name} (${port.dn})`, answering);
  caller.call = await within(HARNESS_WAIT_MS, "the SUT's 200 OK to the caller", calling);
  this.answeredBy = name;
});

/** The hand-off (rule 15's stop reference for FT-06): the REFER from the treatment port to the agent. */
When(/^the (IVR|treatment port) hands the call off to the agent, who answers$/, async function (this: GirWorld, name: string) {
  await handOff(this, name, this.party('agent').dn);
});

/** The hand-off by way of a routing point, whose strategy sends the call to the agent (rule 16). */
When(/^the (IVR|treatment port) hands the call off to the routing point "([^"]+)", and the agent answers$/, async function (this: GirWorld, name: string, role: string) {
  await handOff(this, name, this.directoryEntry(role, 'RoutingPoint').dn);
});

async function handOff(world: GirWorld, name: string, targetDn: string): Promise<void> {
  const port = world.party(name);
  const handingOff = new TreatmentParty(port.phone, world.clock).handOff(world.callOf(name), await sutUri(world, targetDn));
  const answeredAtMs = await transferredCallAnswered(world, 'agent');
  const result = await within(HARNESS_WAIT_MS, 'the SUT reporting the hand-off', handingOff);
  assert.equal(result.status, 202, `the SUT answered the ${name}'s REFER with ${result.status}, 202 expected`);
  world.transfer = { kind: 'blind', atMs: port.call!.times.transferRequestedAtMs!, answeredAtMs };
}
