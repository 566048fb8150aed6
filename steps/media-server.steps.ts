import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { ReceivedEvent } from '../simulators/cti/cti-client';
import type { AttachedDataChanged } from '../simulators/cti/cti-events';
import { noFaults } from '../simulators/media-server/media-server-faults';
import { assertTiming, harnessInput } from './support/harness-lateness';
import { msFailureOf } from './support/media-server-failure';
import { talkFor } from './support/waiting';
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

// MS-04: Given/When steps flip the fake Media Server's fault knobs; the next message sees them.

Given('the Media Server does not answer recording INVITEs', async function (this: GirWorld) {
  (await this.callControl()).mediaServer.faults.inviteAnswer = { kind: 'silent' };
  this.msFault = 'silent';
});

Given('the Media Server answers recording INVITEs with {int}', async function (this: GirWorld, status: number) {
  (await this.callControl()).mediaServer.faults.inviteAnswer = { kind: 'reject', status };
  this.msFault = 'reject';
});

Given('the Media Server ends each recording with a BYE {int} second(s) after answering it', async function (this: GirWorld, seconds: number) {
  (await this.callControl()).mediaServer.faults.byeAfterMs = seconds * 1000;
  this.msFault = 'bye';
});

When('the Media Server refuses every INFO with {int} from now on', async function (this: GirWorld, status: number) {
  (await this.callControl()).mediaServer.faults.refuseInfoStatus = status;
  this.msFault = 'info';
});

When('the Media Server recovers', async function (this: GirWorld) {
  Object.assign((await this.callControl()).mediaServer.faults, noFaults(), { byeAfterMs: undefined, refuseInfoStatus: undefined });
});

/** Lets the call run past the SUT's give-up moment (rule 18) and the OFF it owes (rule 11). */
When('they talk until the SUT must have given up on the Media Server', async function (this: GirWorld) {
  // the INVITE leaves within tolerance.startMs of the answer (FT-01), the give-up msTimeoutMs later
  const answered = this.callOf(this.answeredBy!).times.answeredAtMs!;
  const { startMs, ctiResponseMs } = this.tolerance;
  await talkFor(Math.max(0, answered + startMs + this.profile.sut.msTimeoutMs + ctiResponseMs - this.clock.now()));
});

/**
 * Rule 11: GSIP_RECORD=OFF reaches the agent's desktop within tolerance.ctiResponseMs of the
 * failure; when the start itself failed, no ON came first.
 */
Then("the agent's desktop saw GSIP_RECORD=OFF within the profile's CTI response time of the Media Server's failure", async function (this: GirWorld) {
  const stage = await this.callControl();
  const failure = msFailureOf(this, stage.mediaServer);
  const agentDn = this.party('agent').dn;
  const desktop = this.desktops.get("agent's desktop");
  const isRecord = (e: ReceivedEvent, value: string) => e.event.message === 'EventAttachedDataChanged'
    && (e.event as AttachedDataChanged).thisDN === agentDn && (e.event as AttachedDataChanged).userData.GSIP_RECORD === value;
  const deadline = failure.atMs + this.tolerance.ctiResponseMs;
  const off = await desktop.waitFor((e) => isRecord(e, 'OFF'), Math.max(0, deadline - this.clock.now()),
    () => new Error(`the agent's desktop got no GSIP_RECORD=OFF within tolerance.ctiResponseMs (${this.tolerance.ctiResponseMs} ms) of ${failure.what}`));
  if (this.msFault === 'reject' || this.msFault === 'silent') {
    const on = desktop.events.find((e) => isRecord(e, 'ON') && e.receivedAtMs <= off.receivedAtMs);
    assert.equal(on, undefined, `GSIP_RECORD=ON was sent for a recording whose start failed (rule 11: OFF only)`);
  }
  // Only the upper bound: the INVITE's arrival at the MS is all the harness sees of its sending,
  // so an OFF a transit time "before" INVITE + msTimeoutMs is no early give-up.
  const lag = off.receivedAtMs - failure.atMs;
  assertTiming(harnessInput(this.tolerance), {
    measuredMs: lag, toleranceMs: this.tolerance.ctiResponseMs, fromMs: failure.atMs, toMs: off.receivedAtMs,
    message: `GSIP_RECORD=OFF reached the agent's desktop ${lag.toFixed(1)} ms after ${failure.what}; tolerance.ctiResponseMs is ${this.tolerance.ctiResponseMs}`,
  });
});

/**
 * The call kept talking: every frame each party sent from the failure until the hang-up (less
 * tolerance.dropGuardMs, for frames still on their way) reached the other party's phone.
 */
Then("the parties still heard each other after the Media Server's failure", async function (this: GirWorld) {
  const stage = await this.callControl();
  const failure = msFailureOf(this, stage.mediaServer);
  const parties = [...this.parties.values()].filter((p) => p.call);
  const hangUpMs = Math.min(...parties.map((p) => p.call!.times.byeSentAtMs ?? Infinity));
  assert.ok(Number.isFinite(hangUpMs), 'nobody hung up: the scenario has no end to judge up to');
  const findings: string[] = [];
  for (const sender of parties) {
    const ssrc = sender.call!.media.ssrc;
    const sent = sender.call!.media.sendLog.filter((f) => f.sentAtMs >= failure.atMs && f.sentAtMs <= hangUpMs - this.tolerance.dropGuardMs);
    for (const listener of parties.filter((p) => p !== sender)) {
      const heard = new Set(listener.call!.media.received.arrivals.filter((a) => a.ssrc === ssrc).map((a) => a.sequence));
      const lost = sent.filter((f) => !heard.has(f.sequence));
      if (sent.length === 0) findings.push(`${sender.name} sent nothing between ${failure.what} and the hang-up`);
      else if (lost.length > 0) findings.push(`${listener.name} did not hear ${lost.length} of the ${sent.length} frames ${sender.name} sent after ${failure.what} (first: index ${lost[0].index}, sent at ${lost[0].sentAtMs.toFixed(1)} ms)`);
    }
  }
  assert.deepEqual(findings, [], 'the call must go on after a Media Server failure (MS-04)');
});
