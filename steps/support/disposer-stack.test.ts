import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DisposerStack } from './disposer-stack';

test('disposers run newest first, all of them, and every failure is reported', async () => {
  const stack = new DisposerStack();
  const order: string[] = [];
  stack.push('sut', () => order.push('sut'));
  stack.push('ms', () => {
    order.push('ms');
    throw new Error('socket busy');
  });
  stack.push('phone', async () => {
    order.push('phone');
    throw new Error('still ringing');
  });
  await assert.rejects(stack.drain(), (error: unknown) =>
    error instanceof AggregateError && /teardown of phone failed: still ringing; teardown of ms failed: socket busy/.test(error.message));
  assert.deepEqual(order, ['phone', 'ms', 'sut']);
  assert.equal(stack.size, 0);
});

test('one failure is thrown as itself', async () => {
  const stack = new DisposerStack();
  stack.push('x', () => Promise.reject(new Error('nope')));
  await assert.rejects(stack.drain(), /^Error: teardown of x failed: nope$/);
});
