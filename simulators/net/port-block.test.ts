import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PortBlock, portBlockFromEnv, PortBlockExhaustedError } from './port-block';
import { bindUdpSocket } from './udp-socket';

test('each worker owns its own block', () => {
  assert.deepEqual(portBlockFromEnv({ CUCUMBER_WORKER_ID: '2' }), { base: 20000, size: 2000, worker: 2 });
  const block = new PortBlock({ base: 30000, size: 3, worker: 2 });
  assert.deepEqual([block.next(), block.next(), block.next(), block.next()], [30006, 30007, 30008, 30006]);
});

test('a port held by someone else is skipped', async () => {
  const block = new PortBlock({ base: 24000 + (process.pid % 500) * 2, size: 4, worker: 0 });
  const first = await block.bind((port) => bindUdpSocket('127.0.0.1', port));
  const blocker = first.address().port;
  const again = new PortBlock({ base: blocker, size: 4, worker: 0 });
  const second = await again.bind((port) => bindUdpSocket('127.0.0.1', port));
  assert.notEqual(second.address().port, blocker);
  first.close();
  second.close();
});

test('an exhausted block says which block and why', async () => {
  const block = new PortBlock({ base: 25000, size: 2, worker: 1 });
  await assert.rejects(
    block.bind(() => Promise.reject(Object.assign(new Error('in use'), { code: 'EADDRINUSE' }))),
    (error: unknown) => error instanceof PortBlockExhaustedError && /25002\.\.25003 \(worker 1\): in use/.test(error.message),
  );
});

test('other bind errors are not swallowed', async () => {
  const block = new PortBlock({ base: 25000, size: 2, worker: 0 });
  await assert.rejects(block.bind(() => Promise.reject(new Error('boom'))), /boom/);
});

test('a port taken is recognised through wrapping errors (cause chain)', async () => {
  const block = new PortBlock({ base: 25100, size: 3, worker: 0 });
  const tried: number[] = [];
  const port = await block.bind(async (candidate) => {
    tried.push(candidate);
    if (tried.length < 3) throw new Error(`cannot bind ${candidate}`, { cause: Object.assign(new Error('in use'), { code: 'EADDRINUSE' }) });
    return candidate;
  });
  assert.deepEqual(tried, [25100, 25101, 25102]);
  assert.equal(port, 25102);
});
