import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { assertRecordingPassed, summarizeRecording } from '../simulators/analysis';
import { assertOwnFiles, recorderResult, segmentsDuring } from './support/client-recording-check';
import { current, openRecording, refusalOf } from './support/recorder-sessions';
import { sendBarrage, tortureBarrage } from './support/torture-barrage';
import { talkFor } from './support/waiting';
import type { GirWorld } from './support/world';

Given('a recording session at the recorder with both parties talking', async function (this: GirWorld) {
  await openRecording(this);
});

Given('a recording session at the recorder with a fresh record id', async function (this: GirWorld) {
  await openRecording(this);
});

Given('a recording session at the recorder with dest {string}', async function (this: GirWorld, dest: string) {
  await openRecording(this, { dest });
});

Given('a recording session at the recorder with id, dest, partitions and agent', async function (this: GirWorld) {
  await openRecording(this, { dest: 'speechminer/import', partitions: ['sales', 'eu'], agentId: 'a100', side: 'source' });
});

When('the recording runs for {float} second(s)', async function (this: GirWorld, seconds: number) {
  await talkFor(seconds * 1000);
});

When('{float} second(s) pass(es)', async function (this: GirWorld, seconds: number) {
  await talkFor(seconds * 1000);
});

When(/^the recording is paused( by re-INVITE)? for ([\d.]+) seconds?$/, async function (this: GirWorld, byReinvite: string | undefined, seconds: string) {
  const { recording } = current(this);
  await recording.pause(byReinvite ? 'reinvite' : 'info');
  await talkFor(Number(seconds) * 1000);
  await recording.resume();
});

When('the recording is paused', async function (this: GirWorld) {
  await current(this).recording.pause('info');
});

When("the recording is paused and resumed as many times as the profile's pause cycles", async function (this: GirWorld) {
  const { recording } = current(this);
  const cycleMs = 300; // each cycle: talk, then pause, as long each; long enough for whole frames either side
  for (let cycle = 0; cycle < this.profile.load.pauseCycles; cycle++) {
    await talkFor(cycleMs);
    await recording.pause('info');
    await talkFor(cycleMs);
    await recording.resume();
  }
  await talkFor(cycleMs);
});

When('the party side sends no audio for {float} second(s)', async function (this: GirWorld, seconds: number) {
  const { recording } = current(this);
  recording.startGap(0);
  await talkFor(seconds * 1000);
  recording.endGap(0);
});

When('the recording stops', async function (this: GirWorld) {
  await current(this).recording.stop();
});

When('another recording session is opened with the same record id', async function (this: GirWorld) {
  await refusalOf(this, { recordId: current(this).id });
});

When('{int} recording sessions are opened at the recorder without a record id, each recording {float} seconds', async function (this: GirWorld, count: number, seconds: number) {
  for (let i = 0; i < count; i++) {
    const entry = await openRecording(this, { withoutId: true });
    await talkFor(seconds * 1000);
    await entry.recording.stop();
  }
});

When('the recorder restarts', async function (this: GirWorld) {
  const stage = await this.recorderRole();
  if (!stage.recorder.restart) return 'skipped';
  await stage.recorder.restart();
  return undefined;
});

Then('the recording file is padded with silence over every pause, in both channels', async function (this: GirWorld) {
  const entry = current(this);
  const { analysis } = await recorderResult(this, entry);
  this.log(summarizeRecording(analysis).text);
  assertRecordingPassed(analysis);
  const padded = analysis.verdicts.filter((v) => v.type === 'padding' && v.severity === 'pass');
  assert.equal(padded.length, entry.recording.pauses.length * 2, `a passed padding check per pause and channel (${entry.recording.pauses.length} pauses × 2) was expected`);
  assert.ok(entry.recording.pauses.length > 0, 'the scenario made no pause');
});

Then('the recording file lasts as long as the session', async function (this: GirWorld) {
  const { analysis } = await recorderResult(this, current(this));
  const duration = analysis.verdicts.find((v) => v.type === 'duration');
  assert.ok(duration, 'the analyzer made no duration check (no stop time?)');
  assert.equal(duration.severity, 'pass', duration.message);
});

Then('no audio the parties sent during a pause is in the file', async function (this: GirWorld) {
  const entry = current(this);
  const { analysis } = await recorderResult(this, entry);
  const pauses = entry.recording.pauses;
  const sentDuringPauses = entry.recording.senders.flatMap((s) => s.log).filter((f) => pauses.some((p) => f.sentAtMs > p.startMs && f.sentAtMs < (p.endMs ?? Infinity)));
  assert.ok(sentDuringPauses.length > 0, 'no frame was sent during a pause, so nothing could leak: the check would prove nothing');
  const leaks = analysis.verdicts.filter((v) => v.type === 'leak');
  assert.deepEqual(leaks.map((l) => l.message), [], 'frames sent during a pause are in the file');
  assertRecordingPassed(analysis);
});

Then('the media gap is padded with silence and later audio keeps its time', async function (this: GirWorld) {
  const entry = current(this);
  const { analysis } = await recorderResult(this, entry);
  assertRecordingPassed(analysis);
  const [gap] = entry.recording.gaps;
  assert.ok(gap?.endMs !== undefined, 'the scenario made no media gap');
  const edge = this.tolerance.padEdgeMs;
  const inside = segmentsDuring(analysis, 0, gap.startMs + edge, gap.endMs - edge);
  assert.ok(inside.length > 0 && inside.every((s) => s.kind === 'silence' && s.digital),
    `the media gap (${(gap.endMs - gap.startMs).toFixed(0)} ms) is not digital silence in channel 1: ${inside.map((s) => `${s.kind}@${s.start}+${s.length}`).join(', ')}`);
  const shifts = analysis.verdicts.filter((v) => v.type === 'time-shift' && v.severity !== 'pass');
  assert.deepEqual(shifts.map((v) => v.message), [], 'audio after the gap moved from its true time');
});

