import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SipParseError } from '../errors';
import { NameAddr } from './name-addr';
import { SipUri } from './sip-uri';
import { AbsoluteUri, TelUri, parseUri } from './uri';
import { Via } from './via';

test('sip URI parts, parameters and headers', () => {
  const uri = parseUri('sips:alice:secret@atlanta.example.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent');
  assert.ok(uri instanceof SipUri);
  assert.equal(uri.scheme, 'sips');
  assert.equal(uri.user, 'alice');
  assert.equal(uri.password, 'secret');
  assert.equal(uri.host, 'atlanta.example.com');
  assert.equal(uri.port, 5061);
  assert.equal(uri.transport, 'tcp');
  assert.equal(uri.hasParam('lr'), true);
  assert.deepEqual(uri.headers, [{ name: 'subject', value: 'project%20x' }, { name: 'priority', value: 'urgent' }]);
  assert.equal(uri.toString(), 'sips:alice:secret@atlanta.example.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent');
});

test('the gir-msml recording Request-URI keeps its parameters', () => {
  const uri = SipUri.parse('sip:msml=7001-1@127.0.0.1:5070;dn=7001;record;media-service=record;tenant-dbid=1');
  assert.equal(uri.user, 'msml=7001-1');
  assert.equal(uri.param('dn'), '7001');
  assert.equal(uri.hasParam('record'), true);
  assert.equal(uri.param('tenant-dbid'), '1');
});

test('IPv6 references and user parts with semicolons', () => {
  const v6 = SipUri.parse('sip:[2001:db8::10]:5070;transport=udp');
  assert.equal(v6.host, '[2001:db8::10]');
  assert.equal(v6.hostname, '2001:db8::10');
  assert.equal(v6.port, 5070);
  const semi = SipUri.parse('sip:user;par=u%40example.net@example.com');
  assert.equal(semi.user, 'user;par=u%40example.net');
  assert.equal(semi.host, 'example.com');
});

test('tel and other URIs', () => {
  const tel = parseUri('tel:+1-201-555-0123;phone-context=example.com');
  assert.ok(tel instanceof TelUri);
  assert.equal(tel.number, '+1-201-555-0123');
  assert.equal(tel.param('phone-context'), 'example.com');
  const urn = parseUri('urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
  assert.ok(urn instanceof AbsoluteUri);
  assert.equal(urn.toString(), 'urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
});

test('bad URIs are typed errors', () => {
  for (const bad of ['sip:', 'sip:@host', 'sip:host:99999', 'sip:us er@host', 'sip:[::1', 'sip:a%zz@host', '<sip:a@b>', 'sip:host;=x']) {
    assert.throws(() => parseUri(bad), SipParseError, bad);
  }
});

test('with() builds a changed copy and serializes it', () => {
  const uri = SipUri.parse('sip:bob@example.com').with({ port: 5080 }).withParam('transport', 'tcp');
  assert.equal(uri.toString(), 'sip:bob@example.com:5080;transport=tcp');
});

test('name-addr: quoted display names with escapes, token display names, addr-spec', () => {
  const quoted = NameAddr.parse('"J. \\"Bob\\" Smith" <sip:bob@example.com;transport=udp>;tag=88');
  assert.equal(quoted.displayName, 'J. "Bob" Smith');
  assert.equal(quoted.tag, '88');
  assert.equal((quoted.uri as SipUri).transport, 'udp');
  const token = NameAddr.parse('Bob Smith <sip:bob@example.com>');
  assert.equal(token.displayName, 'Bob Smith');
  const bare = NameAddr.parse('sip:bob@example.com;tag=1');
  assert.equal(bare.tag, '1');
  assert.equal(bare.uri.toString(), 'sip:bob@example.com');
  assert.equal(new NameAddr({ displayName: 'A "q"', uri: bare.uri }).withTag('9').toString(), '"A \\"q\\"" <sip:bob@example.com>;tag=9');
});

test('name-addr errors: unterminated quote, spaces in addr-spec, headers outside <>', () => {
  assert.throws(() => NameAddr.parse('"Bob <sip:bob@example.com>'), /unterminated quoted string/);
  assert.throws(() => NameAddr.parse('< sip:bob@example.com >'), SipParseError);
  assert.throws(() => NameAddr.parse('sip:user@example.com?Route=%3Csip:x%3E'), /enclosed/);
  assert.throws(() => NameAddr.parse('Bell, Alexander <sip:a.g.bell@bell-tel.com>'), SipParseError);
});

test('Via: sent-protocol with whitespace, sent-by, branch, received, rport', () => {
  const via = Via.parse('SIP / 2.0 / UDP  192.0.2.1 : 5062;branch=z9hG4bKabc;received=192.0.2.9;rport=5999');
  assert.equal(via.transport, 'UDP');
  assert.equal(via.host, '192.0.2.1');
  assert.equal(via.port, 5062);
  assert.equal(via.branch, 'z9hG4bKabc');
  assert.equal(via.received, '192.0.2.9');
  assert.equal(via.rport, 5999);
  assert.equal(Via.parse('SIP/2.0/TCP [2001:db8::1];branch=z9hG4bK1;received=2001:db8::2').received, '2001:db8::2');
  assert.throws(() => Via.parse('SIP/2.0/UDP 192.0.2.15;;,;,,'), SipParseError);
  assert.throws(() => Via.parse('SIP/2.0/UDP host:80000;branch=z9hG4bK1'), /too large/);
});
