import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../time/manual-clock';
import { parseMessage } from '../message/parser';
import { SipResponse } from '../message/sip-response';
import { invite } from '../test-support/messages';
import { SipUserAgent } from '../user-agent';
import { LoopbackNetwork } from './loopback-transport';

async function server() {
  const clock = new ManualClock();
  const net = new LoopbackNetwork(clock);
  const probe = net.bind();
  const replies: SipResponse[] = [];
  probe.onData((data) => replies.push(parseMessage(data) as SipResponse));
  const ua = await SipUserAgent.start({ transport: net.bind(), clock, responseRouting: 'symmetric' });
  ua.onRequest((r) => r.respond(r.method === 'INVITE' ? 486 : 200));
  const send = (text: string): void => {
    void probe.send(Buffer.from(text, 'latin1'), ua.address);
    clock.advance(0);
  };
  return { ua, send, replies, probe, clock };
}

test('a request that does not parse gets 400 with a reason naming the header, then service goes on', async () => {
  const { ua, send, replies } = await server();
  send(invite().replace('Max-Forwards: 70', 'Max-Forwards: 300'));
  assert.equal(replies.length, 1);
  assert.equal(replies[0].status, 400);
  assert.match(replies[0].reason, /Max-Forwards/);
  assert.equal(replies[0].callId, 'a84b4c76e66710@pc33.atlanta.example.com');
  assert.ok(replies[0].to.tag, 'the 400 carries a To tag');
  send(invite());
  assert.deepEqual(replies.map((r) => r.status), [400, 100, 486]);
  await ua.close();
});

test('garbage and unparsable responses are dropped without an answer', async () => {
  const { ua, send, replies } = await server();
  send('\u0000\u0001garbage\r\n\r\n');
  send('SIP/2.0 200 OK\r\nVia: nonsense\r\n\r\n');
  send('hello');
  assert.equal(replies.length, 0);
  assert.equal(ua.transportLayer.discarded, 3);
  await ua.close();
});

test('another SIP version gets 505', async () => {
  const { ua, send, replies } = await server();
  send(invite().replace('INVITE sip:bob@biloxi.example.com SIP/2.0', 'INVITE sip:bob@biloxi.example.com SIP/7.0'));
  assert.equal(replies[0]?.status, 505);
  await ua.close();
});

test('received and rport are stamped on the top Via of requests (RFC 3261 18.2.1, RFC 3581)', async () => {
  const { ua, send } = await server();
  const seen: string[] = [];
  ua.onRequest((r) => {
    seen.push(r.message.headers.get('Via')!);
    r.respond(200);
  });
  send(invite().replace(/^INVITE/, 'OPTIONS').replace(/INVITE\r\n/, 'OPTIONS\r\n'));
  assert.match(seen[0], /;rport=40000;received=127\.0\.0\.1$/);
  await ua.close();
});
