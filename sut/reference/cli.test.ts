import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { profileSchema } from '../../profiles/profile-schema';
import { Phone } from '../../simulators/endpoint/phone';
import { CtiClient } from '../../simulators/cti/cti-client';
import { systemClock } from '../../simulators/time/clock';
import { FakeMediaServer, MediaServerSession } from '../../simulators/media-server/media-server';
import { formatHostPort, parseHostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { directoryWithTrunkPeers } from './cli';

const profile = profileSchema.parse({
  directory: [
    { role: 'agent', type: 'Extension', dn: '7001', record: true },
    { role: 'trunk', type: 'TrunkGroup', dn: '9000' },
    { role: 'trunk with peer', type: 'TrunkGroup', dn: '9001', peer: '127.0.0.1:5999' },
  ],
});

test('--trunk-peer fills the trunks the profile leaves open and keeps the others', () => {
  const directory = directoryWithTrunkPeers(profile, ['9000=127.0.0.1:5070']);
  assert.deepEqual(directory.map((e) => (e.type === 'TrunkGroup' ? e.peer : e.role)), ['agent', '127.0.0.1:5070', '127.0.0.1:5999']);
});

test('a trunk without a peer, a peer for no trunk, or a malformed --trunk-peer is an error naming it', () => {
  assert.throws(() => directoryWithTrunkPeers(profile, []), /TrunkGroup DN 9000 has no peer/);
  assert.throws(() => directoryWithTrunkPeers(profile, ['9000=127.0.0.1:5070', '7001=127.0.0.1:5071']), /not TrunkGroup entries of the profile: 7001/);
  assert.throws(() => directoryWithTrunkPeers(profile, ['9000']), /--trunk-peer "9000": expected <dn>=<ip:port>/);
});

test('the CLI runs the reference SUT as a process: an inbound call to a record=true extension is recorded', { timeout: 30_000 }, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'gir-sut-cli-'));
  const portBlock = new PortBlock();
  const mediaServer = await FakeMediaServer.start({ host: '127.0.0.1', port: 0, portBlock, root });
  const placeholder = { host: '127.0.0.1', port: 0 };
  const trunk = await Phone.start({ name: 'far end of trunk 9000', host: '127.0.0.1', portBlock, sut: placeholder });
  const recordedTrunk = await Phone.start({ name: 'far end of trunk 9001', host: '127.0.0.1', portBlock, sut: placeholder });
  const agent = await Phone.start({ name: 'agent 7001', host: '127.0.0.1', portBlock, sut: placeholder });
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'cli.ts'),
    '--media-server', formatHostPort(mediaServer.address), '--trunk-peer', `9000=${formatHostPort(trunk.address)}`,
    '--trunk-peer', `9001=${formatHostPort(recordedTrunk.address)}`],
  { cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const exited = once(child, 'exit');
  t.after(async () => {
    child.kill('SIGKILL');
    await Promise.all([trunk.close(), recordedTrunk.close(), agent.close(), mediaServer.close()]);
    rmSync(root, { recursive: true, force: true });
  });

  const listening = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const match = /listening on (\S+:\d+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`reference SUT exited (${code}) before listening:\n${output}`)));
  });
  for (const phone of [trunk, agent]) phone.setSut(parseHostPort(listening));
  await agent.register('7001');
  // the CTI bridge's address is on the same start-up line, and a client registers there
  const ctiAddress = /CTI (\S+:\d+)/.exec(output)?.[1];
  assert.ok(ctiAddress, `no CTI address on the start-up line: ${output}`);
  const desktop = await CtiClient.connect({ address: parseHostPort(ctiAddress), clock: systemClock, name: 'desktop' });
  t.after(() => desktop.close());
  assert.equal((await desktop.send('RequestRegisterAddress', { thisDN: '7001' }, 5000).response).event.message, 'EventRegistered');

  const session = new Promise<MediaServerSession>((resolve) => mediaServer.onSession(resolve));
  const ringing = agent.nextIncomingCall(2, 5000);
  const outgoing = trunk.call('7001', 1);
  (await ringing).answer();
  const call = await outgoing;
  const recording = await session;
  const established = await desktop.waitFor((e) => e.event.message === 'EventEstablished', 5000, () => new Error('no EventEstablished for 7001'));
  assert.equal((established.event as { connId: string }).connId, recording.offer.parameters.connId);
  await call.hangup();
  const metadata = await recording.finished;
  assert.ok(metadata, `the recording ended without metadata; SUT output:\n${output}`);
  assert.equal(metadata.dn, '7001');
  assert.ok(existsSync(join(root, metadata.dest ?? '', `${metadata.id}.wav`)), `no WAV for recording ${metadata.id} under ${root}`);

  child.kill('SIGTERM');
  const [code] = await exited;
  assert.equal(code, 0, `SIGTERM should end the SUT with 0; output:\n${output}`);
  assert.match(output, /SIGTERM: stopping/);
});
