import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentSessions } from '../../agents/agent-sessions';
import { Call, CallParty } from '../../call/call';
import { FAITHFUL } from '../../deviations';
import { MediaRelay } from '../../media/media-relay';
import { SelectiveRecordings } from './selective';

function call(connId: string, caller: CallParty, callee: CallParty): Call {
  const c = new Call(connId, {} as MediaRelay);
  c.addLeg('caller', caller);
  c.addLeg('callee', callee);
  return c;
}

const inbound = () => call('00000000000000a1', { dn: '9000', kind: 'trunk' }, { dn: '7001', kind: 'agent' });
const outbound = () => call('00000000000000a2', { dn: '7002', kind: 'agent' }, { dn: '9000', kind: 'trunk' });

test('record=destination is the agent side: the routed-to agent inbound, the calling agent outbound (SEL-03)', () => {
  const agents = new AgentSessions();
  agents.login('a200', '7001');
  const selective = new SelectiveRecordings(agents, FAITHFUL.selective);
  const [a, b] = [inbound(), outbound()];
  selective.set(a, { record: 'destination', id: 'r1', dest: 'sel/eu', routingPoint: '5000' });
  selective.set(b, { record: 'destination', routingPoint: '5000' });
  const first = selective.decisionAt(a);
  const second = selective.decisionAt(b);
  assert.ok(first && first !== 'suppressed' && second && second !== 'suppressed');
  assert.deepEqual([first.partyLeg, first.dn, first.side, first.recordId, first.dest, first.agentId, first.method], ['callee', '7001', 'destination', 'r1', 'sel/eu', 'a200', 'selective']);
  assert.deepEqual([second.partyLeg, second.dn, second.recordId, second.dest], ['caller', '7002', undefined, undefined]);
});

test('disable_destination suppresses recording; a later routing point replaces an earlier setting (SEL-02)', () => {
  const selective = new SelectiveRecordings(new AgentSessions(), FAITHFUL.selective);
  const c = inbound();
  selective.set(c, { record: 'destination', id: 'r2', routingPoint: '5000' });
  selective.set(c, { record: 'disable_destination', routingPoint: '5001' });
  assert.equal(selective.decisionAt(c), 'suppressed');
  assert.equal(selective.liveIds.isLive('r2'), false, 'the replaced setting gave its id back');
  assert.equal(selective.decisionAt(call('00000000000000b9', { dn: '9000', kind: 'trunk' }, { dn: '7001', kind: 'agent' })), undefined, 'a call routed without record: no selective decision');
});

test('an id stays live while its recording runs and is free once its voice goes OFF (rule 17)', () => {
  const selective = new SelectiveRecordings(new AgentSessions(), FAITHFUL.selective);
  const c = inbound();
  selective.set(c, { record: 'destination', id: 'r3', routingPoint: '5000' });
  const decision = selective.decisionAt(c);
  assert.ok(decision && decision !== 'suppressed');
  selective.released(c);
  assert.ok(selective.liveIds.isLive('r3'), 'released, but its recording has not stopped yet');
  selective.voiceChanged({ call: c, decision }, 'OFF');
  assert.equal(selective.liveIds.isLive('r3'), false);
});

test('a routed call abandoned before its answer frees the id it reserved', () => {
  const selective = new SelectiveRecordings(new AgentSessions(), FAITHFUL.selective);
  const c = inbound();
  selective.set(c, { record: 'destination', id: 'r4', routingPoint: '5000' });
  assert.ok(selective.liveIds.isLive('r4'));
  selective.abandoned(c);
  assert.equal(selective.liveIds.isLive('r4'), false);
});
