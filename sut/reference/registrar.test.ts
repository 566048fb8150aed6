import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../simulators/time/manual-clock';
import { Registrar } from './registrar';

test('bindings expire, can be removed, and are found by DN and by contact', () => {
  const clock = new ManualClock();
  const registrar = new Registrar(clock);
  registrar.bind('7001', { host: '127.0.0.1', port: 20001 }, 60);
  assert.deepEqual(registrar.contactOf('7001'), { host: '127.0.0.1', port: 20001 });
  assert.equal(registrar.dnOfContact({ host: '127.0.0.1', port: 20001 }), '7001');
  assert.equal(registrar.dnOfContact({ host: '127.0.0.1', port: 20002 }), undefined);
  clock.advance(60_000);
  assert.equal(registrar.contactOf('7001'), undefined);
  registrar.bind('7002', { host: '127.0.0.1', port: 20003 }, 60);
  registrar.bind('7002', { host: '127.0.0.1', port: 20003 }, 0);
  assert.equal(registrar.contactOf('7002'), undefined);
});
