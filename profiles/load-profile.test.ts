import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProfile, parseProfile, ProfileError } from './load-profile';

test('the default profile loads with the documented defaults', () => {
  const { profile, sha256 } = loadProfile();
  assert.equal(profile.sut.role, 'call-control');
  assert.equal(profile.tolerance.padEdgeMs, 20);
  assert.equal(profile.ms.duplicateIdStatus, 409);
  assert.match(sha256, /^[0-9a-f]{64}$/);
  assert.ok(profile.directory.some((e) => e.role === 'agent-extension-recorded' && e.record));
});

test('an empty document takes every default', () => {
  const profile = parseProfile({});
  assert.equal(profile.sut.adapter, 'embedded');
  assert.equal(profile.tolerance.stopMs, 200);
  assert.equal(profile.dynamic.defaultSide, 'source');
});

test('unknown keys and wrong types are named by path, all at once', () => {
  const error = catchProfileError(() =>
    parseProfile({ tolerance: { padEdgMs: 20, stopMs: 'soon' }, sut: { role: 'pbx' } }));
  assert.ok(error.problems.some((p) => p.startsWith('tolerance: unknown key(s) padEdgMs')), error.message);
  assert.ok(error.problems.some((p) => p.startsWith('tolerance.stopMs:')), error.message);
  assert.ok(error.problems.some((p) => p.startsWith('sut.role:')), error.message);
});

test('directory entries are checked per type and across entries', () => {
  const error = catchProfileError(() =>
    parseProfile({
      directory: [
        { role: 'a', type: 'Extension', dn: '7001' },
        { role: 'b', type: 'Extension', dn: '7001' },
        { role: 'rp', type: 'RoutingPoint', dn: '5000', defaultDN: '7999' },
        { role: 'login', type: 'AgentLogin', dn: '7001' },
      ],
    }));
  assert.ok(error.problems.some((p) => p.startsWith('directory.3')), error.message);
  const crossError = catchProfileError(() =>
    parseProfile({
      directory: [
        { role: 'a', type: 'Extension', dn: '7001' },
        { role: 'b', type: 'Extension', dn: '7001' },
        { role: 'rp', type: 'RoutingPoint', dn: '5000', defaultDN: '7999' },
      ],
    }));
  assert.deepEqual(crossError.problems, [
    'directory.1: dn 7001 already used by directory.0',
    'directory.2.defaultDN: 7999 is not a DN of the directory',
  ]);
});

test('a missing file is a ProfileError naming the path', () => {
  const error = catchProfileError(() => loadProfile('/nonexistent/profile.yaml'));
  assert.equal(error.path, '/nonexistent/profile.yaml');
  assert.match(error.message, /cannot read the file/);
});

function catchProfileError(action: () => unknown): ProfileError {
  try {
    action();
  } catch (error) {
    if (error instanceof ProfileError) return error;
    throw error;
  }
  assert.fail('expected a ProfileError');
}
