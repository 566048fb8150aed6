import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SampleBlocks } from './sample-blocks';

const CAPACITY = 200;

/** Every operation on blocks of any size must leave what the same operation leaves on one plain array. */
test('blocks behave as one zero-initialised array: set, clear, moveEarlier, read', () => {
  const operation = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), position: fc.nat(CAPACITY - 40), length: fc.integer({ min: 0, max: 40 }), value: fc.integer({ min: -32768, max: 32767 }) }),
    fc.record({ kind: fc.constant('clear' as const), from: fc.nat(CAPACITY), length: fc.nat(CAPACITY) }),
    fc.record({ kind: fc.constant('move' as const), start: fc.nat(CAPACITY), back: fc.nat(CAPACITY), length: fc.nat(CAPACITY) }),
  );
  fc.assert(fc.property(fc.integer({ min: 1, max: 50 }), fc.array(operation, { maxLength: 30 }), (blockSamples, operations) => {
    const blocks = new SampleBlocks(blockSamples);
    const reference = new Int16Array(CAPACITY);
    let step = 0;
    for (const op of operations) {
      step++;
      if (op.kind === 'set') {
        const samples = Int16Array.from({ length: op.length }, (_, i) => (op.value + i * 101 + step) | 0);
        blocks.set(samples, op.position);
        reference.set(samples, op.position);
      } else if (op.kind === 'clear') {
        const to = Math.min(CAPACITY, op.from + op.length);
        blocks.clear(op.from, to);
        reference.fill(0, op.from, to);
      } else {
        const end = Math.min(CAPACITY, op.start + op.length);
        const target = Math.max(0, op.start - op.back);
        blocks.moveEarlier(target, op.start, end);
        reference.copyWithin(target, op.start, end);
      }
    }
    const read = new Int16Array(CAPACITY).fill(-1);
    blocks.read(0, read);
    assert.deepEqual([...read], [...reference]);
  }));
});

test('blocks are allocated only as far as something is written', () => {
  const blocks = new SampleBlocks(100);
  assert.equal(blocks.capacity, 0);
  blocks.set(Int16Array.from([1]), 250);
  assert.equal(blocks.capacity, 300);
  blocks.clear(0, 1000);
  assert.equal(blocks.capacity, 300, 'clearing beyond allocates nothing');
  const tail = new Int16Array(5).fill(3);
  blocks.read(298, tail);
  assert.deepEqual([...tail], [0, 0, 0, 0, 0]);
  assert.throws(() => blocks.moveEarlier(10, 5, 20), RangeError);
  assert.throws(() => new SampleBlocks(0), RangeError);
});

test('writing nothing is allowed anywhere, also where no block exists yet', () => {
  const blocks = new SampleBlocks(1);
  blocks.set(new Int16Array(0), 0);
  blocks.set(new Int16Array(0), 17);
  const read = new Int16Array(3).fill(5);
  blocks.read(0, read);
  assert.deepEqual([...read], [0, 0, 0]);
});

test('releaseBefore gives back whole blocks before a sample; touching them afterwards throws', () => {
  const blocks = new SampleBlocks(10);
  blocks.set(new Int16Array(35).fill(4), 0);
  assert.equal(blocks.heldSamples, 40);
  blocks.releaseBefore(25); // blocks 0 and 1; block 2 holds samples 20..29, still needed
  assert.equal(blocks.heldSamples, 20);
  const tail = new Int16Array(15);
  blocks.read(20, tail);
  assert.deepEqual([...tail], [...new Array(15).fill(4)]);
  assert.throws(() => blocks.read(15, new Int16Array(2)), /released/);
  assert.throws(() => blocks.set(new Int16Array(1), 3), /released/);
  blocks.set(new Int16Array([9]), 45); // growing on is unaffected
  assert.equal(blocks.heldSamples, 30);
  blocks.release();
});

test('after releaseBefore, a write far ahead allocates no block for the released span it skips', () => {
  const blocks = new SampleBlocks(10);
  blocks.set(new Int16Array(5).fill(1), 0);
  blocks.releaseBefore(45); // the file holds samples 0..40; nothing was written to 10..45
  assert.equal(blocks.heldSamples, 0);
  blocks.set(new Int16Array([2]), 47);
  assert.equal(blocks.heldSamples, 10, 'only the block of sample 47');
  const around = new Int16Array(10);
  blocks.read(40, around);
  assert.deepEqual([...around], [0, 0, 0, 0, 0, 0, 0, 2, 0, 0]);
  assert.throws(() => blocks.read(35, new Int16Array(1)), /released/);
  blocks.release();
});
