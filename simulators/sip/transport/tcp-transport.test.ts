import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { SipTransportError } from '../errors';
import { compactBye, invite } from '../test-support/messages';
import { TcpTransport } from './tcp-transport';
import { TransportAddress } from './transport';

function collect(t: TcpTransport, count: number): Promise<Array<[string, TransportAddress]>> {
  const got: Array<[string, TransportAddress]> = [];
  return new Promise((resolve) =>
    t.onData((data, source) => {
      got.push([data.toString('utf8'), source]);
      if (got.length === count) resolve(got);
    }),
  );
}

test('TCP: a connection is opened on send, reused for the answer, and framed on both sides', async (t) => {
  const a = await TcpTransport.bind({ host: '127.0.0.1', port: 0 });
  const b = await TcpTransport.bind({ host: '127.0.0.1', port: 0 });
  t.after(() => Promise.all([a.close(), b.close()]));
  const atB = collect(b, 1);
  await a.send(Buffer.from(invite()), b.local);
  const [[text, source]] = await atB;
  assert.equal(text, invite());
  const atA = collect(a, 1);
  await b.send(Buffer.from(compactBye()), source);
  assert.equal((await atA)[0][0], compactBye());
  assert.equal(a.connectionCount, 1);
  assert.equal(b.connectionCount, 1, 'the answer used the connection the request came on');
  await a.close();
  await b.close();
});

test('TCP: pipelined messages written in odd chunks by a raw client arrive whole and in order', async (t) => {
  const b = await TcpTransport.bind({ host: '127.0.0.1', port: 0 });
  t.after(() => b.close());
  const got = collect(b, 3);
  const raw = Buffer.from(invite() + compactBye() + invite());
  const socket = net.connect(b.local.port, b.local.host);
  t.after(() => socket.destroy());
  await new Promise((resolve) => socket.once('connect', resolve));
  for (let i = 0; i < raw.length; i += 97) socket.write(raw.subarray(i, i + 97));
  assert.deepEqual((await got).map(([t]) => t), [invite(), compactBye(), invite()]);
  socket.destroy();
  await b.close();
});

test('TCP: a peer that breaks framing is disconnected and reported', async (t) => {
  const b = await TcpTransport.bind({ host: '127.0.0.1', port: 0 });
  t.after(() => b.close());
  const reported = new Promise<SipTransportError>((resolve) => b.onError(resolve));
  const socket = net.connect(b.local.port, b.local.host);
  t.after(() => socket.destroy());
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.write('INVITE sip:x SIP/2.0\r\nContent-Length: abc\r\n\r\n');
  assert.match((await reported).message, /unusable Content-Length/);
  await closed;
  await b.close();
});

test('TCP: connecting to a closed port rejects the send with SipTransportError', async (t) => {
  const a = await TcpTransport.bind({ host: '127.0.0.1', port: 0 });
  t.after(() => a.close());
  const gone = await TcpTransport.bind({ host: '127.0.0.1', port: 0 });
  const port = gone.local.port;
  await gone.close();
  await assert.rejects(a.send(Buffer.from(invite()), { host: '127.0.0.1', port }), SipTransportError);
  await a.close();
});
