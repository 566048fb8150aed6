import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCapture } from './capture-reader';
import { LoopbackCapture, tcpdumpArguments } from './loopback-capture';
import { PortBlock } from '../net/port-block';
import { bindUdpSocket } from '../net/udp-socket';

test('loopback capture: only an immediate capture asks for immediate mode', () => {
  assert.ok(tcpdumpArguments('x.pcap', { first: 1, last: 2 }).includes('--immediate-mode'));
  assert.ok(!tcpdumpArguments('x.pcap', { first: 1, last: 2 }, 'lo', [], 'bulk').includes('--immediate-mode'));
});

test('loopback capture: a bulk capture holds every packet once flushed, and after its stop', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gir-capture-test-'));
  const ports = new PortBlock();
  const range = ports.range;
  // Any free port of the block: other test files bind theirs at the same time.
  const receiver = await ports.bind((port) => bindUdpSocket('127.0.0.1', port));
  const { port } = receiver.address();
  const file = join(dir, 'capture.pcap');
  const capture = await LoopbackCapture.start(file, range, [], 'bulk');
  try {
    const rtp = (sequence: number) => Buffer.from([0x80, 0, sequence >> 8, sequence & 0xff, 0, 0, 0, 0, 0, 0, 0x12, 0x34, ...new Array(160).fill(0xff)]);
    for (let sequence = 0; sequence < 20; sequence++) receiver.send(rtp(sequence), port, '127.0.0.1');
    await capture.flush();
    const flushed = await readCapture(file);
    assert.equal(flushed.rtp.filter((p) => p.ssrc === 0x1234).length, 20, 'every packet sent before the flush is in the file');
    receiver.send(rtp(20), port, '127.0.0.1');
  } finally {
    await capture.stop();
    receiver.close();
  }
  const stopped = await readCapture(file);
  assert.equal(stopped.rtp.filter((p) => p.ssrc === 0x1234).length, 21, 'the packet sent just before the stop is in the file');
  rmSync(dir, { recursive: true, force: true });
});
