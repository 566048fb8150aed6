import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile } from '../../profiles/load-profile';
import { EXTERNAL_RECORDER_TEMPLATE, writeExternalRecorderProfile } from './external-recorder-profile';

test('the external recorder template is a valid recorder profile with the external adapter', () => {
  const { profile } = loadProfile(EXTERNAL_RECORDER_TEMPLATE);
  assert.equal(profile.sut.role, 'recorder');
  assert.equal(profile.sut.adapter, 'external');
  assert.ok(profile.sut.sip && profile.sut.recordings, 'the template shows both addresses');
});

test('a copy of the template carries the chosen SIP address and recordings root', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gir-profile-'));
  try {
    const path = join(dir, 'recorder-external.yaml');
    writeExternalRecorderProfile(path, { host: '127.0.0.1', port: 29004 }, '/srv/recordings/run 1');
    const { profile } = loadProfile(path);
    assert.equal(profile.sut.sip, '127.0.0.1:29004');
    assert.equal(profile.sut.recordings, '/srv/recordings/run 1');
    assert.equal(profile.sut.adapter, 'external');
    assert.equal(profile.tolerance.padEdgeMs, loadProfile(EXTERNAL_RECORDER_TEMPLATE).profile.tolerance.padEdgeMs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
