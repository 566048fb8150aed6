import { Then } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { HARNESS_WAIT_MS, within } from './support/waiting';
import { PRIVATE_MSG } from '../simulators/cti/cti-events';
import { checkRecordingWindow, RecordingWindow } from './support/recording-window';
import { assertTiming, harnessInput } from './support/harness-lateness';
import { GirWorld } from './support/world';


Then("the Media Server received one recording of the call with the agent's DN as party side", async function (this: GirWorld) {
  const stage = await this.callControl();
  const agent = this.party('agent');
  const sessions = stage.mediaServer.sessions;
  assert.equal(sessions.length, 1, `the Media Server got ${sessions.length} recording INVITE(s) for the call, one expected${stage.mediaServer.refused.length ? `; refused: ${stage.mediaServer.refused.map((r) => `${r.status} ${r.reason}`).join('; ')}` : ''}${stage.mediaServer.stale.length ? `; answered 481 to ${stage.mediaServer.stale.length} retransmitted INVITE(s) of earlier scenarios' calls (ConnID ${stage.mediaServer.stale.map((i) => i.connId ?? '?').join(', ')})` : ''}`);
  const [session] = sessions;
  assert.equal(session.offer.uri.dn, agent.dn, `Request-URI ;dn= names the party side: expected the agent's DN ${agent.dn}`);
  assert.equal(session.offer.parameters.side, 'destination', 'X-Genesys-Record-Side of an agent-side full-time recording (PROFILE-RULES.md rule 2)');
  assert.match(session.offer.parameters.connId, /^[0-9a-f]{16}$/i, 'X-Genesys-ConnID is 16 hex digits');
  const answered = this.callOf(this.answeredBy!).times.answeredAtMs!;
  const lag = session.inviteAtMs - answered;
  assertTiming(harnessInput(this.tolerance), {
    measuredMs: lag, toleranceMs: this.tolerance.startMs, fromMs: answered, toMs: session.inviteAtMs,
    message: `the recording INVITE reached the Media Server ${lag.toFixed(1)} ms after the answer; tolerance.startMs is ${this.tolerance.startMs}`,
  });
});

/** The start and stop references a scenario names (PROFILE-RULES.md rule 15). */
function windowOf(world: GirWorld, start: string, stop: string): RecordingWindow {
  const accepted = (msgId: number) => world.desktops.requests.filter((r) => r.sent.message === 'RequestPrivateService' && r.fields.privateMsgId === msgId);
  const transfer = (what: string) => {
    assert.ok(world.transfer, `the scenario has no transfer to take ${what} from`);
    return world.transfer;
  };
  const starts: Record<string, () => number | undefined> = {
    answer: () => world.callOf(world.answeredBy!).times.answeredAtMs,
    'start request': () => accepted(PRIVATE_MSG.start)[0]?.sent.sentAtMs,
    "new agent's answer": () => transfer("the new agent's answer").answeredAtMs,
    transfer: () => transfer('the transfer').atMs,
  };
  const stops: Record<string, () => number | undefined> = {
    'hang-up': () => world.hungUpAtMs ?? [...world.parties.values()].map((p) => p.call?.times.byeSentAtMs).find((t) => t !== undefined),
    'stop request': () => accepted(PRIVATE_MSG.stop).at(-1)?.sent.sentAtMs,
    transfer: () => transfer('the transfer').atMs,
    'hand-off': () => transfer('the hand-off').atMs,
  };
  const startMs = starts[start]();
  const stopMs = stops[stop]();
  assert.ok(startMs !== undefined, `the scenario has no ${start}`);
  assert.ok(stopMs !== undefined, `the scenario has no ${stop}`);
  const name = (what: string) => (what === 'start request' ? 'the GSIP_RECORD_START request' : what === 'stop request' ? 'the GSIP_RECORD_STOP request' : what === 'answer' ? 'the answer' : `the ${what}`);
  return { startMs, startName: name(start), stopMs, stopName: name(stop) };
}

/** "the recording": the call's one recording; "the last recording": the one a later start made (MS-04). */
Then(/^the (last )?recording holds the (agent|caller|far end|colleague|other party|new agent|IVR|treatment port) on channel 1 and the (agent|caller|far end|colleague|other party|new agent|IVR|treatment port) on channel 2 from (answer|the start request|the new agent's answer|the transfer) to (hang-up|the stop request|the transfer|the hand-off)$/, async function (this: GirWorld, last: string | undefined, label1Name: string, label2Name: string, start: string, stop: string) {
  const stage = await this.callControl();
  const sessions = stage.mediaServer.sessions;
  const session = last ? sessions.at(-1) : sessions[0];
  assert.ok(session, 'no recording session at the Media Server');
  await checkRecordingWindow(this, session, this.party(label1Name), this.party(label2Name), windowOf(this, start.replace('the ', ''), stop.replace('the ', '')));
});

Then('the Media Server received no recording INVITE', async function (this: GirWorld) {
  const stage = await this.callControl();
  const ms = stage.mediaServer;
  assert.equal(ms.invites.length, 0,
    `expected no recording INVITE, got ${ms.invites.length}: ${ms.invites.map((i) => i.uri).join(', ')}`);
});

Then(/^the Media Server received one recording with the (agent|caller)'s DN as party side and Record-Side "(source|destination)"$/, async function (this: GirWorld, name: string, side: string) {
  const stage = await this.callControl();
  const sessions = stage.mediaServer.sessions;
  assert.equal(sessions.length, 1, `the Media Server got ${sessions.length} recording INVITE(s), one expected`);
  const { offer } = sessions[0];
  const party = this.party(name);
  assert.equal(offer.uri.dn, party.dn, `Request-URI ;dn= names the party side: expected the ${name}'s DN ${party.dn} (PROFILE-RULES.md rule 2)`);
  assert.equal(offer.parameters.side, side, 'X-Genesys-Record-Side of a dynamic recording is the requested record value (rule 2)');
  assert.equal(offer.parameters.connId, await this.desktops.connIdAt("agent's desktop", this.party('agent').dn), 'X-Genesys-ConnID names the call');
});

