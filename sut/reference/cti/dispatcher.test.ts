import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../../../profiles/load-profile';
import { AgentSessions } from '../agents/agent-sessions';
import { Call } from '../call/call';
import { CallRegistry } from '../call/call-registry';
import { FAITHFUL } from '../deviations';
import { Directory } from '../directory';
import { MediaRelay } from '../media/media-relay';
import { AcceptedState } from '../recording/call-recording';
import { LiveRecording, RecordingController } from '../recording/recording-controller';
import { SelectiveRecordings } from '../recording/policies/selective';
import { RoutingPoints } from '../routing/routing-points';
import { CallEvents } from '../call/call-events';
import { systemClock } from '../../../simulators/time/clock';
import { CtiClientSession } from './client-session';
import { CtiDispatcher, CtiResponse } from './dispatcher';
import { CtiServices } from './handlers/handler';

const LIVE = '00000000000000a1';
const RELEASED = '00000000000000b2';
const UNKNOWN = '00000000000000c3';

/** A recording that only keeps its accepted state: the controller's edges are what is tested. */
function fakeRecordingFactory(started: LiveRecording[]) {
  return (_call: Call, decision: LiveRecording['decision']): LiveRecording => {
    let accepted: AcceptedState = 'recording';
    const recording: LiveRecording = {
      decision,
      get accepted() { return accepted; },
      pause: () => { accepted = 'paused'; },
      resume: () => { accepted = 'recording'; },
      forcePause: () => undefined,
      inject: () => undefined,
      stop: async () => { accepted = 'ended'; },
    };
    started.push(recording);
    return recording;
  };
}

function setUp(requireParty = true) {
  const directory = new Directory(parseProfile({
    directory: [
      { role: 'agent', type: 'Extension', dn: '7002' },
      { role: 'other', type: 'Extension', dn: '7001', record: true },
      { role: 'trunk', type: 'TrunkGroup', dn: '9000' },
      { role: 'login', type: 'AgentLogin', agentId: 'a100' },
    ],
  }).directory);
  const calls = new CallRegistry();
  const call = (connId: string) => {
    const c = new Call(connId, {} as MediaRelay); // the dispatcher never touches media
    c.addLeg('caller', { dn: '9000', kind: 'trunk' });
    c.addLeg('callee', { dn: '7002', kind: 'agent' });
    c.markEstablished(0);
    calls.add(c);
    return c;
  };
  call(LIVE);
  calls.remove(call(RELEASED));
  const started: LiveRecording[] = [];
  const agents = new AgentSessions();
  const recordings = new RecordingController({} as never, directory, agents, FAITHFUL, fakeRecordingFactory(started));
  const routingPoints = new RoutingPoints(systemClock, 1000, () => false, new CallEvents());
  const selective = new SelectiveRecordings(agents, FAITHFUL.selective);
  const transfers = { canReach: () => false, singleStep: () => undefined }; // no call is transferred here
  const hungUp: string[] = [];
  const callControl = { hangUp: (c: Call) => { hungUp.push(c.connId); } };
  const services: CtiServices = { directory, calls, recordings, agents, routingPoints, selective, transfers, callControl, dynamic: { requireParty, defaultSide: 'source' }, deviations: FAITHFUL };
  const dispatcher = new CtiDispatcher(services, FAITHFUL.cti);
  const client = new CtiClientSession(1, () => undefined);
  let referenceId = 0;
  const send = (fields: Record<string, unknown>): CtiResponse => {
    const responses = dispatcher.dispatch({ kind: 'line', text: JSON.stringify({ referenceId: ++referenceId, ...fields }) }, client);
    assert.equal(responses.length, 1, `one response to ${JSON.stringify(fields)}`);
    assert.equal(responses[0].referenceId, referenceId);
    return responses[0];
  };
  const gsip = (privateMsgId: number, extra: Record<string, unknown> = {}) => send({ message: 'RequestPrivateService', privateMsgId, thisDN: '7002', connId: LIVE, ...extra });
  return { send, gsip, started, dispatcher, client, calls, hungUp };
}

