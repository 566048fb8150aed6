import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortBlock } from '../../simulators/net/port-block';
import { freePort } from './command-template';
import { imageUnavailable, testcontainers } from './container-engine';
import { containerEnv, SutContainer, SutContainerError } from './sut-container';

const MEDIA_SERVER_IMAGE = 'localhost/gir-media-server';

test("a container gets the harness's GIR_* settings and worker id, then the profile's env, and nothing else", () => {
  const env = containerEnv({ GIR_PORT_BASE: '30000', CUCUMBER_WORKER_ID: '4', PATH: '/usr/bin', HOME: '/root', GIR_MUTANT: 'x' }, { GIR_MUTANT: 'y', TZ: 'UTC' });
  assert.deepEqual(env, { GIR_PORT_BASE: '30000', CUCUMBER_WORKER_ID: '4', GIR_MUTANT: 'y', TZ: 'UTC' });
});

/** The SUT containers on the engine whose command has this argument (running or not). */
async function containersWith(arg: string): Promise<string[]> {
  const { getContainerRuntimeClient } = testcontainers();
  const client = await getContainerRuntimeClient();
  // all: a stopped container that was not removed counts too (list() shows running ones only).
  const all = await client.container.dockerode.listContainers({ all: true });
  return all.filter((c) => c.Labels?.['org.gir-conformance.role'] === 'sut' && c.Command?.includes(arg)).map((c) => c.Id);
}

test('the fake Media Server image starts on the host network, says where it listens, writes to its volume, and is removed at stop', async (t) => {
  const why = await imageUnavailable(MEDIA_SERVER_IMAGE);
  if (why) return t.skip(why);
  const root = mkdtempSync(join(tmpdir(), 'gir-container-test-'));
  try {
    const port = await freePort(new PortBlock({ base: 30000, size: 1000, worker: 13 }), '127.0.0.1');
    const sut = await SutContainer.start({
      image: MEDIA_SERVER_IMAGE, command: ['--listen', `127.0.0.1:${port}`, '--root', `${root}/recordings`],
      env: {}, mounts: [{ path: root, mode: 'rw' }],
    });
    try {
      assert.deepEqual(sut.addresses[0], { host: '127.0.0.1', port });
      assert.deepEqual(readdirSync(root), ['recordings'], 'the recorder made its root in the mounted folder');
    } finally {
      await sut.stop();
    }
    assert.equal(sut.hasExited, true);
    assert.deepEqual(await containersWith(`127.0.0.1:${port}`), [], 'no container of this test is left');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an SUT that exits before its listening line fails the start with its last log line, and leaves no container', async (t) => {
  const why = await imageUnavailable(MEDIA_SERVER_IMAGE);
  if (why) return t.skip(why);
  await assert.rejects(
    SutContainer.start({ image: MEDIA_SERVER_IMAGE, command: ['--no-such-option'], env: {}, mounts: [], startTimeoutMs: 20_000 }),
    (error: unknown) => error instanceof SutContainerError && /exited before it was listening; its last line: .*no-such-option/i.test(error.message),
  );
  assert.deepEqual(await containersWith('--no-such-option'), [], 'no container of this test is left');
});
