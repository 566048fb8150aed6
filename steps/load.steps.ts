import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { InconclusiveError } from '../simulators/verdict/inconclusive-error';
import { stallMonitor } from './support/harness-lateness';
import { runRecorderLoad } from './support/recorder-load';
import { placeSippCalls } from './support/sipp-callers';
import { sippFramesByCall } from './support/sipp-wire-times';
import { readCapture } from '../simulators/pcap/capture-reader';
import { checkSippLoadRecording, sessionFinished, SippLoadRecording } from './support/sipp-load-check';
import type { GirWorld } from './support/world';

/** A load step's own bound: SIPp and the sessions have hard timeouts of their own, well inside it. */
const LOAD_STEP_TIMEOUT_MS = 20 * 60_000;
/** Failures listed in a step's message; the rest are counted. */
const SHOWN = 10;

function judge(what: string, failures: string[], inconclusive: string[]): void {
  const list = (items: string[]): string => items.slice(0, SHOWN).join('\n') + (items.length > SHOWN ? `\n… and ${items.length - SHOWN} more` : '');
  if (failures.length > 0) assert.fail(`${what}: ${failures.length} finding(s)\n${list(failures)}`);
  if (inconclusive.length > 0) throw new InconclusiveError(`${what}: ${inconclusive.length} check(s) the harness's own lateness left undecided\n${list(inconclusive)}`);
}

async function sippCalls(world: GirWorld, trunkRole: string, calls: number, callSeconds: number): Promise<void> {
  world.sippCalls = await placeSippCalls(world, { trunkRole, calls, callSeconds });
  const stats = world.sippCalls.result.statistics!;
  world.log(`SIPp: ${stats.successfulCalls} calls of ${callSeconds} s, ${stats.retransmissions} retransmissions, ${world.sippCalls.result.wallMs.toFixed(0)} ms`);
}

/** One SIPp call: the agent's call is kept on the agent, whose answer is the start reference, as for a phone's call. */
When('a SIPp caller on the trunk {string} calls the agent for {int} seconds and the agent answers', async function (this: GirWorld, trunkRole: string, seconds: number) {
  await sippCalls(this, trunkRole, 1, seconds);
  this.party('agent').call = this.sippCalls!.agentCalls[0];
  this.answeredBy = 'agent';
});

When('SIPp on the trunk {string} places load.calls concurrent calls of load.callSeconds to the agent, who answers each', { timeout: LOAD_STEP_TIMEOUT_MS }, async function (this: GirWorld, trunkRole: string) {
  await sippCalls(this, trunkRole, this.profile.load.calls, this.profile.load.callSeconds);
});

When('SIPp on the trunk {string} places {int} concurrent calls of {int} seconds to the agent, who answers each', { timeout: LOAD_STEP_TIMEOUT_MS }, async function (this: GirWorld, trunkRole: string, calls: number, seconds: number) {
  await sippCalls(this, trunkRole, calls, seconds);
});

Then('every SIPp call left one recording with its own agent on channel 1 and its SIPp caller on channel 2, complete and padded', { timeout: LOAD_STEP_TIMEOUT_MS }, async function (this: GirWorld) {
  const run = this.sippCalls;
  assert.ok(run, 'no SIPp calls in this scenario');
  const stage = await this.callControl();
  const sessions = stage.mediaServer.sessions;
  const calls = run.agentCalls.length;
  assert.equal(sessions.length, calls, `the Media Server got ${sessions.length} recording session(s) for ${calls} calls${stage.mediaServer.refused.length ? `; refused: ${stage.mediaServer.refused.length}` : ''}`);
  const lastHangUp = Math.max(...run.agentCalls.map((call) => call.times.endedAtMs ?? this.clock.now()));
  const limits = { stopDeadlineMs: lastHangUp + this.tolerance.stopMs, nowMs: () => this.clock.now(), tolerance: this.tolerance };
  const written = await Promise.all(sessions.map((session) => sessionFinished(session, limits)));
  await this.capture!.flush();
  const capture = await readCapture(this.capture!.file);
  const sippFrames = sippFramesByCall(capture, run.audio, run.agentCalls);
  const checked: SippLoadRecording[] = [];
  for (const [i, session] of sessions.entries()) {
    assert.equal(session.offer.uri.dn, this.party('agent').dn, `recording ${session.recording.id}: Request-URI ;dn= names the party side, the agent's DN`);
    checked.push(written[i] ? checkSippLoadRecording(session, run, sippFrames, this.tolerance) : { recordId: session.recording.id, failures: [`recording ${session.recording.id} was stopped before it started: no file`], inconclusive: [] });
  }
  // Every call's agent in exactly one recording: no call unrecorded, none recorded twice.
  const byAgent = new Map<number, string[]>();
  for (const entry of checked) {
    const stream = entry.agentCall?.media.streamId;
    if (stream !== undefined) byAgent.set(stream, [...(byAgent.get(stream) ?? []), entry.recordId]);
  }
  const failures = checked.flatMap((entry) => entry.failures);
  for (const call of run.agentCalls) {
    const recordings = byAgent.get(call.media.streamId!) ?? [];
    if (recordings.length !== 1) failures.push(`the call answered with agent stream ${call.media.streamId} is in ${recordings.length} recording(s)${recordings.length ? `: ${recordings.join(', ')}` : ''}`);
  }
  const stalls = stallMonitor.during(run.startedAtMs, this.clock.now());
  this.log(`harness event loop during the calls: ${stalls.length} stall(s), longest ${Math.max(0, ...stalls.map((s) => s.lateMs)).toFixed(1)} ms; capture: ${capture.frames} frames`);
  judge(`${calls} SIPp calls through the SUT`, failures, checked.flatMap((entry) => entry.inconclusive));
  this.log(`${checked.length} recordings checked: each its own agent on channel 1 and its SIPp caller on channel 2, complete and padded`);
});

When('load.calls recording sessions of load.callSeconds run at the recorder at once, each paused for a third of it', { timeout: LOAD_STEP_TIMEOUT_MS }, async function (this: GirWorld) {
  this.recorderLoad = await runRecorderLoad(this, this.profile.load.calls, this.profile.load.callSeconds);
});

When('{int} recording sessions of {int} seconds run at the recorder at once, each paused for a third of it', { timeout: LOAD_STEP_TIMEOUT_MS }, async function (this: GirWorld, calls: number, seconds: number) {
  this.recorderLoad = await runRecorderLoad(this, calls, seconds);
});

Then('every one of those recordings is complete, padded over its pause and holds only its own audio', function (this: GirWorld) {
  const load = this.recorderLoad;
  assert.ok(load, 'no load ran at the recorder in this scenario');
  judge(`${load.sessions} sessions at the recorder`, load.failures, load.inconclusive);
  this.log(`${load.sessions} recordings checked${load.skippedFrames ? `; the harness skipped ${load.skippedFrames} frame(s) it could not send on time (not judged)` : ''}`);
});