test('register, then 3013-3016 walk the DYN-12 edges: every request one response, refusals change nothing', () => {
  const { send, gsip, started } = setUp();
  assert.equal(send({ message: 'RequestRegisterAddress', thisDN: '7002' }).message, 'EventRegistered');
  const steps: [number, string][] = [
    [3015, 'InvalidState'], [3016, 'InvalidState'], [3014, 'InvalidState'], // none live
    [3013, 'EventACK'], [3013, 'InvalidState'], [3016, 'InvalidState'], // recording
    [3015, 'EventACK'], [3015, 'InvalidState'], [3013, 'InvalidState'], // paused
    [3016, 'EventACK'], [3014, 'EventACK'], [3014, 'InvalidState'], // stopped: none live again
    [3013, 'EventACK'], // a new recording
  ];
  for (const [privateMsgId, expected] of steps) {
    const response = gsip(privateMsgId);
    assert.equal(response.message === 'EventError' ? response.errorCode : response.message, expected, `${privateMsgId} → ${JSON.stringify(response)}`);
  }
  assert.equal(started.length, 2);
  assert.deepEqual(started.map((r) => r.accepted), ['ended', 'recording']);
});

test('rule 8 precedence: PrivateMsgID → DnNotRegistered → UnknownConnId → party and extensions → state', () => {
  const { send, gsip } = setUp();
  const code = (r: CtiResponse) => (r.message === 'EventError' ? r.errorCode : r.message);
  // unregistered DN, unknown connId, bad record and an unknown PrivateMsgID: the PrivateMsgID wins
  assert.equal(code(gsip(3099, { thisDN: '7001', connId: UNKNOWN, extensions: { record: 'x' } })), 'InvalidValue');
  assert.equal(code(gsip(3013, { thisDN: '7001', connId: UNKNOWN, extensions: { record: 'x' } })), 'DnNotRegistered');
  send({ message: 'RequestRegisterAddress', thisDN: '7001' });
  assert.equal(code(gsip(3013, { thisDN: '7001', connId: UNKNOWN, extensions: { record: 'x' } })), 'UnknownConnId');
  assert.equal(code(gsip(3013, { thisDN: '7001', connId: RELEASED })), 'UnknownConnId');
  assert.equal(code(gsip(3015, { thisDN: '7001', connId: LIVE })), 'InvalidValue'); // 7001 is no party; beats InvalidState
  send({ message: 'RequestRegisterAddress', thisDN: '7002' });
  assert.equal(code(gsip(3015, { extensions: { record: 'sideways' } })), 'InvalidValue'); // beats InvalidState
  assert.equal(code(gsip(3015)), 'InvalidState');
});

test('a DN must be in the directory to register, and registered to be unregistered or logged in on', () => {
  const { send } = setUp();
  const code = (r: CtiResponse) => (r.message === 'EventError' ? r.errorCode : r.message);
  assert.equal(code(send({ message: 'RequestRegisterAddress', thisDN: '1234' })), 'InvalidValue');
  assert.equal(code(send({ message: 'RequestUnregisterAddress', thisDN: '7002' })), 'DnNotRegistered');
  assert.equal(code(send({ message: 'RequestAgentLogin', thisDN: '7002', agentId: 'a100' })), 'DnNotRegistered');
  send({ message: 'RequestRegisterAddress', thisDN: '7002' });
  assert.equal(code(send({ message: 'RequestAgentLogin', thisDN: '7002', agentId: 'nobody' })), 'InvalidValue');
  assert.equal(code(send({ message: 'RequestAgentLogin', thisDN: '7002', agentId: 'a100' })), 'EventAgentLogin');
  assert.equal(code(send({ message: 'RequestAgentLogin', thisDN: '7002', agentId: 'a100' })), 'InvalidState');
  assert.equal(code(send({ message: 'RequestAgentLogout', thisDN: '7002' })), 'EventACK');
  assert.equal(code(send({ message: 'RequestAgentLogout', thisDN: '7002' })), 'InvalidState');
  assert.equal(code(send({ message: 'RequestUnregisterAddress', thisDN: '7002' })), 'EventUnregistered');
});

test('reasons are echoed unchanged in EventACK and EventError alike', () => {
  const { send, gsip } = setUp();
  const reasons = { why: 'PCI', nested: { n: 1 } };
  assert.deepEqual(send({ message: 'RequestRegisterAddress', thisDN: '7002', reasons }).reasons, reasons);
  assert.deepEqual(gsip(3015, { reasons }).reasons, reasons);
});

test('partitions are normalised on the recording 3013 starts; record follows ThisDN (DYN-07, DYN-08)', () => {
  const { send, gsip, started } = setUp();
  send({ message: 'RequestRegisterAddress', thisDN: '7002' });
  gsip(3013, { extensions: { partitions: ' sales, ,eu ,', record: 'destination' } });
  assert.deepEqual(started[0].decision.partitions, ['sales', 'eu']);
  assert.deepEqual([started[0].decision.dn, started[0].decision.side, started[0].decision.partyLeg], ['9000', 'destination', 'caller']);
});

