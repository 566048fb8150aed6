import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfile } from './load-profile';

/** Every profile shipped in profiles/: one per adapter the harness has, for each role. */
const EXAMPLES: Record<string, { role: string; adapter: string }> = {
  'default.yaml': { role: 'call-control', adapter: 'embedded' },
  'call-control-process.yaml': { role: 'call-control', adapter: 'process' },
  'call-control-container.yaml': { role: 'call-control', adapter: 'container' },
  'call-control-external.example.yaml': { role: 'call-control', adapter: 'external' },
  'recorder.yaml': { role: 'recorder', adapter: 'embedded' },
  'recorder-process.yaml': { role: 'recorder', adapter: 'process' },
  'recorder-process-dated.yaml': { role: 'recorder', adapter: 'process' },
  'recorder-container.yaml': { role: 'recorder', adapter: 'container' },
  'recorder-external.example.yaml': { role: 'recorder', adapter: 'external' },
};

test('every profile in profiles/ loads, with the role and adapter it is meant to show', () => {
  const shipped = readdirSync(__dirname).filter((name) => name.endsWith('.yaml')).sort();
  assert.deepEqual(shipped, Object.keys(EXAMPLES).sort(), 'a profile without an entry here is not tested');
  for (const [name, expected] of Object.entries(EXAMPLES)) {
    const { profile } = loadProfile(join(__dirname, name));
    assert.deepEqual({ role: profile.sut.role, adapter: profile.sut.adapter }, expected, name);
  }
});

test('process profiles give a command, container ones an image; external ones the addresses the harness cannot choose', () => {
  for (const [name, { adapter, role }] of Object.entries(EXAMPLES)) {
    const { sut, ms, directory } = loadProfile(join(__dirname, name)).profile;
    if (adapter === 'process' || adapter === 'container') assert.ok(sut.command?.some((arg) => arg.includes('{port}')), `${name}: a command listening on {port}`);
    if (adapter === 'container') assert.ok(sut.image, `${name}: sut.image`);
    if (adapter === 'external') assert.ok(sut.sip, `${name}: sut.sip`);
    if (adapter === 'external' && role === 'recorder') assert.ok(sut.recordings, `${name}: sut.recordings`);
    if (adapter === 'external' && role === 'call-control') {
      assert.ok(sut.cti, `${name}: sut.cti`);
      assert.notEqual(ms.listen.endsWith(':0'), true, `${name}: a fixed ms.listen`);
      assert.ok(directory.filter((e) => e.type === 'TrunkGroup').every((e) => e.type === 'TrunkGroup' && e.peer), `${name}: fixed trunk peers`);
    }
  }
});
