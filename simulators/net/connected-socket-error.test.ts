import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { bindUdpSocket, onConnectedSocketError } from './udp-socket';

test("a connected socket's errors reach the handler, all but the peer's closed port", async () => {
  const closedPeer = await bindUdpSocket('127.0.0.1', 0);
  const port = closedPeer.address().port;
  await new Promise<void>((resolve) => closedPeer.close(() => resolve()));
  const socket = createSocket('udp4');
  const reported: NodeJS.ErrnoException[] = [];
  const raw: string[] = [];
  socket.on('error', (error: NodeJS.ErrnoException) => raw.push(error.code ?? ''));
  onConnectedSocketError(socket, (error) => reported.push(error));
  await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', () => resolve()));
  // The first send draws ICMP port unreachable; a later one reports it as ECONNREFUSED.
  for (let i = 0; i < 5 && !raw.includes('ECONNREFUSED'); i++) {
    socket.send(Buffer.from('rtp'));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(raw.includes('ECONNREFUSED'), `the closed port was heard (${raw.join(', ') || 'no error'})`);
  socket.emit('error', Object.assign(new Error('not permitted'), { code: 'EPERM' }));
  assert.deepEqual(reported.map((e) => e.code), ['EPERM']);
  socket.close();
});
