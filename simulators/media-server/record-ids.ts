import { randomBytes } from 'node:crypto';

/**
 * Record ids: the ones the MS makes are unique across sessions and restarts (SEL-06) — time in
 * base 36 plus 48 random bits — and live ids are tracked so a duplicate is refused (SEL-05).
 */
export class RecordIds {
  private readonly live = new Set<string>();

  constructor(private readonly wallNow: () => number = Date.now) {}

  generate(): string {
    for (;;) {
      const id = `gir-${this.wallNow().toString(36)}-${randomBytes(6).toString('hex')}`;
      if (!this.live.has(id)) return id;
    }
  }

  /** Marks `id` live; false when it already is. */
  claim(id: string): boolean {
    if (this.live.has(id)) return false;
    this.live.add(id);
    return true;
  }

  release(id: string): void {
    this.live.delete(id);
  }

  isLive(id: string): boolean {
    return this.live.has(id);
  }
}
