import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../../profiles/load-profile';
import { Directory } from './directory';

const entries = parseProfile({
  directory: [
    { role: 'agent', type: 'Extension', dn: '7001', record: true },
    { role: 'trunk', type: 'TrunkGroup', dn: '9000', peer: '127.0.0.1:20010' },
    { role: 'rp', type: 'RoutingPoint', dn: '5000' },
    { role: 'login', type: 'AgentLogin', agentId: 'a100', record: true },
  ],
}).directory;

test('lookups by DN, agent id and trunk peer', () => {
  const directory = new Directory(entries);
  assert.equal(directory.dn('7001')?.type, 'Extension');
  assert.equal(directory.agentLogin('a100')?.record, true);
  assert.equal(directory.trunkByPeer('127.0.0.1:20010')?.dn, '9000');
  assert.equal(directory.trunkByPeer('127.0.0.1:20011'), undefined);
  assert.equal(directory.isRegistrable('7001'), true);
  assert.equal(directory.isRegistrable('5000'), false);
  assert.equal(directory.isRegistrable('9999'), false);
});

test('upsert replaces by DN and by agent id', () => {
  const directory = new Directory(entries);
  directory.upsert([{ role: 'agent', type: 'Extension', dn: '7001', record: false, screen: false }]);
  assert.equal(directory.dn('7001')?.record, false);
  assert.equal(directory.entries().length, 4);
});
