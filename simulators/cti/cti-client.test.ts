import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, Socket } from 'node:net';
import { systemClock } from '../time/clock';
import { CtiClient, CtiResponseTimeout } from './cti-client';

/** A scripted server: whatever the test makes it write, as any SUT might. */
async function scriptedServer() {
  const sockets: Socket[] = [];
  const received: string[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (data) => received.push(...data.toString().split('\n').filter(Boolean)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { address: string; port: number };
  const client = await CtiClient.connect({ address: { host: address.address, port: address.port }, clock: systemClock, name: 'desk' });
  while (sockets.length === 0) await new Promise((resolve) => setImmediate(resolve));
  return {
    client, received,
    write: (text: string) => sockets[0].write(text),
    /** Resolves once the server has read `count` request lines (loopback delivery is not instant). */
    requestsArrived: (count: number) => new Promise<void>((resolve) => {
      const check = () => (received.length >= count ? resolve() : setTimeout(check, 5));
      check();
    }),
    close: async () => {
      client.close();
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

test('a response is matched by referenceId, not by order; unsolicited events are kept with their receive time', { timeout: 10_000 }, async (t) => {
  const s = await scriptedServer();
  t.after(s.close);
  const first = s.client.send('RequestRegisterAddress', { thisDN: '7001' }, 2000);
  const second = s.client.send('RequestRegisterAddress', { thisDN: '7002' }, 2000);
  const before = systemClock.now();
  s.write('{"message":"EventRegistered","referenceId":2,"thisDN":"7002"}\n{"message":"EventEstablished","thisDN":"7001","connId":"00a1b2c3d4e5f607"}\n');
  s.write('{"message":"EventError","referenceId":1,"errorCode":"InvalidValue","errorMessage":"no such DN"}\n');
  const [one, two] = await Promise.all([first.response, second.response]);
  assert.equal(one.event.message, 'EventError');
  assert.equal(two.event.message, 'EventRegistered');
  assert.deepEqual(s.client.events.map((e) => e.event.message), ['EventRegistered', 'EventEstablished', 'EventError']);
  assert.ok(s.client.events.every((e) => e.receivedAtMs >= before));
  assert.equal(s.client.responsesTo(1).length, 1);
  await s.requestsArrived(2);
  assert.deepEqual(JSON.parse(s.received[0]), { message: 'RequestRegisterAddress', referenceId: 1, thisDN: '7001' });
});

test('a line that is not a valid event is kept as invalid, never as an event', async (t) => {
  const s = await scriptedServer();
  t.after(s.close);
  const pending = s.client.send('RequestRegisterAddress', { thisDN: '7001' }, 2000);
  s.write('not json\n{"message":"EventACK","referenceId":"1"}\n{"message":"EventError","referenceId":1,"errorCode":"Oops","errorMessage":"x"}\n{"message":"EventACK","referenceId":1}\n');
  assert.equal((await pending.response).event.message, 'EventACK');
  assert.equal(s.client.invalid.length, 3);
  assert.match(s.client.invalid[0].problem, /not JSON/);
});

test('no response within the timeout rejects naming the request', async (t) => {
  const s = await scriptedServer();
  t.after(s.close);
  const pending = s.client.send('RequestPrivateService', { privateMsgId: 3013 }, 50);
  await assert.rejects(pending.response, (error: unknown) => error instanceof CtiResponseTimeout && /RequestPrivateService \(referenceId 1\) within 50 ms/.test(error.message));
});
