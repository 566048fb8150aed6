import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SipStateError, SipTimeoutError } from '../errors';
import { createResponse } from '../message/message-factory';
import { parseMessage } from '../message/parser';
import { SipRequest } from '../message/sip-request';
import { FakeChannel } from '../test-support/fake-channel';
import { invite } from '../test-support/messages';
import { InviteServerState, InviteServerTransaction } from './invite-server-transaction';
import { NonInviteServerState, NonInviteServerTransaction } from './non-invite-server-transaction';

const inviteRequest = (): SipRequest => parseMessage(invite()) as SipRequest;
const ackFor = (): SipRequest =>
  parseMessage(
    invite('')
      .replace(/^INVITE/, 'ACK')
      .replace('CSeq: 314159 INVITE', 'CSeq: 314159 ACK')
      .replace('Content-Type: application/sdp\r\n', '')
      .replace('To: Bob <sip:bob@biloxi.example.com>', `To: Bob <sip:bob@biloxi.example.com>;tag=t1`),
  ) as SipRequest;

test('IST: a retransmitted INVITE gets the last provisional again', () => {
  const ch = new FakeChannel();
  const request = inviteRequest();
  const tx = new InviteServerTransaction('k', request, ch.context());
  tx.receiveRequest(request);
  assert.equal(ch.sent.length, 0, 'nothing to repeat before a provisional');
  tx.respond(createResponse(request, 180, { toTag: 't1' }));
  tx.receiveRequest(request);
  assert.deepEqual(ch.timesOf('SIP/2.0 180'), [0, 0]);
});

test('IST: non-2xx final retransmitted on Timer G up to T2 until ACK, then Confirmed and Timer I', () => {
  const ch = new FakeChannel();
  const request = inviteRequest();
  const tx = new InviteServerTransaction('k', request, ch.context());
  tx.respond(createResponse(request, 486, { toTag: 't1' }));
  assert.equal(tx.state, InviteServerState.Completed);
  ch.clock.advance(11_500);
  assert.deepEqual(ch.timesOf('SIP/2.0 486'), [0, 500, 1500, 3500, 7500, 11500]);
  tx.receiveRequest(request);
  assert.equal(ch.timesOf('SIP/2.0 486').length, 7, 'an INVITE retransmission in Completed gets the final again');
  tx.receiveRequest(ackFor());
  assert.equal(tx.state, InviteServerState.Confirmed);
  ch.clock.advance(4999);
  assert.equal(ch.timesOf('SIP/2.0 486').length, 7, 'Timer G stopped');
  assert.equal(tx.state, InviteServerState.Confirmed);
  ch.clock.advance(1);
  assert.equal(tx.state, InviteServerState.Terminated, 'Timer I = T4');
});

test('IST: no ACK within 64*T1 is Timer H, reported to the TU', () => {
  const ch = new FakeChannel();
  const request = inviteRequest();
  let timeout: SipTimeoutError | undefined;
  const tx = new InviteServerTransaction('k', request, ch.context(), { onTimeout: (e) => (timeout = e) });
  tx.respond(createResponse(request, 404, { toTag: 't1' }));
  ch.clock.advance(32_000);
  assert.equal(timeout?.timer, 'H');
  assert.equal(tx.state, InviteServerState.Terminated);
  assert.equal(ch.clock.pendingTimers(), 0);
});

test('IST (RFC 6026): 2xx moves to Accepted; the TU may resend it; Timer L ends it; late responses are state errors', () => {
  const ch = new FakeChannel();
  const request = inviteRequest();
  const tx = new InviteServerTransaction('k', request, ch.context());
  const ok = createResponse(request, 200, { toTag: 't1' });
  tx.respond(ok);
  assert.equal(tx.state, InviteServerState.Accepted);
  tx.respond(ok);
  tx.receiveRequest(request);
  assert.equal(ch.timesOf('SIP/2.0 200').length, 2, 'INVITE retransmissions are absorbed in Accepted');
  assert.throws(() => tx.respond(createResponse(request, 486, { toTag: 't1' })), SipStateError);
  ch.clock.advance(32_000);
  assert.equal(tx.state, InviteServerState.Terminated);
});

test('NIST: absorbs in Trying, repeats the provisional and then the final, Timer J', () => {
  const ch = new FakeChannel();
  const request = parseMessage(invite('').replace(/INVITE/g, 'INFO').replace('Content-Type: application/sdp\r\n', '')) as SipRequest;
  const tx = new NonInviteServerTransaction('k', request, ch.context());
  tx.receiveRequest(request);
  assert.equal(ch.sent.length, 0);
  tx.respond(createResponse(request, 100));
  tx.receiveRequest(request);
  assert.equal(ch.timesOf('SIP/2.0 100').length, 2);
  tx.respond(createResponse(request, 200));
  tx.receiveRequest(request);
  assert.equal(ch.timesOf('SIP/2.0 200').length, 2);
  assert.throws(() => tx.respond(createResponse(request, 500)), SipStateError);
  ch.clock.advance(31_999);
  assert.equal(tx.state, NonInviteServerState.Completed);
  ch.clock.advance(1);
  assert.equal(tx.state, NonInviteServerState.Terminated);
});
