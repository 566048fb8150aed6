import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SipTransportError } from '../errors';
import { compactBye, infoMsml, invite } from '../test-support/messages';
import { StreamFramer } from './stream-framer';
import { DEFAULT_LIMITS } from './transport';

function framer(limits = DEFAULT_LIMITS) {
  const messages: string[] = [];
  const errors: SipTransportError[] = [];
  const f = new StreamFramer(limits, (m) => messages.push(m.toString('utf8')), (e) => errors.push(e));
  return { f, messages, errors };
}

test('a message arriving one byte at a time is framed once, complete', () => {
  const { f, messages } = framer();
  const raw = Buffer.from(invite());
  for (let i = 0; i < raw.length; i++) f.push(raw.subarray(i, i + 1));
  assert.deepEqual(messages, [invite()]);
  assert.equal(f.buffered, 0);
});

test('pipelined messages in one read, with keep-alive CRLFs between them, come out in order', () => {
  const { f, messages } = framer();
  f.push(Buffer.from(`\r\n\r\n${invite()}\r\n${infoMsml()}${compactBye()}`));
  assert.deepEqual(messages, [invite(), infoMsml(), compactBye()]);
});

test('a read that ends inside the body waits for the rest', () => {
  const { f, messages } = framer();
  const raw = invite();
  f.push(Buffer.from(raw.slice(0, raw.length - 10)));
  assert.equal(messages.length, 0);
  f.push(Buffer.from(raw.slice(raw.length - 10) + compactBye().slice(0, 20)));
  assert.deepEqual(messages, [raw]);
  assert.equal(f.buffered, 20);
});

test('an unusable Content-Length or an oversize header block stops the stream with an error', () => {
  const bad = framer();
  bad.f.push(Buffer.from(invite().replace(/Content-Length: \d+/, 'Content-Length: -5')));
  assert.match(bad.errors[0].message, /unusable Content-Length/);
  bad.f.push(Buffer.from(invite()));
  assert.equal(bad.messages.length, 0, 'nothing more is framed on a failed stream');

  const big = framer({ maxHeaderBytes: 100, maxMessageBytes: 65535 });
  big.f.push(Buffer.from('INVITE sip:x SIP/2.0\r\n' + 'X-Pad: y\r\n'.repeat(20)));
  assert.match(big.errors[0].message, /header block over 100 bytes/);

  const huge = framer({ maxHeaderBytes: 16384, maxMessageBytes: 400 });
  huge.f.push(Buffer.from(invite()));
  assert.match(huge.errors[0].message, /over the 400-byte limit/);
});
