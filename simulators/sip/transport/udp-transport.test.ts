import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SipTransportError } from '../errors';
import { TransportAddress } from './transport';
import { UdpTransport } from './udp-transport';

test('UDP: port 0 binds an OS-chosen port; datagrams arrive with their source', async (t) => {
  const a = await UdpTransport.bind({ host: '127.0.0.1', port: 0 });
  const b = await UdpTransport.bind({ host: '127.0.0.1', port: 0 });
  t.after(() => Promise.all([a.close(), b.close()]));
  assert.notEqual(a.local.port, 0);
  const got = new Promise<[Buffer, TransportAddress]>((resolve) => b.onData((data, source) => resolve([data, source])));
  await a.send(Buffer.from('OPTIONS'), b.local);
  const [data, source] = await got;
  assert.equal(data.toString(), 'OPTIONS');
  assert.deepEqual(source, { protocol: 'udp', host: '127.0.0.1', port: a.local.port });
  await a.close();
  await b.close();
});

test('UDP: oversize messages are refused on send and dropped on receive', async (t) => {
  const a = await UdpTransport.bind({ host: '127.0.0.1', port: 0, limits: { maxMessageBytes: 100 } });
  const b = await UdpTransport.bind({ host: '127.0.0.1', port: 0, limits: { maxMessageBytes: 50 } });
  t.after(() => Promise.all([a.close(), b.close()]));
  await assert.rejects(a.send(Buffer.alloc(101), b.local), SipTransportError);
  const dropped = new Promise<SipTransportError>((resolve) => b.onError(resolve));
  b.onData(() => assert.fail('an oversize datagram must not be delivered'));
  await a.send(Buffer.alloc(80), b.local);
  assert.match((await dropped).message, /over the 50-byte limit/);
  assert.equal(b.oversizeDropped, 1);
  await a.close();
  await b.close();
});

test('UDP: binding a port in use is a SipTransportError', async () => {
  const a = await UdpTransport.bind({ host: '127.0.0.1', port: 0 });
  await assert.rejects(UdpTransport.bind({ host: '127.0.0.1', port: a.local.port }), SipTransportError);
  await a.close();
  await assert.rejects(a.send(Buffer.from('x'), a.local), SipTransportError);
});
