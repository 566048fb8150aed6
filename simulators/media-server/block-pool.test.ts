import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockPool } from './block-pool';
import { SampleBlocks } from './sample-blocks';

test('blocks are silent, distinct, and come back zeroed after they were given back', () => {
  const pool = BlockPool.of(5);
  const a = pool.take();
  const b = pool.take();
  assert.deepEqual([...a], [0, 0, 0, 0, 0]);
  a.fill(7);
  assert.deepEqual([...b], [0, 0, 0, 0, 0], 'writing one block leaves its neighbour in the slab alone');
  const freeBefore = pool.stats.free;
  pool.give([a]);
  assert.equal(pool.stats.free, freeBefore + 1);
  const again = pool.take();
  assert.equal(again, a, 'a block given back is reused');
  assert.deepEqual([...again], [0, 0, 0, 0, 0]);
  assert.equal(BlockPool.of(5), pool, 'one pool per block size');
});

test('released samples go back to the pool and cannot be read or written again', () => {
  const blocks = new SampleBlocks(6);
  blocks.set(Int16Array.from([1, 2, 3]), 10);
  const pool = BlockPool.of(6);
  const freeBefore = pool.stats.free;
  blocks.release();
  assert.equal(pool.stats.free, freeBefore + 3, 'samples 10..12 took blocks 0, 1 and 2');
  assert.throws(() => blocks.read(0, new Int16Array(3)), /released/);
  assert.throws(() => blocks.set(Int16Array.from([1]), 0), /released/);
  assert.throws(() => blocks.clear(0, 3), /released/);
  const next = new SampleBlocks(6);
  next.set(Int16Array.from([9]), 0);
  const read = new Int16Array(12);
  next.read(0, read);
  assert.deepEqual([...read], [9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 'a recording after it sees silence, not the old samples');
});
