import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SipParseError } from '../errors';
import { buildMultipart, multipartBoundary, parseMultipart } from './multipart';

test('build then parse: SDP and a binary part survive, with their types', () => {
  const binary = Buffer.from([0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff]);
  const { body, contentType } = buildMultipart(
    [
      { contentType: 'application/sdp', body: 'v=0\r\n' },
      { contentType: 'application/rs-metadata+xml', body: binary, headers: { 'Content-Disposition': 'recording-session' } },
    ],
    'mixed',
    'b0undary',
  );
  assert.equal(contentType, 'multipart/mixed;boundary=b0undary');
  const parts = parseMultipart(body, contentType);
  assert.deepEqual(parts.map((p) => p.contentType), ['application/sdp', 'application/rs-metadata+xml']);
  assert.equal(parts[0].body.toString(), 'v=0\r\n');
  assert.ok(parts[1].body.equals(binary));
  assert.equal(parts[1].headers.get('Content-Disposition'), 'recording-session');
});

test('preamble, quoted boundary and epilogue are handled', () => {
  const body = Buffer.from('preamble\r\n--xyz\r\nContent-Type: text/plain\r\n\r\none\r\n--xyz\r\n\r\ntwo\r\n--xyz--\r\nepilogue');
  const parts = parseMultipart(body, 'multipart/mixed; boundary="xyz"');
  assert.deepEqual(parts.map((p) => p.body.toString()), ['one', 'two']);
  assert.equal(parts[1].contentType, undefined);
  assert.equal(multipartBoundary('application/sdp'), undefined);
});

test('a body without its closing delimiter is a typed error', () => {
  assert.throws(() => parseMultipart(Buffer.from('--xyz\r\n\r\none'), 'multipart/mixed;boundary=xyz'), SipParseError);
  assert.throws(() => parseMultipart(Buffer.from('nothing here'), 'multipart/mixed;boundary=xyz'), SipParseError);
  assert.throws(() => parseMultipart(Buffer.from('x'), 'multipart/mixed'), SipParseError);
});
