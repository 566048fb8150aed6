import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../../../../profiles/load-profile';
import { AgentSessions } from '../../agents/agent-sessions';
import { Call } from '../../call/call';
import { FAITHFUL, SutDeviations } from '../../deviations';
import { Directory } from '../../directory';
import { MediaRelay } from '../../media/media-relay';
import { fullTimeDecision } from './full-time';

const directory = new Directory(parseProfile({
  directory: [
    { role: 'x', type: 'Extension', dn: '7001', record: true },
    { role: 'u', type: 'Extension', dn: '7002' },
    { role: 'a', type: 'ACDPosition', dn: '7101', record: true },
    { role: 't', type: 'TrunkGroup', dn: '9000', record: true },
    { role: 'i', type: 'VoiceTreatmentPort', dn: '8000' },
    { role: 'g', type: 'VoiceTreatmentPort', dn: '8001', record: true },
    { role: 'l', type: 'AgentLogin', agentId: 'a100', record: true },
    { role: 'm', type: 'AgentLogin', agentId: 'a200' },
  ],
}).directory);

function call(caller: [string, 'agent' | 'trunk'], callee: string, kind: 'agent' | 'port' = 'agent'): Call {
  const c = new Call('00000000000000a1', {} as MediaRelay);
  c.addLeg('caller', { dn: caller[0], kind: caller[1] });
  c.addLeg('callee', { dn: callee, kind });
  return c;
}

const decide = (c: Call, agents = new AgentSessions(), deviations: Partial<SutDeviations['fullTime']> = {}) =>
  fullTimeDecision(c, directory, agents, { ...FAITHFUL.fullTime, ...deviations });

test('an ACD Position with record=true is recorded agent-side like an Extension (FT-02)', () => {
  const decision = decide(call(['9000', 'trunk'], '7101'));
  assert.deepEqual([decision?.partyLeg, decision?.dn, decision?.side], ['callee', '7101', 'destination']);
  assert.equal(decide(call(['9000', 'trunk'], '7101'), undefined, { ignoresAcdPosition: true }), undefined);
});

test('a trunk group record flag is not a full-time agent recording, and an unflagged DN is not recorded (FT-08)', () => {
  assert.equal(decide(call(['9000', 'trunk'], '7002')), undefined);
});

test('an Agent Login with record=true records the DN the agent is on, with its agentId; the next agent there is not (FT-04)', () => {
  const agents = new AgentSessions();
  agents.login('a100', '7002');
  const decision = decide(call(['9000', 'trunk'], '7002'), agents);
  assert.deepEqual([decision?.dn, decision?.agentId], ['7002', 'a100']);
  agents.logout('7002');
  agents.login('a200', '7002');
  assert.equal(decide(call(['9000', 'trunk'], '7002'), agents), undefined);
  assert.equal(decide(call(['9000', 'trunk'], '7002'), agents, { loginStaysOnDn: true })?.dn, '7002', 'the deviation keeps the DN recorded');
});

test('under SIP Cluster an Agent Login records nothing, a DN with record=true still does (FT-05)', () => {
  const agents = new AgentSessions();
  agents.cluster = true;
  agents.login('a100', '7002');
  assert.equal(decide(call(['9000', 'trunk'], '7002'), agents), undefined);
  assert.equal(decide(call(['9000', 'trunk'], '7001'), agents)?.dn, '7001');
});

test('an internal call between two recorded DNs records the called side only (rule 14)', () => {
  const decision = decide(call(['7001', 'agent'], '7101'));
  assert.deepEqual([decision?.partyLeg, decision?.dn], ['callee', '7101']);
  assert.deepEqual(decide(call(['7001', 'agent'], '7002'))?.partyLeg, 'caller', 'only the caller is recorded: its side');
});

test('a recorded trunk group records the caller\'s leg while an IVR serves the call (FT-06)', () => {
  const decision = decide(call(['9000', 'trunk'], '8000', 'port'));
  assert.deepEqual([decision?.partyLeg, decision?.dn, decision?.side], ['caller', '9000', 'source']);
  assert.equal(decide(call(['9000', 'trunk'], '8000', 'port'), undefined, { ignoresTrunkGroup: true }), undefined);
});

test('a recorded treatment port records its own leg, Record-Side source (FT-07)', () => {
  const decision = decide(call(['9000', 'trunk'], '8001', 'port'));
  assert.deepEqual([decision?.partyLeg, decision?.dn, decision?.side], ['callee', '8001', 'source']);
  assert.equal(decide(call(['9000', 'trunk'], '8001', 'port'), undefined, { portAsExtension: true })?.side, 'destination');
});
