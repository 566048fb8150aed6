import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SipParseError } from '../errors';
import { PartialMessage, parseMessage } from './parser';
import { serializeMessage } from './serializer';
import { SipRequest } from './sip-request';
import { SipResponse } from './sip-response';
import { SipUri } from './sip-uri';
import { compactBye, crlf, infoMsml, invite, notifySipfrag, ok200, refer, unauthorized401 } from '../test-support/messages';

function parseError(input: string | Buffer): SipParseError {
  try {
    parseMessage(input);
  } catch (error) {
    assert.ok(error instanceof SipParseError, `expected SipParseError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a parse error');
}

test('an INVITE with SDP parses into typed views', () => {
  const m = parseMessage(invite());
  assert.ok(m instanceof SipRequest);
  assert.equal(m.method, 'INVITE');
  assert.ok(m.uri instanceof SipUri);
  assert.equal(m.uri.user, 'bob');
  assert.equal(m.via.length, 1);
  assert.equal(m.topVia?.branch, 'z9hG4bK776asdhds');
  assert.equal(m.topVia?.rport, true);
  assert.equal(m.from.displayName, 'Alice A.');
  assert.equal(m.from.tag, '1928301774');
  assert.equal(m.to.tag, undefined);
  assert.equal(m.callId, 'a84b4c76e66710@pc33.atlanta.example.com');
  assert.deepEqual(m.cseq, { seq: 314159, method: 'INVITE' });
  assert.equal(m.maxForwards, 70);
  assert.equal(m.contact[0].uri.toString(), 'sip:alice@pc33.atlanta.example.com');
  assert.match(m.bodyText, /^v=0\r\n/);
  assert.equal(m.contentType, 'application/sdp');
});

test('a 200 with three Vias and Record-Route parses; Via order is kept', () => {
  const m = parseMessage(ok200());
  assert.ok(m instanceof SipResponse);
  assert.equal(m.status, 200);
  assert.equal(m.reason, 'OK');
  assert.deepEqual(m.via.map((v) => v.host), ['server10.biloxi.example.com', 'bigbox3.site3.atlanta.example.com', 'pc33.atlanta.example.com']);
  assert.equal(m.via[0].received, '192.0.2.3');
  assert.deepEqual(m.recordRoute.map((r) => r.uri.toString()), ['sip:server10.biloxi.example.com;lr', 'sip:bigbox3.site3.atlanta.example.com;lr']);
});

test('realistic messages serialize back byte for byte', () => {
  for (const raw of [invite(), ok200(), infoMsml(), refer(), notifySipfrag(), unauthorized401(), compactBye()]) {
    assert.equal(serializeMessage(parseMessage(raw)).toString('utf8'), raw);
  }
});

test('compact header names are found under either name and keep their spelling', () => {
  const m = parseMessage(compactBye());
  assert.equal(m.headers.get('Via'), 'SIP/2.0/TCP 192.0.2.4;branch=z9hG4bKnashds10');
  assert.equal(m.headers.get('v'), m.headers.get('VIA'));
  assert.equal(m.callId, 'a84b4c76e66710@pc33.atlanta.example.com');
  assert.equal(m.from.tag, 'a6c85cf');
  m.headers.set('Call-ID', 'new-id');
  assert.match(serializeMessage(m).toString(), /\r\ni: new-id\r\n/);
});

test('header folding is undone into one space', () => {
  const raw = crlf([
    'OPTIONS sip:x@example.com SIP/2.0',
    'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1',
    'From: <sip:a@example.com>;tag=1',
    'To: <sip:x@example.com>',
    'Call-ID: fold-1',
    'CSeq: 1 OPTIONS',
    'Subject: first part',
    '   second part',
    '\tthird',
    'Content-Length: 0',
  ]);
  const m = parseMessage(raw);
  assert.equal(m.headers.get('Subject'), 'first part second part third');
  assert.equal(m.headers.get('s'), 'first part second part third');
});

test('repeated and comma-separated list headers are read by getAll, in order', () => {
  const raw = crlf([
    'SIP/2.0 200 OK',
    'Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2',
    'v: SIP/2.0/UDP c.example.com;branch=z9hG4bK3',
    'From: <sip:a@example.com>;tag=1',
    'To: <sip:x@example.com>;tag=2',
    'Call-ID: list-1',
    'CSeq: 1 OPTIONS',
    'Allow: INVITE, ACK',
    'Allow: BYE,CANCEL',
    'Contact: "A, B" <sip:a@h1>;q=0.5, <sip:b@h2>',
    'Content-Length: 0',
  ]);
  const m = parseMessage(raw);
  assert.deepEqual(m.via.map((v) => v.host), ['a.example.com', 'b.example.com', 'c.example.com']);
  assert.deepEqual(m.headers.getAll('Allow'), ['INVITE', 'ACK', 'BYE', 'CANCEL']);
  assert.deepEqual(m.headers.getAll('m'), ['"A, B" <sip:a@h1>;q=0.5', '<sip:b@h2>']);
  assert.equal(m.contact[0].displayName, 'A, B');
  assert.equal(m.contact[0].param('q'), '0.5');
});

test('Content-Length frames the body of a datagram; extra octets are dropped', () => {
  const raw = invite('v=0\r\n') + 'trailing junk';
  const m = parseMessage(raw);
  assert.equal(m.bodyText, 'v=0\r\n');
});

test('a Content-Length larger than the datagram is an error naming the header', () => {
  const raw = invite('v=0\r\n').replace('Content-Length: 5', 'Content-Length: 500');
  const error = parseError(raw);
  assert.equal(error.header, 'Content-Length');
  assert.match(error.reason, /larger than the message/);
});

test('without Content-Length a datagram body runs to the end, a stream message is empty', () => {
  const raw = invite('v=0\r\n').replace(/Content-Length: 5\r\n/, '');
  assert.equal(parseMessage(raw).bodyText, 'v=0\r\n');
  assert.equal(parseMessage(raw, { datagram: false }).body.length, 0);
});

test('errors name the header and the byte offset of the problem', () => {
  const raw = invite().replace('CSeq: 314159 INVITE', 'CSeq: 314159x INVITE');
  const error = parseError(raw);
  assert.equal(error.header, 'CSeq');
  assert.equal(error.offset, raw.indexOf('314159x') + 6);
  const partial = error.partial as PartialMessage;
  assert.equal(partial.kind, 'request');
  assert.equal(partial.headers.get('Call-ID'), 'a84b4c76e66710@pc33.atlanta.example.com');
});

test('offsets count bytes when headers hold UTF-8', () => {
  const raw = invite().replace('"Alice A."', '"Ålice Ä."').replace('Max-Forwards: 70', 'Max-Forwards: 7x');
  const error = parseError(raw);
  assert.equal(error.header, 'Max-Forwards');
  assert.equal(error.offset, Buffer.from(raw).indexOf('7x') + 1);
});

test('missing mandatory headers and CSeq method mismatch are errors', () => {
  assert.match(parseError(invite().replace(/Call-ID: .*\r\n/, '')).reason, /missing Call-ID/);
  assert.match(parseError(invite().replace('CSeq: 314159 INVITE', 'CSeq: 314159 BYE')).reason, /does not match/);
  assert.match(parseError(invite().replace('Max-Forwards: 70', 'Max-Forwards: 256')).reason, /too large/);
  assert.match(parseError(invite().replace('Max-Forwards: 70', 'To: <sip:x@y>')).reason, /only once/);
});

test('garbage is a typed error, never a crash', () => {
  for (const input of ['', '\r\n\r\n', 'hello', 'INVITE\r\n\r\n', '\u0000\u0001\u0002\r\n\r\n', 'SIP/2.0 99 x\r\n\r\n']) {
    assert.ok(parseError(input) instanceof SipParseError);
  }
});

test('headers that are not valid UTF-8 come back byte for byte', () => {
  const raw = Buffer.from(invite().replace('Alice A.', 'Alice \u00e9'), 'latin1');
  const m = parseMessage(raw);
  assert.ok(serializeMessage(m).equals(raw));
});

test('leading CRLFs are ignored (RFC 3261 7.5)', () => {
  assert.equal((parseMessage('\r\n\r\n' + invite()) as SipRequest).method, 'INVITE');
});

test('serializing fixes Content-Length to the real body length', () => {
  const m = parseMessage(invite());
  m.setBody('abc', 'text/plain');
  const text = serializeMessage(m).toString();
  assert.match(text, /\r\nContent-Length: 3\r\n/);
  assert.match(text, /\r\nContent-Type: text\/plain\r\n/);
  assert.ok(text.endsWith('\r\n\r\nabc'));
});
