import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatHostPort, parseHostPort } from './host-port';

test('host:port round-trips, IPv6 in brackets', () => {
  assert.deepEqual(parseHostPort('127.0.0.1:5060'), { host: '127.0.0.1', port: 5060 });
  assert.deepEqual(parseHostPort('[::1]:5060'), { host: '::1', port: 5060 });
  assert.equal(formatHostPort({ host: '::1', port: 5 }), '[::1]:5');
  assert.equal(formatHostPort(parseHostPort('ms.example:7000')), 'ms.example:7000');
});

test('anything else is refused with the text', () => {
  for (const bad of ['127.0.0.1', '127.0.0.1:99999', ':5060', 'a b:1']) assert.throws(() => parseHostPort(bad), new RegExp(`"${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" is not host:port`));
});
