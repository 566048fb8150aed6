import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SipTimeoutError, SipTransportError } from '../errors';
import { createResponse } from '../message/message-factory';
import { parseMessage } from '../message/parser';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { FakeChannel } from '../test-support/fake-channel';
import { invite } from '../test-support/messages';
import { InviteClientState, InviteClientTransaction } from './invite-client-transaction';
import { NonInviteClientState, NonInviteClientTransaction } from './non-invite-client-transaction';

const T1 = 500;
const inviteRequest = (): SipRequest => parseMessage(invite()) as SipRequest;
const optionsRequest = (): SipRequest =>
  parseMessage(invite('').replace(/INVITE/g, 'OPTIONS').replace('Content-Type: application/sdp\r\n', '')) as SipRequest;

function respond(request: SipRequest, status: number, tag = 'to-1'): SipResponse {
  return createResponse(request, status, { toTag: tag });
}

test('ICT: Timer A doubles from T1 without cap, Timer B times out at 64*T1', () => {
  const ch = new FakeChannel();
  const events: string[] = [];
  const tx = new InviteClientTransaction('k', inviteRequest(), ch.context(), {
    onTimeout: (e) => events.push(`timeout:${e.timer}`),
    onTerminated: () => events.push('terminated'),
  });
  tx.start();
  ch.clock.advance(64 * T1);
  assert.deepEqual(ch.timesOf('INVITE'), [0, 500, 1500, 3500, 7500, 15500, 31500]);
  assert.deepEqual(events, ['timeout:B', 'terminated']);
  assert.equal(tx.state, InviteClientState.Terminated);
  assert.equal(ch.terminated, 1);
  assert.equal(ch.clock.pendingTimers(), 0);
});

test('ICT on a reliable transport never retransmits', () => {
  const ch = new FakeChannel(undefined, true);
  const tx = new InviteClientTransaction('k', inviteRequest(), ch.context(), {});
  tx.start();
  ch.clock.advance(10_000);
  assert.deepEqual(ch.timesOf('INVITE'), [0]);
  assert.equal(tx.state, InviteClientState.Calling);
});

test('ICT: 1xx stops Timer A; non-2xx final is ACKed in the transaction and absorbed afterwards', () => {
  const ch = new FakeChannel();
  const statuses: number[] = [];
  const request = inviteRequest();
  const tx = new InviteClientTransaction('k', request, ch.context(), { onResponse: (r) => statuses.push(r.status) });
  tx.start();
  tx.receiveResponse(respond(request, 180));
  assert.equal(tx.state, InviteClientState.Proceeding);
  ch.clock.advance(5000);
  assert.deepEqual(ch.timesOf('INVITE'), [0]);
  const busy = respond(request, 486);
  tx.receiveResponse(busy);
  assert.equal(tx.state, InviteClientState.Completed);
  const ack = ch.last() as SipRequest;
  assert.equal(ack.method, 'ACK');
  assert.equal(ack.topVia?.branch, request.topVia?.branch, 'ACK for non-2xx reuses the INVITE branch (17.1.1.3)');
  assert.equal(ack.to.tag, 'to-1');
  assert.deepEqual(ack.cseq, { seq: request.cseq.seq, method: 'ACK' });
  tx.receiveResponse(busy);
  assert.equal(ch.timesOf('ACK').length, 2, 'a retransmitted final gets the ACK again');
  assert.deepEqual(statuses, [180, 486], 'the retransmission is not passed up');
  ch.clock.advance(32_000);
  assert.equal(tx.state, InviteClientState.Terminated, 'Timer D');
});

test('ICT (RFC 6026): 2xx moves to Accepted, retransmitted 2xx still reach the TU until Timer M', () => {
  const ch = new FakeChannel();
  const statuses: number[] = [];
  const request = inviteRequest();
  const tx = new InviteClientTransaction('k', request, ch.context(), { onResponse: (r) => statuses.push(r.status) });
  tx.start();
  tx.receiveResponse(respond(request, 200));
  assert.equal(tx.state, InviteClientState.Accepted);
  tx.receiveResponse(respond(request, 200));
  assert.deepEqual(statuses, [200, 200]);
  assert.equal(ch.timesOf('ACK').length, 0, 'the transaction never ACKs a 2xx');
  ch.clock.advance(64 * T1);
  assert.equal(tx.state, InviteClientState.Terminated);
});

test('NICT: Timer E doubles up to T2 in Trying, T2 in Proceeding; Timer F times out', () => {
  const ch = new FakeChannel();
  let timeout: SipTimeoutError | undefined;
  const request = optionsRequest();
  const tx = new NonInviteClientTransaction('k', request, ch.context(), { onTimeout: (e) => (timeout = e) });
  tx.start();
  ch.clock.advance(7500);
  assert.deepEqual(ch.timesOf('OPTIONS'), [0, 500, 1500, 3500, 7500]);
  tx.receiveResponse(respond(request, 100));
  assert.equal(tx.state, NonInviteClientState.Proceeding);
  ch.clock.advance(64 * T1 - 7500);
  assert.deepEqual(ch.timesOf('OPTIONS'), [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
  assert.equal(timeout?.timer, 'F');
  assert.equal(tx.state, NonInviteClientState.Terminated);
});

test('NICT: a final response completes; Timer K is T4 on UDP and 0 on reliable transports', () => {
  for (const reliable of [false, true]) {
    const ch = new FakeChannel(undefined, reliable);
    const request = optionsRequest();
    const seen: number[] = [];
    const tx = new NonInviteClientTransaction('k', request, ch.context(), { onResponse: (r) => seen.push(r.status) });
    tx.start();
    tx.receiveResponse(respond(request, 200));
    tx.receiveResponse(respond(request, 200));
    assert.deepEqual(seen, [200]);
    assert.equal(tx.state, NonInviteClientState.Completed);
    ch.clock.advance(reliable ? 0 : 4999);
    assert.equal(tx.state, reliable ? NonInviteClientState.Terminated : NonInviteClientState.Completed);
    ch.clock.advance(1);
    assert.equal(tx.state, NonInviteClientState.Terminated);
  }
});

test('a transport failure terminates the transaction and reaches the TU as SipTransportError', async () => {
  const ch = new FakeChannel();
  ch.failNext = true;
  const errors: SipTransportError[] = [];
  const tx = new NonInviteClientTransaction('k', optionsRequest(), ch.context(), { onTransportError: (e) => errors.push(e) });
  tx.start();
  await new Promise(setImmediate);
  assert.equal(errors.length, 1);
  assert.ok(errors[0] instanceof SipTransportError);
  assert.equal(tx.state, NonInviteClientState.Terminated);
});
