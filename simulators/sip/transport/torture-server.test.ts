import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../time/manual-clock';
import { parseMessage } from '../message/parser';
import { SipResponse } from '../message/sip-response';
import { INVALID_VECTORS, VALID_VECTORS } from '../test-support/rfc4475';
import { SipUserAgent } from '../user-agent';
import { LoopbackNetwork } from './loopback-transport';

interface Reply {
  status: number;
  reason: string;
  callId?: string;
}

/**
 * A reply read leniently: a 400 echoes the request's headers, broken ones included, so the
 * strict parser would refuse some of them; status line and Call-ID are all the checks need.
 */
function readReply(data: Buffer): Reply {
  const text = data.toString('utf8');
  const line = /^SIP\/2\.0 (\d{3}) (.*)\r\n/.exec(text);
  assert.ok(line, `not a response: ${text.slice(0, 60)}`);
  try {
    const parsed = parseMessage(data) as SipResponse;
    return { status: parsed.status, reason: parsed.reason, callId: parsed.callId };
  } catch {
    return { status: Number(line[1]), reason: line[2], callId: /\r\n(?:Call-ID|i): *(\S+)/i.exec(text)?.[1] };
  }
}

/**
 * ROB-01: a server fed the RFC 4475 torture messages processes the valid requests normally,
 * answers the invalid ones 400 with a reason naming the problem (505 for SIP/7.0), drops
 * malformed responses and garbage, and keeps serving.
 */
async function server() {
  const clock = new ManualClock();
  const net = new LoopbackNetwork(clock);
  const probe = net.bind();
  const ua = await SipUserAgent.start({ transport: net.bind(), clock, responseRouting: 'symmetric' });
  const handled: string[] = [];
  ua.onRequest((r) => {
    handled.push(r.method);
    r.respond(r.method === 'INVITE' ? 486 : 200);
  });
  const exchange = (bytes: Buffer): Reply[] => {
    const replies: Reply[] = [];
    probe.onData((data) => replies.push(readReply(data)));
    void probe.send(bytes, ua.address);
    clock.advance(0);
    return replies;
  };
  return { ua, handled, exchange };
}

test('valid torture requests reach the application or the dialog layer; valid responses are taken in', async () => {
  const { ua, handled, exchange } = await server();
  const finals: Record<string, number[]> = {};
  for (const v of VALID_VECTORS) {
    finals[v.name] = exchange(v.bytes).filter((r) => r.status >= 200).map((r) => r.status);
  }
  assert.deepEqual(finals, {
    wsinv: [481], // it carries a To tag: a request in a dialog this server does not have
    intmeth: [200],
    esc01: [486],
    escnull: [200],
    esc02: [200],
    lwsdisp: [200],
    longreq: [486],
    dblreq: [200], // the INVITE after Content-Length: 0 is noise and gets nothing
    semiuri: [200],
    transports: [200],
    mpart01: [200],
    unreason: [], // responses matching no transaction are dropped quietly
    noreason: [],
  });
  assert.deepEqual(handled, ["!interesting-Method0123456789_*+`.%indeed'~", 'INVITE', 'REGISTER', 'RE%47IST%45R', 'OPTIONS', 'INVITE', 'REGISTER', 'OPTIONS', 'OPTIONS', 'MESSAGE']);
  await ua.close();
});

test('invalid torture requests get 400 with the problem in the reason; 505 for SIP/7.0; bad responses are dropped', async () => {
  const { ua, handled, exchange } = await server();
  for (const v of INVALID_VECTORS) {
    const replies = exchange(v.bytes);
    if (v.expect === 'dropResponse') {
      assert.equal(replies.length, 0, v.name);
      continue;
    }
    assert.equal(replies.length, 1, `${v.name}: exactly one answer`);
    const reply = replies[0];
    if (v.expect === 'version') {
      assert.equal(reply.status, 505, v.name);
      continue;
    }
    assert.equal(reply.status, 400, v.name);
    assert.match(reply.reason, /^Bad Request \(.+\)$/, v.name);
    const callId = /Call-ID: (\S+)/.exec(v.bytes.toString('latin1'))![1];
    assert.equal(reply.callId, callId, `${v.name}: the 400 belongs to the request's call`);
  }
  assert.equal(handled.length, 0, 'nothing invalid reached the application');
  // ... and the server still serves.
  const after = exchange(VALID_VECTORS.find((v) => v.name === 'lwsdisp')!.bytes);
  assert.equal(after[0]?.status, 200);
  await ua.close();
});

test('random garbage is dropped without an answer and the server keeps serving', async () => {
  const { ua, exchange } = await server();
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  for (let i = 0; i < 200; i++) {
    const junk = Buffer.alloc(1 + (next() % 300));
    for (let j = 0; j < junk.length; j++) junk[j] = next() & 0xff;
    assert.equal(exchange(junk).length, 0);
  }
  assert.equal(exchange(VALID_VECTORS.find((v) => v.name === 'lwsdisp')!.bytes)[0]?.status, 200);
  await ua.close();
});
