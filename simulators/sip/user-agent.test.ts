import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SipTimeoutError, SipTransportError } from './errors';
import { IncomingRequest } from './core/incoming-request';
import { Dialog, DialogPhase, DialogTermination } from './dialog/dialog';
import { buildSdp, readSdp, withDirection } from './sdp';
import { ladder, loopbackPair, run } from './test-support/loopback-pair';
import { SipUserAgent } from './user-agent';

const offer = buildSdp({ address: '127.0.0.1', media: [{ port: 4000 }] });

test('a call: INVITE/180/200/ACK, INFO, re-INVITE hold, BYE, with dialogs on both sides', async () => {
  const { clock, a, b, ta, tb, uriOfB } = await loopbackPair();
  let uas: Dialog | undefined;
  const received: string[] = [];
  b.onRequest((request) => {
    request.respond(180);
    uas = request.accept({ body: offer, contentType: 'application/sdp' });
    uas.onRequest((r) => {
      received.push(`${r.method} ${r.message.bodyText.includes('a=inactive') ? 'inactive' : r.message.contentType ?? ''}`);
      r.respond(200, r.method === 'INVITE' ? { body: withDirection(offer, 'inactive'), contentType: 'application/sdp' } : {});
    });
  });
  const call = a.invite({ uri: uriOfB, from: 'sip:caller@127.0.0.1', body: offer, contentType: 'application/sdp' });
  const provisional: number[] = [];
  call.onProvisional((r, early) => provisional.push(early ? -r.status : r.status));
  await run(clock);
  const { response, dialog } = await call.final;
  assert.equal(response.status, 200);
  assert.deepEqual(provisional, [100, -180], '180 with To tag makes an early dialog');
  assert.ok(dialog && uas);
  await uas.acknowledged;
  assert.equal(dialog.phase, DialogPhase.Confirmed);
  assert.equal(dialog.callId, uas.callId);
  assert.equal(dialog.localTag, uas.remoteTag);
  assert.equal(dialog.remoteTag, uas.localTag);
  assert.equal(readSdp(response.body).media[0].port, 4000);

  const info = dialog.request('INFO', { body: '<msml version="1.1"/>', contentType: 'application/vnd.radisys.msml+xml' });
  await run(clock);
  assert.equal((await info).status, 200);
  const hold = dialog.reinvite({ body: withDirection(offer, 'inactive'), contentType: 'application/sdp' });
  await run(clock);
  const holdResponse = await hold;
  assert.equal(readSdp(holdResponse.body).media[0].direction, 'inactive');
  assert.deepEqual(received, ['INFO application/vnd.radisys.msml+xml', 'INVITE inactive']);

  const ends: DialogTermination[] = [];
  dialog.onTerminated((t) => ends.push(t));
  uas.onTerminated((t) => ends.push(t));
  const bye = dialog.bye();
  await run(clock);
  assert.equal((await bye).status, 200);
  assert.deepEqual(ends.map((t) => t.reason).sort(), ['bye-received', 'bye-sent']);
  assert.equal(a.core.dialogCount + b.core.dialogCount, 0);
  assert.deepEqual(ladder(ta), ['INVITE sip:7001@127.0.0.1:40001 SIP/2.0', 'ACK sip:7001@127.0.0.1:40001 SIP/2.0', 'INFO sip:7001@127.0.0.1:40001 SIP/2.0', 'INVITE sip:7001@127.0.0.1:40001 SIP/2.0', 'ACK sip:7001@127.0.0.1:40001 SIP/2.0', 'BYE sip:7001@127.0.0.1:40001 SIP/2.0']);
  assert.deepEqual(ladder(tb), ['SIP/2.0 100 Trying', 'SIP/2.0 180 Ringing', 'SIP/2.0 200 OK', 'SIP/2.0 200 OK', 'SIP/2.0 200 OK', 'SIP/2.0 200 OK']);
  await a.close();
  await b.close();
});

test('a lost ACK: the UAS retransmits its 2xx (T1, 2*T1, ...) and the UAC ACKs again', async () => {
  const { clock, a, b, ta, tb, uriOfB } = await loopbackPair();
  let dropped = 0;
  ta.drop = (data) => data.toString().startsWith('ACK') && dropped++ < 2;
  let uas: Dialog | undefined;
  b.onRequest((request) => (uas = request.accept()));
  const call = a.invite({ uri: uriOfB, from: 'sip:caller@127.0.0.1' });
  await run(clock);
  assert.equal((await call.final).response.status, 200);
  await run(clock, 500);
  await run(clock, 1000);
  await uas!.acknowledged;
  assert.deepEqual(ladder(tb).filter((l) => l.startsWith('SIP/2.0 200')).length, 3);
  assert.deepEqual(ladder(ta).filter((l) => l.startsWith('ACK')), ['ACK sip:7001@127.0.0.1:40001 SIP/2.0 (dropped)', 'ACK sip:7001@127.0.0.1:40001 SIP/2.0 (dropped)', 'ACK sip:7001@127.0.0.1:40001 SIP/2.0']);
  await run(clock, 64 * 500);
  assert.equal(ladder(tb).filter((l) => l.startsWith('SIP/2.0 200')).length, 3, 'no retransmission after the ACK');
  await a.close();
  await b.close();
});