Then('the recording file is a stereo 8 kHz 16-bit WAV with the party side in channel 1', async function (this: GirWorld) {
  const entry = current(this);
  const { audio, analysis } = await recorderResult(this, entry);
  assert.equal(audio.sampleRate, 8000);
  assert.equal(audio.channels.length, 2, 'the WAV must be stereo');
  const inChannel = (channel: number) => new Set(analysis.channels[channel].frames.map((f) => f.streamId));
  assert.deepEqual([...inChannel(0)], [entry.recording.streamIds[0]], 'channel 1 must hold the party side (a=label:1) only');
  assert.deepEqual([...inChannel(1)], [entry.recording.streamIds[1]], 'channel 2 must hold the other party (a=label:2) only');
  assertRecordingPassed(analysis);
});

Then("the metadata holds the session's parameters, its start and stop and every pause and resume", async function (this: GirWorld) {
  const entry = current(this);
  const { metadata } = await recorderResult(this, entry);
  this.attach(JSON.stringify(metadata, null, 2), { mediaType: 'application/json', fileName: 'metadata.json' });
  const p = entry.parameters;
  assert.equal(metadata.id, entry.id);
  assert.equal(metadata.connId, p.connId);
  assert.equal(metadata.dn, entry.dn);
  assert.equal(metadata.agentId, p.agentId ?? null);
  assert.equal(metadata.side, p.side);
  assert.deepEqual(metadata.partitions, p.partitions);
  assert.equal(metadata.dest, p.dest ?? null);
  const events = metadata.events as { type: string; at: string }[];
  assert.ok(Array.isArray(events), 'metadata.events must be a list');
  const expected = ['started', ...entry.recording.pauses.flatMap((pause) => (pause.endMs === entry.recording.stoppedAtMs ? ['paused'] : ['paused', 'resumed'])), 'stopped'];
  assert.deepEqual(events.map((e) => e.type), expected, 'metadata.events');
  const times = [metadata.startedAt, ...events.map((e) => e.at), metadata.stoppedAt].map((t) => Date.parse(String(t)));
  assert.ok(times.every((t) => Number.isFinite(t)), 'startedAt, stoppedAt and every event time are ISO 8601 times');
  assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1] || i === times.length - 1), 'event times are in order');
  assert.equal(Date.parse(String(metadata.startedAt)), Date.parse(events[0].at));
  assert.equal(Date.parse(String(metadata.stoppedAt)), Date.parse(events[events.length - 1].at));
});

Then('no file of the recording is under its final name yet', async function (this: GirWorld) {
  const entry = current(this);
  assertOwnFiles(entry);
  const stage = await this.recorderRole();
  const files = stage.existingFilesOf(entry.id, entry.parameters.dest);
  assert.deepEqual(files, [], `a file of the live recording ${entry.id} is already under its final name`);
});

Then("the recorder refuses it with the profile's {word} status", function (this: GirWorld, which: string) {
  const status = which === 'duplicate-id' ? this.profile.ms.duplicateIdStatus : which === 'bad-dest' ? this.profile.ms.badDestStatus : undefined;
  if (status === undefined) throw new Error(`unknown status "${which}": duplicate-id or bad-dest`);
  assert.ok(this.lastRefusal, `the recorder accepted the session; expected ${status}`);
  assert.equal(this.lastRefusal.status, status, this.lastRefusal.message);
});

Then('the first session records on undisturbed to its stop', async function (this: GirWorld) {
  const entry = current(this);
  await talkFor(500);
  await entry.recording.stop();
  const { analysis } = await recorderResult(this, entry);
  assertRecordingPassed(analysis);
});

Then('each 200 OK carried an X-Genesys-Record-Id, all different, and each file and metadata carry it', async function (this: GirWorld) {
  const ids = this.recorderRecordings.map((e) => e.recording.session.recordId);
  assert.ok(ids.every((id) => typeof id === 'string' && id.length > 0), `a 200 OK carried no X-Genesys-Record-Id: ${JSON.stringify(ids)}`);
  assert.equal(new Set(ids).size, ids.length, `the recorder made the same id twice: ${ids.join(', ')}`);
  for (const entry of this.recorderRecordings) {
    const { metadata } = await recorderResult(this, entry);
    assert.equal(metadata.id, entry.id, `metadata of ${entry.id}`);
  }
});

When('the RFC 4475 torture messages, truncated datagrams and garbage are sent to the recorder', async function (this: GirWorld) {
  const stage = await this.recorderRole();
  const items = tortureBarrage();
  const sent = await sendBarrage(stage.recorder.sipAddress, this.ports, items);
  this.log(`sent ${sent} datagrams: ${items.map((i) => i.name).join('; ')}`);
});

Then('the recorder still records a new session correctly', async function (this: GirWorld) {
  const entry = await openRecording(this);
  await talkFor(500);
  await entry.recording.stop();
  const { analysis } = await recorderResult(this, entry);
  assertRecordingPassed(analysis);
});