test('LineTooLong and BadJson are answered with referenceId null, one response each', () => {
  const { dispatcher, client } = setUp();
  const long = dispatcher.dispatch({ kind: 'tooLong', bytes: 70_000 }, client);
  assert.deepEqual(long.map((r) => [r.message, r.errorCode, r.referenceId]), [['EventError', 'LineTooLong', null]]);
  const bad = dispatcher.dispatch({ kind: 'line', text: '{"referenceId":5,' }, client);
  assert.deepEqual(bad.map((r) => [r.message, r.errorCode, r.referenceId]), [['EventError', 'BadJson', null]]);
});

test('a handler that fails unexpectedly still gives exactly one response (NotSupported, naming the failure)', () => {
  const { send } = setUp();
  const response = send({ message: 'RequestConfigUpdate', directory: [{ role: 'x', type: 'Extension', dn: '7777' }] });
  assert.equal(response.message, 'EventACK');
  const broken = new CtiDispatcher({ directory: { upsert: () => { throw new Error('disk full'); } } } as unknown as CtiServices, FAITHFUL.cti);
  const responses = broken.dispatch({ kind: 'line', text: '{"message":"RequestConfigUpdate","referenceId":3,"directory":[]}' }, new CtiClientSession(2, () => undefined));
  assert.deepEqual(responses.map((r) => [r.errorCode, r.referenceId]), [['NotSupported', 3]]);
  assert.match(String(responses[0].errorMessage), /disk full/);
});

test('with dynamic.requireParty false a supervisor DN controls the call; source is the agent leg (rule 12)', () => {
  const { send, gsip, started } = setUp(false);
  send({ message: 'RequestRegisterAddress', thisDN: '7001' });
  assert.equal(gsip(3013, { thisDN: '7001' }).message, 'EventACK');
  assert.deepEqual([started[0].decision.dn, started[0].decision.side], ['7002', 'source']);
  assert.equal(gsip(3014, { thisDN: '7001' }).message, 'EventACK');
  assert.equal(gsip(3013, { thisDN: '7001', extensions: { record: 'destination' } }).message, 'EventACK');
  assert.deepEqual([started[1].decision.dn, started[1].decision.side], ['9000', 'destination']);
});

test('RequestSingleStepTransfer: ThisDN registered, a live call, ThisDN a party, an otherDN the SUT can reach', () => {
  const { send } = setUp();
  const code = (r: CtiResponse) => (r.message === 'EventError' ? r.errorCode : r.message);
  const transfer = (fields: Record<string, unknown>) => send({ message: 'RequestSingleStepTransfer', thisDN: '7002', connId: LIVE, otherDN: '7003', ...fields });
  assert.equal(code(transfer({})), 'DnNotRegistered');
  send({ message: 'RequestRegisterAddress', thisDN: '7002' });
  assert.equal(code(transfer({ connId: RELEASED })), 'UnknownConnId');
  assert.equal(code(transfer({ otherDN: '' })), 'BadField');
  assert.equal(code(transfer({})), 'InvalidValue', 'no phone registered on otherDN (the fake reaches none)');
});

test('RequestReleaseCall: registered ThisDN → a known, live connId → ThisDN a party → an established call; then the SUT hangs the call up', () => {
  const { send, calls, hungUp } = setUp();
  const code = (r: CtiResponse) => (r.message === 'EventError' ? r.errorCode : r.message);
  const release = (thisDN: string, connId: string) => send({ message: 'RequestReleaseCall', thisDN, connId });
  assert.equal(code(send({ message: 'RequestReleaseCall', thisDN: '7002' })), 'BadField', 'connId is required');
  assert.equal(code(release('7002', UNKNOWN)), 'DnNotRegistered');
  send({ message: 'RequestRegisterAddress', thisDN: '7002' });
  send({ message: 'RequestRegisterAddress', thisDN: '7001' });
  assert.equal(code(release('7002', UNKNOWN)), 'UnknownConnId');
  assert.equal(code(release('7002', RELEASED)), 'UnknownConnId');
  assert.equal(code(release('7001', LIVE)), 'InvalidValue', '7001 is no party of the call');
  const ringing = new Call('00000000000000d4', {} as MediaRelay);
  ringing.addLeg('caller', { dn: '9000', kind: 'trunk' });
  ringing.addLeg('callee', { dn: '7002', kind: 'agent' });
  calls.add(ringing);
  assert.equal(code(release('7002', ringing.connId)), 'InvalidState', 'a call still ringing');
  assert.deepEqual(hungUp, [], 'no refusal touched a call');
  const accepted = release('7002', LIVE);
  assert.deepEqual([accepted.message, accepted.connId, accepted.thisDN], ['EventACK', LIVE, '7002']);
  assert.deepEqual(hungUp, [LIVE]);
});
