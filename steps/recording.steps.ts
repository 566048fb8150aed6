import { Then } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { assertRecordingPassed } from '../simulators/analysis';
import { analyzeSession } from './support/recording-check';
import { assertTiming, harnessInput } from './support/harness-lateness';
import { GirWorld, Party } from './support/world';

/** When a party sent frame `index` (its send log is the analyzer's time reference). */
function frameSentAt(party: Party, index: number): number {
  const frame = party.call?.media.sendLog.find((f) => f.index === index);
  if (!frame) throw new Error(`${party.name} never sent frame ${index}`);
  return frame.sentAtMs;
}

Then("the Media Server received one recording of the call with the agent's DN as party side", async function (this: GirWorld) {
  const stage = await this.callControl();
  const agent = this.party('agent');
  const sessions = stage.mediaServer.sessions;
  assert.equal(sessions.length, 1, `the Media Server got ${sessions.length} recording INVITE(s) for the call, one expected${stage.mediaServer.refused.length ? `; refused: ${stage.mediaServer.refused.map((r) => `${r.status} ${r.reason}`).join('; ')}` : ''}`);
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

Then(/^the recording holds the (agent|caller|far end) on channel 1 and the (agent|caller|far end) on channel 2 from answer to hang-up$/, async function (this: GirWorld, label1Name: string, label2Name: string) {
  const stage = await this.callControl();
  const [session] = stage.mediaServer.sessions;
  assert.ok(session, 'no recording session at the Media Server');
  const label1 = this.party(label1Name);
  const label2 = this.party(label2Name);
  const others = [...this.parties.values()].filter((p) => p !== label1 && p !== label2);
  const hungUp = [...this.parties.values()].map((p) => p.call?.times.byeSentAtMs).find((t) => t !== undefined);
  assert.ok(hungUp !== undefined, 'nobody hung up in this scenario');
  const checked = await analyzeSession(session, { label1, label2, others }, {
    clock: this.clock, stopDeadlineMs: hungUp + this.tolerance.stopMs, tolerance: this.tolerance,
  });
  this.attach(JSON.stringify(checked.metadata, null, 2), { mediaType: 'application/json', fileName: 'recording-metadata.json' });
  this.attachRecordingPlot(checked.analysis, checked.samples, `recording ${checked.metadata.id}`, [`channel 1: ${label1.name} (label 1)`, `channel 2: ${label2.name} (label 2)`]);
  const summary = assertRecordingPassed(checked.analysis);

  // Start (FT-01): the party side's first frame in the file was sent within startMs of the answer.
  const answered = this.callOf(this.answeredBy!).times.answeredAtMs!;
  const firstFrame = checked.analysis.channels[0].frames.filter((f) => f.streamId === label1.streamId).sort((a, b) => a.index - b.index)[0];
  assert.ok(firstFrame, `channel 1 holds no frame of the ${label1.name}`);
  const harness = harnessInput(this.tolerance, [label1, label2].map((p) => ({ label: p.name, frames: p.call?.media.sendLog ?? [] })));
  const firstSent = frameSentAt(label1, firstFrame.index);
  const startLag = firstSent - answered;
  assertTiming(harness, {
    measuredMs: startLag, toleranceMs: this.tolerance.startMs, fromMs: answered, toMs: firstSent,
    message: `the ${label1.name}'s audio in the file starts with a frame sent ${startLag.toFixed(1)} ms after the answer (sample ${firstFrame.start}); tolerance.startMs is ${this.tolerance.startMs}`,
  });

  // Stop (FT-01): the recording stopped within stopMs of the BYE that ended the call.
  const stopLag = checked.stoppedAtMs - hungUp;
  assertTiming(harness, {
    measuredMs: stopLag, toleranceMs: this.tolerance.stopMs, fromMs: hungUp, toMs: checked.stoppedAtMs,
    message: `the recording stopped ${stopLag.toFixed(1)} ms after the hang-up; tolerance.stopMs is ${this.tolerance.stopMs}`,
  });
  const lastFrame = checked.analysis.channels[0].frames.filter((f) => f.streamId === label1.streamId).sort((a, b) => b.index - a.index)[0];
  const lastSent = frameSentAt(label1, lastFrame.index);
  const endGap = hungUp - lastSent;
  assertTiming(harness, {
    measuredMs: endGap, toleranceMs: this.tolerance.stopMs, fromMs: lastSent, toMs: hungUp,
    message: `the ${label1.name}'s last frame in the file was sent ${endGap.toFixed(1)} ms before the hang-up; tolerance.stopMs is ${this.tolerance.stopMs}`,
  });
  this.log(`${summary.text}\nmeasured: party audio from ${startLag.toFixed(1)} ms after the answer; stop ${stopLag.toFixed(1)} ms after the hang-up; last party frame sent ${endGap.toFixed(1)} ms before it`);
});

Then('the Media Server received no recording INVITE', async function (this: GirWorld) {
  const stage = await this.callControl();
  const ms = stage.mediaServer;
  assert.equal(ms.sessions.length + ms.refused.length, 0,
    `expected no recording INVITE, got ${ms.sessions.length} session(s) (dn ${ms.sessions.map((s) => s.offer.uri.dn).join(', ')}) and ${ms.refused.length} refused`);
});
