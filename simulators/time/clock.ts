/**
 * Time as every simulator sees it. Protocol timers (SIP A..K), RTP pacing and recording sessions
 * take a Clock instead of calling setTimeout/Date directly, so tests drive time with ManualClock
 * instead of sleeping.
 */
export interface TimerHandle {
  cancel(): void;
  /** Lets the process exit while this timer is pending (real timers only). */
  unref?(): void;
}

export interface Clock {
  /** Monotonic milliseconds (fractional), for durations and pacing. */
  now(): number;
  /** Wall-clock milliseconds since the epoch, for reports and metadata. */
  wallNow(): number;
  /** Runs `callback` once after `delayMs` of this clock's time. */
  setTimer(delayMs: number, callback: () => void): TimerHandle;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  setTimer(delayMs, callback) {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    return { cancel: () => clearTimeout(handle), unref: () => void handle.unref() };
  },
};
