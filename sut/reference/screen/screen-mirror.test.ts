import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../../../profiles/load-profile';
import { ScreenCommand } from '../../../simulators/screen/screen-command';
import { systemClock } from '../../../simulators/time/clock';
import { AgentSessions } from '../agents/agent-sessions';
import { Call } from '../call/call';
import { FAITHFUL } from '../deviations';
import { Directory } from '../directory';
import { MediaRelay } from '../media/media-relay';
import { RecordingDecision } from '../recording/recording-decision';
import { ScreenMirror } from './screen-mirror';

const decision: RecordingDecision = { partyLeg: 'callee', dn: '7001', side: 'destination', partitions: [], method: 'full-time', reason: 'test' };

function setUp(options: { agent?: string; recordId?: string; send?: (agentId: string, command: ScreenCommand) => Promise<void> } = {}) {
  const directory = new Directory(parseProfile({
    directory: [
      { role: 'x', type: 'Extension', dn: '7001', record: true },
      { role: 'y', type: 'Extension', dn: '7004', screen: true },
      { role: 's', type: 'AgentLogin', agentId: 'a200', screen: true },
      { role: 'n', type: 'AgentLogin', agentId: 'a201' },
    ],
  }).directory);
  const agents = new AgentSessions();
  if (options.agent) agents.login(options.agent, '7001');
  const sent: { agentId: string; command: ScreenCommand }[] = [];
  const send = options.send ?? (async (agentId: string, command: ScreenCommand) => void sent.push({ agentId, command }));
  const mirror = new ScreenMirror(directory, agents, send, systemClock, FAITHFUL.screen);
  const call = new Call('00000000000000a1', {} as MediaRelay);
  call.addLeg('caller', { dn: '9000', kind: 'trunk' });
  call.addLeg('callee', { dn: '7001', kind: 'agent' });
  const recording = { call, decision: { ...decision, ...(options.recordId ? { recordId: options.recordId } : {}) }, session: '00000000000000a1-1' };
  return { mirror, sent, recording };
}

test('a configured agent gets start, pause, resume and stop as the voice recording changes', async () => {
  const { mirror, sent, recording } = setUp({ agent: 'a200' });
  for (const value of ['ON', 'PAUSED', 'ON', 'OFF'] as const) mirror.voiceChanged(recording, value);
  await mirror.settled();
  assert.deepEqual(sent.map((s) => `${s.agentId} ${s.command.action}`), ['a200 start', 'a200 pause', 'a200 resume', 'a200 stop']);
  assert.deepEqual(sent[0].command, { action: 'start', connId: '00000000000000a1', recordingId: '00000000000000a1-1' });
});

test('the recordingId is the extension id when the recording has one (rule 19)', async () => {
  const { mirror, sent, recording } = setUp({ agent: 'a200', recordId: 'sel-42' });
  mirror.voiceChanged(recording, 'ON');
  await mirror.settled();
  assert.equal(sent[0].command.recordingId, 'sel-42');
});

test('an agent not configured, or no agent logged in, gets nothing', async () => {
  for (const agent of ['a201', undefined]) {
    const { mirror, sent, recording } = setUp({ agent });
    for (const value of ['ON', 'PAUSED', 'ON', 'OFF'] as const) mirror.voiceChanged(recording, value);
    await mirror.settled();
    assert.deepEqual(sent, [], `agent ${agent ?? '(none)'}`);
  }
});

test('a start that failed (OFF without ON) sends no screen command', async () => {
  const { mirror, sent, recording } = setUp({ agent: 'a200' });
  mirror.voiceChanged(recording, 'OFF');
  await mirror.settled();
  assert.deepEqual(sent, []);
});

test('a failing service is logged and does not hold back the next command', async () => {
  const order: string[] = [];
  const { mirror, recording } = setUp({
    agent: 'a200',
    send: (_agentId, command) => {
      order.push(command.action);
      return command.action === 'start' ? new Promise((_, reject) => setTimeout(() => reject(new Error('500')), 30)) : Promise.resolve();
    },
  });
  mirror.voiceChanged(recording, 'ON');
  mirror.voiceChanged(recording, 'PAUSED');
  assert.deepEqual(order, ['start', 'pause'], 'the pause went out before the start was answered');
  await mirror.settled();
  assert.equal(mirror.failures.length, 1);
});
