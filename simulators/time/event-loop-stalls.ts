/**
 * The harness's own lateness: how long this process's event loop was kept from running timers and
 * socket callbacks. Every instrument of an embedded run (phones, fake Media Server, recording
 * client, the reference SUT) shares this loop, so a stall here delays what they send and when they
 * see what arrives: a fact about the harness, never about the SUT (REQUIREMENTS.md "Statuses").
 *
 * A timer ticks every `intervalMs`; a tick that comes late by more than `minStallMs` records a stall
 * over the time the loop was held. Stalls older than `keepMs` are forgotten, so a soak does not grow.
 */
import { Clock, systemClock, TimerHandle } from './clock';

export interface Stall {
  /** When the held tick was due (Clock.now() ms). */
  startMs: number;
  /** When it ran. */
  endMs: number;
  lateMs: number;
}

export interface StallMonitorOptions {
  clock?: Clock;
  intervalMs?: number;
  minStallMs?: number;
  keepMs?: number;
}

export class EventLoopStallMonitor {
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly minStallMs: number;
  private readonly keepMs: number;
  private readonly recorded: Stall[] = [];
  private timer?: TimerHandle;
  private due = 0;

  constructor(options: StallMonitorOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs ?? 2;
    this.minStallMs = options.minStallMs ?? 1;
    this.keepMs = options.keepMs ?? 10 * 60_000;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer) return;
    this.due = this.clock.now() + this.intervalMs;
    this.schedule();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** Stalls that overlap [fromMs, toMs], oldest first (stalls follow one another: found by bisection). */
  during(fromMs: number, toMs: number): Stall[] {
    let low = 0;
    let high = this.recorded.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.recorded[middle].endMs < fromMs) low = middle + 1;
      else high = middle;
    }
    const found: Stall[] = [];
    for (let i = low; i < this.recorded.length && this.recorded[i].startMs <= toMs; i++) found.push(this.recorded[i]);
    return found;
  }

  get stalls(): readonly Stall[] {
    return this.recorded;
  }

  private schedule(): void {
    this.timer = this.clock.setTimer(this.due - this.clock.now(), () => this.tick());
    // A monitor must never keep a process alive that has nothing else to do.
    this.timer.unref?.();
  }

  private tick(): void {
    const now = this.clock.now();
    const late = now - this.due;
    if (late > this.minStallMs) this.recorded.push({ startMs: this.due, endMs: now, lateMs: late });
    while (this.recorded.length > 0 && this.recorded[0].endMs < now - this.keepMs) this.recorded.shift();
    this.due = now + this.intervalMs;
    this.schedule();
  }
}
