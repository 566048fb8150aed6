import { Clock, TimerHandle } from './clock';

interface PendingTimer {
  dueAt: number;
  order: number;
  callback: () => void;
  cancelled: boolean;
}

/** A Clock that moves only when a test calls advance(); timers fire in due order. */
export class ManualClock implements Clock {
  private current = 0;
  private nextOrder = 0;
  private timers: PendingTimer[] = [];

  constructor(private readonly wallOrigin = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.current;
  }

  wallNow(): number {
    return this.wallOrigin + this.current;
  }

  setTimer(delayMs: number, callback: () => void): TimerHandle {
    const timer: PendingTimer = {
      dueAt: this.current + Math.max(0, delayMs),
      order: this.nextOrder++,
      callback,
      cancelled: false,
    };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Moves time forward by `ms`, firing every timer that falls due, including ones set meanwhile. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers
        .filter((t) => !t.cancelled && t.dueAt <= target)
        .sort((a, b) => a.dueAt - b.dueAt || a.order - b.order)[0];
      if (!due) break;
      // A timer overdue after hold() runs now, late, as a real one would.
      this.current = Math.max(this.current, due.dueAt);
      due.cancelled = true;
      due.callback();
    }
    this.timers = this.timers.filter((t) => !t.cancelled);
    this.current = target;
  }

  /** Moves time forward by `ms` firing nothing: an event loop held that long; the next advance() runs what fell due, late. */
  hold(ms: number): void {
    this.current += ms;
  }

  pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}
