import { BlockPool } from './block-pool';

/**
 * A channel's samples as fixed-size blocks that are allocated as the recording reaches them, all
 * digital silence until written. One growing array would have to be reallocated and copied each
 * time it fills; with hundreds of recordings started together those copies come together too (at
 * 16 s, 32 s, ... of every recording): hundreds of MB allocated and copied within seconds, which
 * stalls the event loop and delays commands. Blocks come from a BlockPool, evenly spread. Blocks
 * whose samples are already in the file go back early (releaseBefore), so memory stays bounded by
 * what is not yet written, however long the recording.
 */
export class SampleBlocks {
  /** Index = block number; undefined once released (its samples are in the file). */
  private readonly blocks: (Int16Array | undefined)[] = [];
  private readonly pool: BlockPool;
  private released = false;
  /** Blocks before this index are released (their samples are in the file): never allocated again. */
  private releasedBlocks = 0;

  constructor(readonly blockSamples: number) {
    if (!Number.isInteger(blockSamples) || blockSamples < 1) throw new RangeError(`block size ${blockSamples} is not a positive integer`);
    this.pool = BlockPool.of(blockSamples);
  }

  /** Hands the blocks back to the pool; the samples are gone, and any later use throws. */
  release(): void {
    this.pool.give(this.blocks.splice(0).filter((b): b is Int16Array => b !== undefined));
    this.released = true;
  }

  /** Hands back every block wholly before `sample`: nothing there is read or written again. */
  releaseBefore(sample: number): void {
    this.releasedBlocks = Math.max(this.releasedBlocks, Math.floor(sample / this.blockSamples));
    const end = Math.min(this.releasedBlocks, this.blocks.length);
    for (let i = 0; i < end; i++) {
      const block = this.blocks[i];
      if (!block) continue;
      this.pool.give([block]);
      this.blocks[i] = undefined;
    }
  }

  /** Samples held in memory now: allocated and not yet released. */
  get heldSamples(): number {
    let held = 0;
    for (const block of this.blocks) if (block) held += this.blockSamples;
    return held;
  }

  /** Samples allocated so far (a multiple of the block size). */
  get capacity(): number {
    return this.blocks.length * this.blockSamples;
  }

  /** Writes `samples` from `position` on, allocating blocks as needed. */
  set(samples: Int16Array, position: number): void {
    this.reserve(position + samples.length);
    if (samples.length === 0) return;
    const offset = position % this.blockSamples;
    if (offset + samples.length <= this.blockSamples) {
      // the usual packet: inside one block, written without a view per call
      this.block((position - offset) / this.blockSamples).set(samples, offset);
      return;
    }
    let done = 0;
    while (done < samples.length) {
      const at = position + done;
      const block = this.block(Math.floor(at / this.blockSamples));
      const within = at % this.blockSamples;
      const count = Math.min(samples.length - done, this.blockSamples - within);
      block.set(samples.subarray(done, done + count), within);
      done += count;
    }
  }

  /** Digital silence over [from, to). */
  clear(from: number, to: number): void {
    this.checkLive();
    for (let at = from; at < to;) {
      const index = Math.floor(at / this.blockSamples);
      const offset = at % this.blockSamples;
      const count = Math.min(to - at, this.blockSamples - offset);
      if (index < this.blocks.length) this.block(index).fill(0, offset, offset + count);
      at += count;
    }
  }

  /** Moves [start, end) to `target` (<= start, as TypedArray.copyWithin does for earlier targets). */
  moveEarlier(target: number, start: number, end: number): void {
    if (target > start) throw new RangeError(`moveEarlier to ${target}, after its source ${start}`);
    this.reserve(end);
    // Forward, in pieces that stay within one source and one target block: a piece never
    // overwrites source samples not yet moved, because the target is never after the source.
    for (let from = start, to = target; from < end;) {
      const sourceOffset = from % this.blockSamples;
      const targetOffset = to % this.blockSamples;
      const count = Math.min(end - from, this.blockSamples - sourceOffset, this.blockSamples - targetOffset);
      const source = this.block(Math.floor(from / this.blockSamples));
      const destination = this.block(Math.floor(to / this.blockSamples));
      if (source === destination) source.copyWithin(targetOffset, sourceOffset, sourceOffset + count);
      else destination.set(source.subarray(sourceOffset, sourceOffset + count), targetOffset);
      from += count;
      to += count;
    }
  }

  /** Copies samples [from, from + into.length) into `into` (silence where nothing was allocated). */
  read(from: number, into: Int16Array): void {
    this.checkLive();
    let done = 0;
    while (done < into.length) {
      const at = from + done;
      const index = Math.floor(at / this.blockSamples);
      const offset = at % this.blockSamples;
      const count = Math.min(into.length - done, this.blockSamples - offset);
      if (index < this.blocks.length) into.set(this.block(index).subarray(offset, offset + count), done);
      else into.fill(0, done, done + count);
      done += count;
    }
  }

  private block(index: number): Int16Array {
    const block = this.blocks[index];
    if (!block) throw new RangeError(`samples ${index * this.blockSamples}..${(index + 1) * this.blockSamples} were released (already in the file)`);
    return block;
  }

  private reserve(samples: number): void {
    this.checkLive();
    // A span nothing was written to (a long pause) is not allocated just to be released: before the
    // released point it stays unallocated.
    while (this.capacity < samples) this.blocks.push(this.blocks.length < this.releasedBlocks ? undefined : this.pool.take());
  }

  private checkLive(): void {
    if (this.released) throw new Error('these samples were released');
  }
}
