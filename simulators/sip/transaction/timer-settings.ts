/**
 * RFC 3261 timer base values (section 17, table 4). Tests shrink T1 so a timeout takes milliseconds
 * of ManualClock time; every derived timer follows T1 except D, which RFC 3261 fixes at "at least
 * 32 seconds" for unreliable transports.
 */
export interface TimerSettings {
  /** RTT estimate (default 500 ms). */
  t1: number;
  /** Maximum retransmit interval for non-INVITE requests and INVITE responses (default 4 s). */
  t2: number;
  /** Maximum time a message stays in the network (default 5 s). */
  t4: number;
  /** Timer D: wait time for response retransmissions (default 32 s, 0 on reliable transports). */
  d: number;
}

export const DEFAULT_TIMERS: TimerSettings = { t1: 500, t2: 4000, t4: 5000, d: 32000 };

export function timerSettings(overrides: Partial<TimerSettings> = {}): TimerSettings {
  return { ...DEFAULT_TIMERS, ...overrides };
}
