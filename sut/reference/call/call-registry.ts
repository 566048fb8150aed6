import { Call } from './call';

/** How many released ConnectionIDs are remembered (enough for any scenario; bounded for a long run). */
const RELEASED_MEMORY = 100_000;

/** The SUT's calls by ConnectionID: the live ones, and the released ones it still knows (DYN-06). */
export class CallRegistry {
  private readonly liveCalls = new Map<string, Call>();
  private readonly released = new Set<string>();

  add(call: Call): void {
    this.liveCalls.set(call.connId, call);
  }

  /** The call is over (released, or never connected): its connId is remembered as released. */
  remove(call: Call): void {
    this.liveCalls.delete(call.connId);
    this.released.add(call.connId);
    if (this.released.size > RELEASED_MEMORY) this.released.delete(this.released.values().next().value as string);
  }

  live(): Iterable<Call> {
    return this.liveCalls.values();
  }

  get(connId: string): Call | undefined {
    return this.liveCalls.get(connId);
  }

  wasReleased(connId: string): boolean {
    return this.released.has(connId);
  }

  get size(): number {
    return this.liveCalls.size;
  }
}