test('no ACK at all: after 64*T1 the UAS gives up, sends BYE and the dialog ends with no-ack', async () => {
  const { clock, a, b, ta, tb, uriOfB } = await loopbackPair();
  ta.drop = (data) => data.toString().startsWith('ACK');
  let uas: Dialog | undefined;
  b.onRequest((request) => (uas = request.accept()));
  const call = a.invite({ uri: uriOfB, from: 'sip:caller@127.0.0.1' });
  await run(clock);
  await call.final;
  const ended: DialogTermination[] = [];
  uas!.onTerminated((t) => ended.push(t));
  for (let t = 0; t < 32_000; t += 500) await run(clock, 500);
  await assert.rejects(uas!.acknowledged, SipTimeoutError);
  assert.equal(ended[0]?.reason, 'no-ack');
  assert.ok(ladder(tb).includes('BYE sip:caller@127.0.0.1:40000 SIP/2.0'));
  // 200 at 0, then T1 doubling capped at T2: 0.5, 1.5, 3.5, 7.5, 11.5, ... 31.5 s
  assert.equal(ladder(tb).filter((l) => l.startsWith('SIP/2.0 200 OK')).length, 11);
  await a.close();
  await b.close();
});

test('a rejected INVITE: final response is data, no dialog, ACK sent by the transaction', async () => {
  const { clock, a, b, ta, uriOfB } = await loopbackPair();
  b.onRequest((request) => request.respond(486));
  const call = a.invite({ uri: uriOfB, from: 'sip:caller@127.0.0.1' });
  await run(clock);
  const result = await call.final;
  assert.equal(result.response.status, 486);
  assert.equal(result.dialog, undefined);
  assert.equal(ladder(ta)[1], 'ACK sip:7001@127.0.0.1:40001 SIP/2.0');
  await a.close();
  await b.close();
});

test('CANCEL after 180: the UAS sees onCancel and answers 487; the early dialogs end', async () => {
  const { clock, a, b, uriOfB } = await loopbackPair();
  let incoming: IncomingRequest | undefined;
  let cancelled = false;
  b.onRequest((request) => {
    incoming = request;
    request.onCancel(() => (cancelled = true));
    request.respond(180);
  });
  const call = a.invite({ uri: uriOfB, from: 'sip:caller@127.0.0.1' });
  let early: Dialog | undefined;
  call.onProvisional((_r, d) => (early = d ?? early));
  await run(clock);
  call.cancel();
  await run(clock);
  assert.equal((await call.final).response.status, 487);
  assert.equal(cancelled, true);
  assert.equal(incoming!.final?.status, 487);
  assert.equal(incoming!.dialog?.termination?.reason, 'cancelled');
  assert.equal(early?.termination?.reason, 'cancelled');
  assert.throws(() => incoming!.accept());
  await a.close();
  await b.close();
});

test('an INVITE nobody answers times out (Timer B) with SipTimeoutError', async () => {
  const { clock, a, b } = await loopbackPair();
  const call = a.invite({ uri: 'sip:nobody@127.0.0.1:9', from: 'sip:caller@127.0.0.1' });
  const outcome = assert.rejects(call.final, (e: unknown) => e instanceof SipTimeoutError && e.timer === 'B');
  await run(clock, 64 * 500 - 1);
  await run(clock, 1);
  await outcome;
  await a.close();
  await b.close();
});

test('out-of-dialog requests: OPTIONS answered 200 by default; unknown dialog gets 481', async () => {
  const { clock, a, b, uriOfB } = await loopbackPair();
  const options = a.request({ method: 'OPTIONS', uri: uriOfB, from: 'sip:caller@127.0.0.1' });
  const stray = a.request({ method: 'INFO', uri: uriOfB, from: 'sip:caller@127.0.0.1', to: `<${uriOfB}>;tag=nope` });
  await run(clock);
  assert.equal((await options).status, 200);
  assert.equal((await stray).status, 481);
  await a.close();
  await b.close();
});

test('a request with a lower CSeq than the last one in the dialog gets 500', async () => {
  const { clock, a, b, uriOfB } = await loopbackPair();
  b.onRequest((request) => request.accept().onRequest((r) => r.respond(200)));
  const call = a.invite({ uri: uriOfB, from: 'sip:caller@127.0.0.1' });
  await run(clock);
  const { dialog } = await call.final;
  const first = dialog!.request('INFO');
  await run(clock);
  assert.equal((await first).status, 200);
  dialog!.state.localSeq = 0;
  const stale = dialog!.request('INFO');
  await run(clock);
  assert.equal((await stale).status, 500);
  await a.close();
  await b.close();
});

