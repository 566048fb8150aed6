import { Then } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { assertRecordingPassed } from '../simulators/analysis';
import { PRIVATE_MSG } from '../simulators/cti/cti-events';
import { InconclusiveError } from '../simulators/verdict/inconclusive-error';
import { judgeTiming } from '../simulators/verdict/timing-judgement';
import { harnessInput } from './support/harness-lateness';
import { analyzeSession } from './support/recording-check';
import { GirWorld, Party } from './support/world';

/** The party whose DN the recording names as party side, and the other one (label 1, label 2). */
function labelled(world: GirWorld, dn: string): [Party, Party] {
  const agent = world.party('agent');
  const other = [...world.parties.values()].find((p) => p !== agent)!;
  return dn === agent.dn ? [agent, other] : [other, agent];
}

/**
 * PAD-01 in the call-control role: each pause and resume the desktop had acknowledged reached the
 * Media Server within tolerance.pauseLatencyMs of its request, or of the set-up's end when it was
 * queued behind it (rule 18); and the file is digital silence over each pause, in both channels,
 * each edge within tolerance.padEdgeMs of where the Media Server got the command (the analyzer).
 */
Then("every pause and resume reached the Media Server within the profile's pause latency of its request, and every pause is padded in both channels", async function (this: GirWorld) {
  const stage = await this.callControl();
  const [session] = stage.mediaServer.sessions;
  assert.ok(session, 'no recording session at the Media Server');
  const [label1, label2] = labelled(this, session.offer.uri.dn);
  const others = [...this.parties.values()].filter((p) => p !== label1 && p !== label2);
  const hungUp = [...this.parties.values()].map((p) => p.call?.times.byeSentAtMs).find((t) => t !== undefined);
  assert.ok(hungUp !== undefined, 'nobody hung up in this scenario');
  const tolerance = this.tolerance;
  const checked = await analyzeSession(session, { label1, label2, others }, {
    clock: this.clock, stopDeadlineMs: hungUp + tolerance.stopMs, tolerance,
  });

  const events = session.recording.events;
  const startedAtMs = events.find((e) => e.type === 'started')!.atMs;
  const findings: string[] = [];
  const unjudged: string[] = [];
  const harness = harnessInput(tolerance);
  for (const [msgId, type] of [[PRIVATE_MSG.pause, 'paused'], [PRIVATE_MSG.resume, 'resumed']] as const) {
    const requests = [];
    for (const request of this.desktops.requests.filter((r) => r.fields.privateMsgId === msgId)) {
      if ((await request.sent.response).event.message === 'EventACK') requests.push(request);
    }
    const received = events.filter((e) => e.type === type);
    assert.equal(received.length, requests.length, `${requests.length} acknowledged ${type === 'paused' ? 'pause' : 'resume'} request(s), but the Media Server got ${received.length}`);
    requests.forEach((request, i) => {
      const from = Math.max(request.sent.sentAtMs, startedAtMs);
      const latency = received[i].atMs - from;
      const finding = `${type} ${i + 1} reached the Media Server ${latency.toFixed(1)} ms after its request${from > request.sent.sentAtMs ? ' (queued behind the set-up)' : ''}`;
      const judged = judgeTiming({ measuredMs: latency, toleranceMs: tolerance.pauseLatencyMs, failed: latency > tolerance.pauseLatencyMs, span: { fromMs: from, toMs: received[i].atMs } }, harness);
      if (judged.verdict === 'fail') findings.push(finding);
      else if (judged.verdict === 'inconclusive') unjudged.push(`${finding} — ${judged.lateness.evidence}`);
    });
  }
  assert.deepEqual(findings, [], `tolerance.pauseLatencyMs is ${tolerance.pauseLatencyMs}`);
  if (unjudged.length > 0) throw new InconclusiveError(`${unjudged.join('; ')}: more than tolerance.harnessShare (${tolerance.harnessShare}) of tolerance.pauseLatencyMs ${tolerance.pauseLatencyMs}`);
  const pauses = events.filter((e) => e.type === 'paused').length;
  assert.ok(pauses > 0, 'the recording was never paused: nothing to check');
  const padded = checked.analysis.verdicts.filter((v) => v.type === 'padding' && v.severity === 'pass');
  assertRecordingPassed(checked.analysis);
  assert.equal(padded.length, pauses * 2, `a passed padding check per pause and channel (${pauses} pauses × 2) was expected`);
  this.log(`${pauses} pause(s) padded; commands within ${tolerance.pauseLatencyMs} ms of their requests`);
});
