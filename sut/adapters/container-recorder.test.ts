import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { profileSchema } from '../../profiles/profile-schema';
import { PortBlock } from '../../simulators/net/port-block';
import { imageUnavailable } from './container-engine';
import { ContainerRecorder } from './container-recorder';

const IMAGE = 'localhost/gir-media-server';

test('a container recorder restarts at its address with the same volume, and its folder goes at stop', async (t) => {
  const why = await imageUnavailable(IMAGE);
  if (why) return t.skip(why);
  const profile = profileSchema.parse({
    sut: { role: 'recorder', adapter: 'container', image: IMAGE, command: ['--listen', '127.0.0.1:{port}', '--root', '{recordings}'] },
  });
  const recorder = await ContainerRecorder.start({ profile, portBlock: new PortBlock({ base: 30000, size: 1000, worker: 14 }), env: {} });
  const root = recorder.recordingsRoot;
  try {
    const before = recorder.sipAddress;
    await recorder.restart();
    assert.deepEqual(recorder.sipAddress, before);
    assert.equal(recorder.hasExited, false);
    assert.match(recorder.outputSince(0), /listening[^]*--- restarted by the harness ---[^]*listening/);
  } finally {
    await recorder.stop();
  }
  assert.equal(recorder.hasExited, true);
  assert.equal(existsSync(dirname(root)), false, `the harness's folder ${dirname(root)} is removed`);
});
