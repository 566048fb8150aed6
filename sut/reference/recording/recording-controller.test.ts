import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../../../profiles/load-profile';
import { AgentSessions } from '../agents/agent-sessions';
import { Call } from '../call/call';
import { FAITHFUL } from '../deviations';
import { Directory } from '../directory';
import { InvalidStateError } from '../errors';
import { MediaRelay } from '../media/media-relay';
import { AcceptedState, CallRecordingListener } from './call-recording';
import { LiveRecording, RecordingController } from './recording-controller';

interface Made { recording: LiveRecording; listener: CallRecordingListener; stops: number }

function setUp() {
  const directory = new Directory(parseProfile({ directory: [{ role: 'a', type: 'Extension', dn: '7001', record: true }, { role: 't', type: 'TrunkGroup', dn: '9000' }] }).directory);
  const made: Made[] = [];
  const controller = new RecordingController({} as never, directory, new AgentSessions(), FAITHFUL, (_call, decision, _session, _deviations, listener) => {
    let accepted: AcceptedState = 'recording';
    const entry: Made = { listener, stops: 0, recording: undefined as never };
    entry.recording = {
      decision,
      get accepted() { return accepted; },
      pause: () => { accepted = 'paused'; },
      resume: () => { accepted = 'recording'; },
      forcePause: () => undefined,
      inject: () => undefined,
      stop: async () => { accepted = 'ended'; entry.stops++; },
    };
    made.push(entry);
    return entry.recording;
  });
  const call = new Call('00000000000000a1', {} as MediaRelay); // no media in these tests
  call.addLeg('caller', { dn: '9000', kind: 'trunk' });
  call.addLeg('callee', { dn: '7001', kind: 'agent' });
  return { controller, made, call };
}

const dynamicDecision = { partyLeg: 'callee' as const, dn: '7001', side: 'source' as const, partitions: [], method: 'dynamic' as const, reason: 'test' };

test('a start on a call not yet established is InvalidState', () => {
  const { controller, call } = setUp();
  assert.throws(() => controller.startDynamic(call, dynamicDecision), InvalidStateError);
});

test('full-time starts at the establishment, 3014-3016 control it, and the release stops it (DYN-10)', () => {
  const { controller, made, call } = setUp();
  call.markEstablished(0);
  controller.established(call);
  assert.equal(made[0].recording.decision.method, 'full-time');
  controller.pause(call);
  assert.equal(made[0].recording.accepted, 'paused');
  controller.resume(call);
  controller.released(call);
  assert.equal(made[0].stops, 1);
  assert.equal(controller.recordingOf(call.connId), undefined);
});

test('a recording that failed or that the Media Server ended leaves the live map: a new start opens a new one', () => {
  const { controller, made, call } = setUp();
  call.markEstablished(0);
  controller.startDynamic(call, dynamicDecision);
  assert.throws(() => controller.startDynamic(call, dynamicDecision), InvalidStateError);
  made[0].listener.ended(made[0].recording as never); // the MS sent BYE, or a command failed
  assert.equal(controller.recordingOf(call.connId), undefined);
  assert.throws(() => controller.pause(call), InvalidStateError);
  controller.startDynamic(call, dynamicDecision);
  assert.equal(made.length, 2);
  made[0].listener.ended(made[0].recording as never); // a late word from the old one changes nothing
  assert.equal(controller.recordingOf(call.connId), made[1].recording);
});

test('a stop is accepted while recording or paused, and frees the call for a new start at once', () => {
  const { controller, made, call } = setUp();
  call.markEstablished(0);
  controller.startDynamic(call, dynamicDecision);
  controller.pause(call);
  controller.stop(call);
  assert.equal(made[0].stops, 1);
  assert.throws(() => controller.stop(call), InvalidStateError);
  controller.startDynamic(call, dynamicDecision);
  assert.equal(made.length, 2);
});
