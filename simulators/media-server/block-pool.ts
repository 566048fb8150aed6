/**
 * Where tracks get their storage blocks: views into large slabs, handed back when a recording's
 * files are written and handed out again (zeroed) to later recordings.
 *
 * Why: every ArrayBuffer counts as V8 external memory, and V8 starts a full mark-compact each time
 * external memory has grown by a fraction of the heap. Hundreds of recordings allocating a 64 KiB
 * block every 4 s per channel made that one GC every ~0.6 s at 300 sessions, each holding the event
 * loop 5-25 ms (commands then land late and padding edges move). A slab is one allocation for 4096
 * blocks, its pages committed only as they are written, and blocks are reused, so a Media Server
 * in steady service stops growing external memory at all.
 */
const BLOCKS_PER_SLAB = 4096;

export class BlockPool {
  private static readonly bySize = new Map<number, BlockPool>();
  private readonly free: Int16Array[] = [];
  private slab?: Int16Array;
  private nextInSlab = BLOCKS_PER_SLAB;
  private slabCount = 0;

  private constructor(readonly blockSamples: number) {}

  /** The process's pool for blocks of `blockSamples` samples. */
  static of(blockSamples: number): BlockPool {
    let pool = BlockPool.bySize.get(blockSamples);
    if (!pool) BlockPool.bySize.set(blockSamples, (pool = new BlockPool(blockSamples)));
    return pool;
  }

  /** A block of digital silence, owned by the caller until it gives it back. */
  take(): Int16Array {
    const reused = this.free.pop();
    if (reused) return reused.fill(0);
    if (this.nextInSlab === BLOCKS_PER_SLAB) {
      this.slab = new Int16Array(this.blockSamples * BLOCKS_PER_SLAB);
      this.nextInSlab = 0;
      this.slabCount++;
    }
    const start = this.nextInSlab++ * this.blockSamples;
    return this.slab!.subarray(start, start + this.blockSamples);
  }

  /** Blocks the caller will never read or write again. */
  give(blocks: readonly Int16Array[]): void {
    for (const block of blocks) this.free.push(block);
  }

  get stats(): { slabs: number; free: number } {
    return { slabs: this.slabCount, free: this.free.length };
  }
}
