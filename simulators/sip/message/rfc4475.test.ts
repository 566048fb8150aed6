import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SipParseError } from '../errors';
import { INVALID_VECTORS, VALID_VECTORS } from '../test-support/rfc4475';
import { parseMultipart } from './multipart';
import { parseMessage } from './parser';
import { SipRequest } from './sip-request';
import { SipResponse } from './sip-response';
import { SipUri } from './sip-uri';

const valid = (name: string): SipRequest | SipResponse => parseMessage(VALID_VECTORS.find((v) => v.name === name)!.bytes);

test('RFC 4475 3.1.1: every valid torture message parses', () => {
  for (const v of VALID_VECTORS) {
    assert.doesNotThrow(() => parseMessage(v.bytes), `${v.section} ${v.name}`);
  }
});

test('3.1.1.1 wsinv: folding, odd spacing, compact forms, escaped quotes', () => {
  const m = valid('wsinv') as SipRequest;
  assert.equal(m.to.tag, '1918181833n');
  assert.equal(m.from.displayName, 'J Rosenberg \\"');
  assert.equal(m.from.tag, '98asjd8');
  assert.equal(m.maxForwards, 68);
  assert.deepEqual(m.cseq, { seq: 9, method: 'INVITE' });
  assert.deepEqual(m.via.map((v) => [v.transport, v.host, v.branch]), [
    ['UDP', '192.0.2.2', '390skdjuw'],
    ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
    ['UDP', '192.168.255.111', 'z9hG4bK30239'],
  ]);
  assert.equal(m.contact[0].displayName, 'Quoted string ""');
  assert.equal(m.contact[0].param('q'), '0.33');
  assert.equal(m.contact[0].param('newparam'), 'newvalue');
  assert.equal(m.headers.get('NewFangledHeader'), 'newfangled value continued newfangled value');
  assert.equal(m.headers.get('Subject'), '');
  assert.equal(m.body.length, 150);
});

test('3.1.1.2 intmeth: unusual method, URI user and password, control characters in quotes, UTF-8', () => {
  const m = valid('intmeth') as SipRequest;
  assert.equal(m.method, "!interesting-Method0123456789_*+`.%indeed'~");
  const uri = m.uri as SipUri;
  assert.equal(uri.user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
  assert.equal(uri.password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
  assert.equal(m.to.displayName, 'BEL:\x07 NUL:\x00 DEL:\x7f');
  assert.equal(m.from.displayName, "token1~` token2'+_ token3*%!.-");
  assert.equal(m.from.param("fromParam''~+*_!.-%"), '\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439');
  assert.equal(m.callId, 'intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{');
  assert.equal(m.headers.get("extensionHeader-!.%*+_`'~"), '\ufeff\u5927\u505c\u96fb');
});

test('3.1.1.3-5: escapes stay escaped, a header named C%6Fntact is not a Contact', () => {
  const esc01 = valid('esc01') as SipRequest;
  assert.equal((esc01.uri as SipUri).user, 'sips%3Auser%40example.com');
  assert.equal((esc01.contact[0].uri as SipUri).param('n%61me'), 'v%61lue%25%34%31');
  const escnull = valid('escnull');
  assert.deepEqual(escnull.contact.map((c) => (c.uri as SipUri).user), ['%00', '%00%00']);
  const esc02 = valid('esc02') as SipRequest;
  assert.equal(esc02.method, 'RE%47IST%45R');
  assert.deepEqual(esc02.contact.map((c) => (c.uri as SipUri).user), ['alias1', 'alias3']);
  assert.equal(esc02.headers.get('C%6Fntact'), '<sip:alias2@host2.example.com>');
});

test('3.1.1.6-10: display name without LWS, long values, extra datagram octets, ; in user, transports', () => {
  assert.equal(valid('lwsdisp').from.displayName, 'caller');
  const longreq = valid('longreq');
  assert.equal(longreq.via.length, 34);
  assert.equal(longreq.via[33].received, '192.0.2.5');
  assert.equal((longreq.to.uri as SipUri).port, 6000);
  const dblreq = valid('dblreq') as SipRequest;
  assert.equal(dblreq.method, 'REGISTER');
  assert.equal(dblreq.body.length, 0, 'the INVITE after Content-Length: 0 is noise');
  assert.equal(((valid('semiuri') as SipRequest).uri as SipUri).user, 'user;par=u%40example.net');
  assert.deepEqual(valid('transports').via.map((v) => v.transport), ['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP']);
});

test('3.1.1.11 mpart01: a multipart body with a binary part frames by Content-Length', () => {
  const m = valid('mpart01');
  assert.equal(m.body.length, 553);
  const parts = parseMultipart(m.body, m.contentType!);
  assert.equal(parts.length, 2);
  assert.equal(parts[0].body.toString(), 'Hello');
  assert.equal(parts[1].contentType, 'application/octet-stream');
  assert.equal(parts[1].body.length, 342);
  assert.equal(parts[1].body[0], 0x30);
});

test('3.1.1.12-13: unusual and empty reason phrases', () => {
  const unreason = valid('unreason') as SipResponse;
  assert.equal(unreason.status, 200);
  assert.match(unreason.reason, /^= 2\*\*3 \* 5\*\*2 \u043d\u043e/);
  const noreason = valid('noreason') as SipResponse;
  assert.equal(noreason.status, 100);
  assert.equal(noreason.reason, '');
});

test('RFC 4475 3.1.2: every invalid message is a SipParseError naming what is wrong (badvers parses as 7.0)', () => {
  const reasons: Record<string, string> = {};
  for (const v of INVALID_VECTORS) {
    if (v.expect === 'version') {
      assert.equal(parseMessage(v.bytes).version, '7.0');
      continue;
    }
    assert.throws(
      () => parseMessage(v.bytes),
      (e: unknown) => e instanceof SipParseError && e.offset >= 0 && e.offset < v.bytes.length,
      `${v.section} ${v.name}`,
    );
    try {
      parseMessage(v.bytes);
    } catch (e) {
      reasons[v.name] = `${(e as SipParseError).header}: ${(e as SipParseError).reason}`;
    }
  }
  assert.match(reasons.badinv01, /^Via:/);
  assert.match(reasons.clerr, /^Content-Length: .*larger/);
  assert.match(reasons.ncl, /^Content-Length:/);
  assert.match(reasons.scalar02, /^CSeq: .*too large/);
  assert.match(reasons.scalarlg, /^CSeq: .*too large/);
  assert.match(reasons.quotbal, /^To: unterminated quoted string/);
  assert.match(reasons.ltgtruri, /^Request-URI:/);
  assert.match(reasons.lwsruri, /^Request-URI:/);
  assert.match(reasons.lwsstart, /^start line:/);
  assert.match(reasons.trws, /^start line:/);
  assert.match(reasons.escruri, /^Request-URI: .*headers/);
  assert.match(reasons.baddate, /^Date: .*GMT/);
  assert.match(reasons.regbadct, /^Contact: .*enclosed/);
  assert.match(reasons.badaspec, /^To:/);
  assert.match(reasons.baddn, /^From:/);
  assert.match(reasons.mismatch01, /^CSeq: .*does not match/);
  assert.match(reasons.mismatch02, /^CSeq: .*does not match/);
  assert.match(reasons.bigcode, /^start line: status code/);
});
