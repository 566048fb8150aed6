import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { transferCall } from '../simulators/endpoint/call-transfer';
import { agentPhoneOn } from './support/agent-phones';
import { connect } from './support/connect-call';
import { sutUri, transferredCallAnswered } from './support/hand-off';
import { assertTiming, harnessInput } from './support/harness-lateness';
import { stoppedEvent } from './support/recording-check';
import { HARNESS_WAIT_MS, within } from './support/waiting';
import { GirWorld } from './support/world';

Given(/^a second agent phone on the (?:extension|ACD position) "([^"]+)"$/, async function (this: GirWorld, role: string) {
  await agentPhoneOn(this, role, 'new agent');
});

/** A blind transfer by REFER from the agent's phone to `targetDn` (the new agent's, or a routing point that routes to it). */
async function blindTransfer(world: GirWorld, targetDn: string): Promise<void> {
  const agent = world.party('agent');
  const transfer = transferCall(world.callOf('agent'), world.clock, await sutUri(world, targetDn));
  const answeredAtMs = await transferredCallAnswered(world, 'new agent');
  const result = await within(HARNESS_WAIT_MS, 'the SUT reporting the blind transfer', transfer);
  assert.equal(result.status, 202, `the SUT answered the REFER with ${result.status}, 202 expected`);
  world.transfer = { kind: 'blind', atMs: agent.call!.times.transferRequestedAtMs!, answeredAtMs };
}

/** RequestSingleStepTransfer from the agent's desktop to `targetDn`. */
async function singleStepTransfer(world: GirWorld, targetDn: string): Promise<void> {
  const agentDn = world.party('agent').dn;
  const request = world.desktops.send("agent's desktop", 'RequestSingleStepTransfer', {
    thisDN: agentDn, connId: await world.desktops.connIdAt("agent's desktop", agentDn), otherDN: targetDn,
  });
  const atMs = request.sent.sentAtMs;
  const response = await request.sent.response;
  assert.equal(response.event.message, 'EventACK', `RequestSingleStepTransfer got ${JSON.stringify(response.event)}`);
  const answeredAtMs = await transferredCallAnswered(world, 'new agent');
  world.transfer = { kind: 'single-step', atMs, answeredAtMs };
}

When('the agent transfers the call blindly to the new agent, who answers', async function (this: GirWorld) {
  await blindTransfer(this, this.party('new agent').dn);
});

When("the agent's desktop transfers the call in a single step to the new agent, who answers", async function (this: GirWorld) {
  await singleStepTransfer(this, this.party('new agent').dn);
});

/** SEL-04: the transfer goes through a routing point, whose strategy routes the call to the new agent. */
When('the agent transfers the call blindly to the routing point {string}, and the new agent answers', async function (this: GirWorld, role: string) {
  await blindTransfer(this, this.directoryEntry(role, 'RoutingPoint').dn);
});

When("the agent's desktop transfers the call in a single step to the routing point {string}, and the new agent answers", async function (this: GirWorld, role: string) {
  await singleStepTransfer(this, this.directoryEntry(role, 'RoutingPoint').dn);
});

/** The consultation: the agent holds the caller and calls the new agent from the same phone. */
When('the agent puts the caller on hold and calls the new agent, who answers', async function (this: GirWorld) {
  const agent = this.party('agent');
  const held = await this.callOf('agent').hold();
  assert.ok(held.status < 300, `the SUT answered the agent's hold with ${held.status}`);
  const consulting = this.addParty('agent consulting', agent.phone, agent.dn);
  const answeredBy = this.answeredBy; // the call's start reference stays the first answer
  await connect(this, consulting, this.party('new agent'), this.party('new agent').dn, agent.dn);
  this.answeredBy = answeredBy;
});

When('the agent completes the transfer to the new agent', async function (this: GirWorld) {
  const agent = this.party('agent');
  const consultation = this.callOf('agent consulting');
  const result = await within(HARNESS_WAIT_MS, 'the SUT completing the consultation transfer',
    transferCall(this.callOf('agent'), this.clock, await sutUri(this, this.party('new agent').dn), consultation));
  assert.equal(result.status, 202, `the SUT answered the REFER with Replaces with ${result.status}, 202 expected`);
  const atMs = agent.call!.times.transferRequestedAtMs!;
  this.transfer = { kind: 'consultation', atMs, answeredAtMs: atMs };
});

/** The call's connId as the Media Server saw it on the agent-side recording, the scenario's first. */
async function firstRecording(world: GirWorld) {
  const stage = await world.callControl();
  const [session] = stage.mediaServer.sessions;
  assert.ok(session, 'no recording session at the Media Server');
  return { stage, session };
}

/** FT-03: the agent-side recording stopped within tolerance.stopMs of the transfer (rule 15). */
Then("the agent-side recording stopped within the profile's stop tolerance of the transfer", async function (this: GirWorld) {
  const { session } = await firstRecording(this);
  assert.ok(this.transfer, 'the scenario made no transfer');
  const deadline = this.transfer.atMs + this.tolerance.stopMs;
  const stopped = await within(Math.max(0, deadline - this.clock.now()), `the stop of the agent-side recording (the transfer + tolerance.stopMs)`, stoppedEvent(session));
  const lag = stopped.atMs - this.transfer.atMs;
  assertTiming(harnessInput(this.tolerance), {
    measuredMs: lag, toleranceMs: this.tolerance.stopMs, fromMs: this.transfer.atMs, toMs: stopped.atMs,
    message: `the agent-side recording stopped ${lag.toFixed(1)} ms after the ${this.transfer.kind} transfer; tolerance.stopMs is ${this.tolerance.stopMs}`,
  });
});

/** FT-03: the new party's leg is recorded only when its own DN or login says so (FT-06: the agent a hand-off reached). */
Then(/^the (new agent|agent)'s leg (was|was not) recorded$/, async function (this: GirWorld, name: string, was: string) {
  const { stage, session } = await firstRecording(this);
  const connId = session.offer.parameters.connId;
  const party = this.party(name);
  const ofLeg = stage.mediaServer.invites.filter((i) => i.header('X-Genesys-ConnID') === connId && /;dn=([^;]+)/.exec(i.uri)?.[1] === party.dn);
  if (was === 'was') assert.equal(ofLeg.length, 1, `the Media Server got ${ofLeg.length} recording INVITE(s) of call ${connId} with the ${name}'s DN ${party.dn}, one expected`);
  else assert.deepEqual(ofLeg.map((i) => i.uri), [], `the ${name}'s DN ${party.dn} has no record=true and no recorded login, yet its leg of call ${connId} was recorded`);
});
