import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, Socket } from 'node:net';
import { systemClock } from '../time/clock';
import { CtiClient } from './cti-client';
import { RoutingStrategy } from './routing-strategy';

test('the strategy answers each EventRouteRequest at its routing point with its plan, and ignores other routing points', { timeout: 10_000 }, async (t) => {
  const sockets: Socket[] = [];
  const received: Record<string, unknown>[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (data) => received.push(...data.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { address, port } = server.address() as { address: string; port: number };
  const client = await CtiClient.connect({ address: { host: address, port }, clock: systemClock, name: 'strategy' });
  t.after(async () => {
    client.close();
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  while (sockets.length === 0) await new Promise((resolve) => setImmediate(resolve));
  const strategy = new RoutingStrategy(client, '5000', (event) => ({ otherDN: '7001', extensions: { record: 'destination', id: `id-${event.connId}` } }), 2000);

  sockets[0].write(`${JSON.stringify({ message: 'EventRouteRequest', thisDN: '5001', connId: '00000000000000a1', otherDN: '9000' })}\n`);
  sockets[0].write(`${JSON.stringify({ message: 'EventRouteRequest', thisDN: '5000', connId: '00000000000000a2', otherDN: '9000' })}\n`);
  while (received.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepEqual(received, [{
    message: 'RequestRouteCall', referenceId: 1, thisDN: '5000', connId: '00000000000000a2', otherDN: '7001',
    extensions: { record: 'destination', id: 'id-00000000000000a2' },
  }]);
  sockets[0].write(`${JSON.stringify({ message: 'EventACK', referenceId: 1 })}\n`);
  assert.equal(strategy.routed.length, 1);
  assert.equal((await strategy.routed[0].sent.response).event.message, 'EventACK');
  strategy.close();
  sockets[0].write(`${JSON.stringify({ message: 'EventRouteRequest', thisDN: '5000', connId: '00000000000000a3' })}\n`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(strategy.routed.length, 1, 'a closed strategy routes nothing');
});
