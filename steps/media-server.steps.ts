import { Then } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { normalisePartitions } from '../simulators/gir-msml/recording-headers';
import { checkRecordingInvite } from '../simulators/gir-msml/recording-invite-check';
import { PRIVATE_MSG } from '../simulators/cti/cti-events';
import { GirWorld } from './support/world';

/**
 * MS-01: every recording INVITE the Media Server received carries every gir-msml parameter with
 * the value this scenario implies: the party side's DN, the call's ConnectionID (as the agent's
 * desktop learnt it), the side, the logged-in agent, the partitions of a GSIP_RECORD_START, and
 * no dest or record id (nothing asked for them).
 */
Then(/^every recording INVITE carried the gir-msml parameters of an? (agent-side|dynamic source) recording of the call$/, async function (this: GirWorld, kind: string) {
  const stage = await this.callControl();
  const invites = stage.mediaServer.invites;
  assert.ok(invites.length > 0, 'the Media Server received no recording INVITE');
  const agentDn = this.party('agent').dn;
  const start = this.desktops.requests.find((r) => r.sent.message === 'RequestPrivateService' && r.fields.privateMsgId === PRIVATE_MSG.start);
  const partitions = (start?.fields.extensions as { partitions?: string } | undefined)?.partitions;
  const expected = {
    dn: agentDn,
    tenantDbid: this.profile.wire.tenantDbid,
    connId: await this.desktops.connIdAt("agent's desktop", agentDn),
    side: kind === 'agent-side' ? 'destination' as const : 'source' as const,
    agentId: this.logins.get(agentDn) ?? null,
    partitions: partitions === undefined ? null : normalisePartitions(partitions),
    dest: null,
    recordId: null,
  };
  const findings = invites.flatMap((invite, i) => checkRecordingInvite(invite, expected).map((f) => `INVITE ${i + 1} (${invite.uri}): ${f}`));
  assert.deepEqual(findings, [], `recording INVITE parameters (DESIGN.md "Wire profiles"):\n${findings.join('\n')}`);
  this.log(`${invites.length} recording INVITE(s) checked: ${JSON.stringify(expected)}`);
});
