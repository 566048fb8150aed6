import { Given } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { EventError } from '../simulators/cti/cti-events';
import { GirWorld } from './support/world';

const DESKTOP = "agent's desktop";

/** RequestAgentLogin (or Logout) from the agent's desktop, which must have registered the DN (rule 12). */
async function loginRequest(world: GirWorld, message: 'RequestAgentLogin' | 'RequestAgentLogout', fields: Record<string, unknown>, success: string): Promise<void> {
  const { event } = await world.desktops.send(DESKTOP, message, fields).sent.response;
  assert.equal(event.message, success, `${message} ${JSON.stringify(fields)} got ${JSON.stringify(event)}`);
}

async function login(world: GirWorld, role: string): Promise<void> {
  const entry = world.directoryEntry(role, 'AgentLogin');
  const dn = world.party('agent').dn;
  await loginRequest(world, 'RequestAgentLogin', { thisDN: dn, agentId: entry.agentId }, 'EventAgentLogin');
  world.logins.set(dn, entry.agentId);
  // An SUT that outlives the scenario (external) must not keep the agent for the next one.
  world.disposers.push(`agent ${entry.agentId} logged out of DN ${dn}`, async () => {
    if (world.logins.get(dn) !== entry.agentId) return;
    const { event } = await world.desktops.send(DESKTOP, 'RequestAgentLogout', { thisDN: dn }).sent.response;
    if (event.message !== 'EventACK') throw new Error(`RequestAgentLogout {thisDN: ${dn}} after the scenario got ${JSON.stringify(event)}`);
  });
}

Given('the agent {string} is logged in on the agent\'s DN', async function (this: GirWorld, role: string) {
  await login(this, role);
});

/** The DN had a recorded agent before: what follows the agent must not stay on the DN (FT-04). */
Given('the agent {string} was logged in on the agent\'s DN and has logged out', async function (this: GirWorld, role: string) {
  await login(this, role);
  const dn = this.party('agent').dn;
  await loginRequest(this, 'RequestAgentLogout', { thisDN: dn }, 'EventACK');
  this.logins.delete(dn);
});

/**
 * FT-05's precondition, `sut.cluster: true`: a profile that declares it needs nothing; otherwise the
 * SUT is switched by RequestConfigUpdate (reference SUT only). An SUT that cannot be switched
 * cannot run the scenario: it is skipped, never passed.
 */
Given('the SUT runs as a SIP Cluster', async function (this: GirWorld) {
  if (this.profile.sut.cluster) return undefined;
  const { event } = await this.desktops.send(DESKTOP, 'RequestConfigUpdate', { cluster: true }).sent.response;
  if (event.message === 'EventError' && (event as EventError).errorCode === 'NotSupported') return 'skipped';
  assert.equal(event.message, 'EventACK', `RequestConfigUpdate {cluster: true} got ${JSON.stringify(event)}`);
  // An SUT that outlives the scenario (external) goes back to the profile's mode for the next one.
  this.disposers.push('SIP Cluster mode switched back off', async () => {
    const { event: reset } = await this.desktops.send(DESKTOP, 'RequestConfigUpdate', { cluster: false }).sent.response;
    if (reset.message !== 'EventACK') throw new Error(`RequestConfigUpdate {cluster: false} after the scenario got ${JSON.stringify(reset)}`);
  });
  return undefined;
});
