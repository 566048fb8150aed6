import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../time/manual-clock';
import { createResponse } from '../message/message-factory';
import { parseMessage } from '../message/parser';
import { SipRequest } from '../message/sip-request';
import { SipResponse } from '../message/sip-response';
import { crlf } from '../test-support/messages';
import { TransportAddress } from '../transport/transport';
import { InviteServerState, InviteServerTransaction } from './invite-server-transaction';
import { DEFAULT_TIMERS } from './timer-settings';
import { Channel, ServerTransaction, TransactionLayer } from './transaction-layer';

const source: TransportAddress = { protocol: 'udp', host: '192.0.2.1', port: 5060 };

function request(method: string, branch: string | undefined, extra: { toTag?: string; cseqMethod?: string } = {}): SipRequest {
  const via = `SIP/2.0/UDP 192.0.2.1${branch ? `;branch=${branch}` : ''}`;
  return parseMessage(
    crlf([
      `${method} sip:bob@192.0.2.2 SIP/2.0`,
      `Via: ${via}`,
      'From: <sip:alice@example.com>;tag=a1',
      `To: <sip:bob@example.com>${extra.toTag ? `;tag=${extra.toTag}` : ''}`,
      'Call-ID: match-1',
      `CSeq: 7 ${extra.cseqMethod ?? method}`,
      'Contact: <sip:alice@192.0.2.1>',
      'Content-Length: 0',
    ]),
  ) as SipRequest;
}

function layer() {
  const fresh: Array<[SipRequest, ServerTransaction]> = [];
  const acks: SipRequest[] = [];
  const strays: SipResponse[] = [];
  const tl = new TransactionLayer(new ManualClock(), DEFAULT_TIMERS, {
    onRequest: (r, tx) => void fresh.push([r, tx]),
    onAck: (a) => void acks.push(a),
    onStrayResponse: (r) => void strays.push(r),
  });
  const channel: Channel = { reliable: false, send: () => Promise.resolve() };
  return { tl, fresh, acks, strays, channel };
}

test('RFC 3261 matching: retransmissions find their transaction; the ACK of a non-2xx completes the INVITE', () => {
  const { tl, fresh, acks, channel } = layer();
  tl.receiveRequest(request('INVITE', 'z9hG4bKinv1'), channel, source);
  tl.receiveRequest(request('INVITE', 'z9hG4bKinv1'), channel, source);
  assert.equal(fresh.length, 1, 'the retransmission matched');
  const ist = fresh[0][1] as InviteServerTransaction;
  ist.respond(createResponse(fresh[0][0], 486, { toTag: 'b1' }));
  tl.receiveRequest(request('ACK', 'z9hG4bKinv1', { toTag: 'b1' }), channel, source);
  assert.equal(ist.state, InviteServerState.Confirmed);
  assert.equal(acks.length, 0);
  tl.receiveRequest(request('ACK', 'z9hG4bKother', { toTag: 'b1' }), channel, source);
  assert.equal(acks.length, 1, 'an ACK with another branch is the ACK of a 2xx: up to the TU');
});

test('CANCEL is its own transaction but finds the INVITE it refers to', () => {
  const { tl, fresh, channel } = layer();
  tl.receiveRequest(request('INVITE', 'z9hG4bKinv2'), channel, source);
  const cancel = request('CANCEL', 'z9hG4bKinv2');
  tl.receiveRequest(cancel, channel, source);
  assert.equal(fresh.length, 2);
  assert.equal(tl.findInviteFor(cancel), fresh[0][1]);
});

test('RFC 2543 fallback: without the magic cookie, Request-URI, tags, Call-ID, CSeq and Via match', () => {
  const { tl, fresh, acks, channel } = layer();
  tl.receiveRequest(request('INVITE', undefined), channel, source);
  tl.receiveRequest(request('INVITE', undefined), channel, source);
  assert.equal(fresh.length, 1, 'the 2543 retransmission matched');
  const ist = fresh[0][1] as InviteServerTransaction;
  ist.respond(createResponse(fresh[0][0], 404, { toTag: 'b9' }));
  tl.receiveRequest(request('ACK', undefined, { toTag: 'b9' }), channel, source);
  assert.equal(ist.state, InviteServerState.Confirmed, 'the 2543 ACK (same Via, new To tag) matched its INVITE');
  assert.equal(acks.length, 0);
  tl.receiveRequest(request('INVITE', 'z9hG4bKx'), channel, source);
  assert.equal(fresh.length, 2, 'a cookie branch never matches a 2543 transaction');
});

test('responses match client transactions by branch and CSeq method; others are strays', () => {
  const { tl, strays } = layer();
  const sent: string[] = [];
  const channel: Channel = { reliable: false, send: (d) => (sent.push(d.toString()), Promise.resolve()) };
  const statuses: number[] = [];
  const invite = request('INVITE', 'z9hG4bKc1');
  tl.sendRequest(invite, channel, { onResponse: (r) => statuses.push(r.status) });
  tl.receiveResponse(createResponse(invite, 180, { toTag: 't' }));
  const sameBranchOtherMethod = createResponse(request('INVITE', 'z9hG4bKc1', { cseqMethod: 'INVITE' }), 200, { toTag: 't' });
  sameBranchOtherMethod.headers.set('CSeq', '7 CANCEL');
  tl.receiveResponse(sameBranchOtherMethod);
  assert.deepEqual(statuses, [180]);
  assert.equal(strays.length, 1);
  assert.equal(sent.length, 1);
});
