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
  /** The worst single lateness over [fromMs, toMs]: what a stamp taken in it may be off by. */
  during(fromMs: number, toMs: number): LatenessReport;
  /**
   * How long, in all, the harness's loop was held within [fromMs, toMs]: how much of that span a
   * frame could have spent waiting for the harness (a saturated loop queues frames behind many short
   * stalls, no one of which is long). Optional: a source without stalls has none.
   */
  heldDuring?(fromMs: number, toMs: number): LatenessReport;
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
  // Checks ask once per frame (a median's bound): each sender's frames in send order, found by bisection.
  const senders = (sources.senders ?? []).map((sender) => ({ label: sender.label, frames: inSendOrder(sender.frames) }));
  return {
    during(fromMs, toMs) {
      const parts: string[] = [];
      let lateMs = 0;
      for (const sender of senders) {
        let first: number | undefined;
        let last = 0;
        let worst = 0;
        for (let i = firstSentAtOrAfter(sender.frames, fromMs); i < sender.frames.length && sender.frames[i].sentAtMs <= toMs; i++) {
          const frame = sender.frames[i];
          const late = frame.sentAtMs - frame.scheduledAtMs;
          if (late <= PACER_SLACK_MS) continue;
          first ??= frame.index;
          last = frame.index;
          worst = Math.max(worst, late);
        }
        if (first === undefined) continue;
        lateMs = Math.max(lateMs, worst);
        parts.push(`the harness sent ${sender.label}'s frames ${first}..${last} up to ${worst.toFixed(1)} ms late`);
      }
      const stalls = sources.stalls?.during(fromMs, toMs) ?? [];
      if (stalls.length > 0) {
        const worst = stalls.reduce((a, b) => (b.lateMs > a.lateMs ? b : a));
        lateMs = Math.max(lateMs, worst.lateMs);
        parts.push(`its event loop stalled ${stalls.length} time(s), up to ${worst.lateMs.toFixed(1)} ms at ${worst.startMs.toFixed(1)} ms`);
      }
      return { lateMs, evidence: parts.length ? parts.join('; ') : 'the harness was on time' };
    },
    heldDuring(fromMs, toMs) {
      const stalls = sources.stalls?.during(fromMs, toMs) ?? [];
      const heldMs = stalls.reduce((sum, s) => sum + Math.max(0, Math.min(s.endMs, toMs) - Math.max(s.startMs, fromMs)), 0);
      return {
        lateMs: heldMs,
        evidence: heldMs > 0 ? `its event loop was held ${heldMs.toFixed(1)} ms of the ${(toMs - fromMs).toFixed(1)} ms from ${fromMs.toFixed(1)} ms (${stalls.length} stall(s))` : 'the harness was on time',
      };
    },
  };
}

type Frame = PacedFrames['frames'][number];

function inSendOrder(frames: readonly Frame[]): readonly Frame[] {
  for (let i = 1; i < frames.length; i++) if (frames[i].sentAtMs < frames[i - 1].sentAtMs) return [...frames].sort((a, b) => a.sentAtMs - b.sentAtMs);
  return frames;
}

function firstSentAtOrAfter(frames: readonly Frame[], ms: number): number {
  let low = 0;
  let high = frames.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (frames[middle].sentAtMs < ms) low = middle + 1;
    else high = middle;
  }
  return low;
}

export const NEVER_LATE: HarnessLateness = { during: () => ({ lateMs: 0, evidence: 'the harness was on time' }) };
