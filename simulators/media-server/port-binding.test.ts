import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindUdpSocket } from '../net/udp-socket';
import { PortBlock, portBlockFromEnv } from '../net/port-block';
import { SipUserAgent } from '../sip';
import { FakeMediaServer } from './media-server';

/** A block of this process's own (a worker number no Cucumber run uses), so its first port is ours to take. */
function block(): { base: number; size: number; worker: number } {
  const env = portBlockFromEnv();
  return { ...env, size: 50, worker: Math.floor((65536 - env.base) / 50) - 3 };
}

test('a SIP user agent started on a port block skips a port another socket holds (the stack wraps EADDRINUSE)', async () => {
  const options = block();
  const first = options.base + options.worker * options.size;
  const squatter = await bindUdpSocket('127.0.0.1', first);
  try {
    const ua = await new PortBlock(options).bind((port) => SipUserAgent.start({ host: '127.0.0.1', port }));
    try {
      assert.equal(ua.address.port, first + 1);
    } finally {
      await ua.close();
    }
  } finally {
    squatter.close();
  }
});

test('the Media Server on port 0 takes the next port when the first of its block is taken', async () => {
  const options = block();
  const first = options.base + options.worker * options.size;
  const squatter = await bindUdpSocket('127.0.0.1', first);
  const root = mkdtempSync(join(tmpdir(), 'gir-port-'));
  try {
    const server = await FakeMediaServer.start({ host: '127.0.0.1', root, portBlock: new PortBlock(options) });
    assert.equal(server.address.port, first + 1);
    await server.close();
  } finally {
    squatter.close();
    rmSync(root, { recursive: true, force: true });
  }
});