Then('the partitions reach the Media Server as {string} and the metadata lists them as {string}', async function (this: GirWorld, header: string, list: string) {
  const stage = await this.callControl();
  const [session] = stage.mediaServer.sessions;
  assert.ok(session, 'no recording session at the Media Server');
  const sent = session.offer.partitionsHeader;
  assert.equal(sent, header, 'X-Genesys-Partitions on the recording INVITE (rule 4)');
  const metadata = await within(HARNESS_WAIT_MS, `the files of recording ${session.recording.id}`, session.finished);
  assert.deepEqual(metadata?.partitions, list.split('|'), 'metadata partitions: in order, trimmed, empty items dropped');
});

Then('the Media Server received {int} recording session(s) for the call', async function (this: GirWorld, count: number) {
  const stage = await this.callControl();
  const sessions = stage.mediaServer.sessions;
  assert.equal(sessions.length, count, `the Media Server got ${sessions.length} recording session(s)`);
  const tokens = new Set(sessions.map((s) => s.offer.uri.session));
  assert.equal(tokens.size, count, `each recording is a new session with its own Request-URI token: ${[...tokens].join(', ')}`);
});

/** Rules 1-2 for a treatment segment: `;dn=` names the party side (a trunk group for the caller). */
Then(/^the Media Server received one recording of the call with the (caller|IVR|treatment port)'s DN as party side and Record-Side "(source|destination)"$/, async function (this: GirWorld, name: string, side: string) {
  const stage = await this.callControl();
  const invites = stage.mediaServer.invites;
  assert.equal(invites.length, 1, `the Media Server got ${invites.length} recording INVITE(s), one expected: ${invites.map((i) => i.uri).join(', ')}`);
  const party = this.party(name);
  assert.match(invites[0].uri, new RegExp(`;dn=${party.dn}(;|$)`), `Request-URI ;dn= names the party side: expected the ${name}'s DN ${party.dn} (PROFILE-RULES.md rule 2)`);
  assert.equal(invites[0].header('X-Genesys-Record-Side'), side, `X-Genesys-Record-Side when the party side is not an agent leg (rule 2)`);
});
