/**
 * What the harness knows of its own lateness over a span of time: the event loop's stalls
 * (EventLoopStallMonitor) and the frames its senders put on the wire later than they were due.
 * Checks ask it about the span they judge; the answer carries a sentence of evidence.
 */
import type { Stall } from '../time/event-loop-stalls';

export interface LatenessReport {
  /** The worst lateness of any instrument in the span (ms). */
  lateMs: number;
  /** What was late, and when, for the verdict's message. */
  evidence: string;
}

export interface HarnessLateness {
  during(fromMs: number, toMs: number): LatenessReport;
}

/** A sender's log as the lateness reader needs it: each frame's due and actual send time. */
export interface PacedFrames {
  label: string;
  frames: readonly { index: number; scheduledAtMs: number; sentAtMs: number }[];
}

export interface StallSource {
  during(fromMs: number, toMs: number): readonly Stall[];
}

/** Sending later than this behind the schedule is a late frame, not timer granularity. */
const PACER_SLACK_MS = 1;

export function harnessLateness(sources: { stalls?: StallSource; senders?: readonly PacedFrames[] }): HarnessLateness {
  return {
    during(fromMs, toMs) {
      const parts: string[] = [];
      let lateMs = 0;
      for (const sender of sources.senders ?? []) {
        const late = sender.frames.filter((f) => f.sentAtMs >= fromMs && f.sentAtMs <= toMs && f.sentAtMs - f.scheduledAtMs > PACER_SLACK_MS);
        if (late.length === 0) continue;
        const worst = Math.max(...late.map((f) => f.sentAtMs - f.scheduledAtMs));
        lateMs = Math.max(lateMs, worst);
        parts.push(`the harness sent ${sender.label}'s frames ${late[0].index}..${late[late.length - 1].index} up to ${worst.toFixed(1)} ms late`);
      }
      const stalls = sources.stalls?.during(fromMs, toMs) ?? [];
      if (stalls.length > 0) {
        const worst = stalls.reduce((a, b) => (b.lateMs > a.lateMs ? b : a));
        lateMs = Math.max(lateMs, worst.lateMs);
        parts.push(`its event loop stalled ${stalls.length} time(s), up to ${worst.lateMs.toFixed(1)} ms at ${worst.startMs.toFixed(1)} ms`);
      }
      return { lateMs, evidence: parts.length ? parts.join('; ') : 'the harness was on time' };
    },
  };
}

export const NEVER_LATE: HarnessLateness = { during: () => ({ lateMs: 0, evidence: 'the harness was on time' }) };