test('over real sockets, UDP and TCP on one port: a call over TCP with BYE from the callee', async (t) => {
  const a = await SipUserAgent.start({ transports: ['udp', 'tcp'] });
  const b = await SipUserAgent.start({ transports: ['udp', 'tcp'] });
  t.after(() => Promise.all([a.close(), b.close()]));
  assert.equal(a.addressOf('tcp').port, a.addressOf('udp').port);
  const byeSeen = new Promise<string>((resolve) =>
    b.onRequest((request) => {
      const dialog = request.accept();
      void dialog.acknowledged.then(() => dialog.bye().then((r) => resolve(`${request.source.protocol} ${r.status}`)));
    }),
  );
  const call = a.invite({ uri: `sip:7001@127.0.0.1:${b.address.port};transport=tcp`, from: 'sip:caller@127.0.0.1' });
  const { response, dialog } = await call.final;
  assert.equal(response.status, 200);
  assert.match(response.contact[0].toString(), /;transport=tcp>$/);
  assert.equal(await byeSeen, 'tcp 200');
  assert.equal(dialog?.termination?.reason, 'bye-received');
});

test('UPDATE in an early dialog: the UAS answers 2xx with its Contact (a target refresh)', async () => {
  const { clock, a, b, uriOfB } = await loopbackPair();
  let incoming: IncomingRequest | undefined;
  b.onRequest((request) => {
    incoming = request;
    request.respond(183);
  });
  const call = a.invite({ uri: uriOfB, from: 'sip:caller@127.0.0.1' });
  let early: Dialog | undefined;
  call.onProvisional((_r, d) => (early = d ?? early));
  await run(clock);
  assert.equal(early?.phase, DialogPhase.Early);
  const seen: string[] = [];
  incoming!.dialog!.onRequest((r) => {
    seen.push(`${r.method} ${r.dialog?.phase}`);
    r.respond(200, { body: offer, contentType: 'application/sdp' });
  });
  const update = early!.request('UPDATE', { body: offer, contentType: 'application/sdp' });
  await run(clock);
  const response = await update;
  assert.equal(response.status, 200);
  assert.deepEqual(seen, ['UPDATE Early']);
  assert.match(response.headers.get('Contact') ?? '', /^<sip:7001@127\.0\.0\.1:40001>$/);
  incoming!.accept();
  await run(clock);
  assert.equal((await call.final).dialog, early, 'the 2xx confirms the early dialog that got the UPDATE');
  await a.close();
  await b.close();
});

test('a request handler that throws gets its request answered 500 and the error reported', async () => {
  const { clock, a, b, uriOfB, errors } = await loopbackPair();
  b.onRequest(() => {
    throw new Error('application bug');
  });
  const response = a.request({ method: 'OPTIONS', uri: uriOfB, from: 'sip:caller@127.0.0.1' });
  await run(clock);
  assert.equal((await response).status, 500);
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /handler for OPTIONS .* threw: application bug/);
  await a.close();
  await b.close();
});

test('CANCEL asked before any provisional waits for one (RFC 3261 9.1), then ends the INVITE with 487', async () => {
  const { clock, a, b, ta, uriOfB } = await loopbackPair();
  b.onRequest(() => undefined); // the callee never answers by itself
  const call = a.invite({ uri: uriOfB, from: 'sip:caller@127.0.0.1' });
  call.cancel();
  assert.deepEqual(ladder(ta), ['INVITE sip:7001@127.0.0.1:40001 SIP/2.0'], 'nothing to cancel yet');
  await run(clock);
  assert.equal((await call.final).response.status, 487);
  assert.deepEqual(ladder(ta), ['INVITE sip:7001@127.0.0.1:40001 SIP/2.0', 'CANCEL sip:7001@127.0.0.1:40001 SIP/2.0', 'ACK sip:7001@127.0.0.1:40001 SIP/2.0']);
  const cancel = ta.sent[1].data.toString();
  const inviteVia = /Via: (.*)\r\n/.exec(ta.sent[0].data.toString())![1];
  assert.ok(cancel.includes(`Via: ${inviteVia}\r\n`), 'CANCEL reuses the INVITE Via and branch');
  await a.close();
  await b.close();
});

test('closing the user agent settles what waits on it: a pending INVITE and a pending request reject with SipTransportError', async () => {
  const { clock, a, b, uriOfB } = await loopbackPair();
  b.onRequest(() => undefined); // never answers: both stay pending
  const call = a.invite({ uri: uriOfB, from: 'sip:caller@127.0.0.1' });
  const options = a.request({ method: 'OPTIONS', uri: uriOfB, from: 'sip:caller@127.0.0.1' });
  const outcomes = [call.final, options].map((pending) =>
    assert.rejects(pending, (e: unknown) => e instanceof SipTransportError && /closed before a final response/.test(e.message)));
  await run(clock, 100);
  await a.close();
  await Promise.all(outcomes);
  await b.close();
});
