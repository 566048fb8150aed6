import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SipMessageError } from '../errors';
import { SipHeaders } from './sip-headers';

test('get/getAll/has work with any spelling, compact forms included', () => {
  const h = new SipHeaders();
  h.add('Content-Type', 'application/sdp');
  h.add('x-genesys-record-id', 'r1');
  assert.equal(h.get('c'), 'application/sdp');
  assert.equal(h.get('CONTENT-TYPE'), 'application/sdp');
  assert.equal(h.get('X-Genesys-Record-Id'), 'r1');
  assert.deepEqual(h.entries(), [['Content-Type', 'application/sdp'], ['X-Genesys-Record-Id', 'r1']]);
  assert.equal(h.has('l'), false);
});

test('set replaces all fields in place of the first; add appends; prepend goes on top', () => {
  const h = new SipHeaders();
  h.add('Via', 'SIP/2.0/UDP a;branch=z9hG4bK1');
  h.add('From', '<sip:a@b>;tag=1');
  h.add('Via', 'SIP/2.0/UDP b;branch=z9hG4bK2');
  h.set('Via', 'SIP/2.0/UDP c;branch=z9hG4bK3');
  assert.deepEqual(h.entries(), [['Via', 'SIP/2.0/UDP c;branch=z9hG4bK3'], ['From', '<sip:a@b>;tag=1']]);
  h.prepend('v', 'SIP/2.0/UDP top;branch=z9hG4bK0');
  assert.deepEqual(h.getFields('Via'), ['SIP/2.0/UDP top;branch=z9hG4bK0', 'SIP/2.0/UDP c;branch=z9hG4bK3']);
  assert.equal(h.remove('VIA'), 2);
  assert.equal(h.count, 1);
});

test('values with CR or LF and invalid names are refused', () => {
  const h = new SipHeaders();
  assert.throws(() => h.add('Subject', 'a\r\nVia: x'), SipMessageError);
  assert.throws(() => h.add('Bad Name', 'x'), SipMessageError);
});

test('every mutation changes the version (typed views depend on it)', () => {
  const h = new SipHeaders();
  const v0 = h.version;
  h.add('A', '1');
  h.set('A', '2');
  h.remove('A');
  assert.equal(h.version, v0 + 3);
});
