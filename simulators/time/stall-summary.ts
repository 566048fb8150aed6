/**
 * One line on how late the harness's own event loop was over a span (a scenario): how often it was
 * held, the worst hold and when, and the time held in all. Logged with every scenario so that a run's
 * inconclusive verdicts can be read against the harness's lateness in the scenarios that passed.
 */
import type { Stall } from './event-loop-stalls';

export interface StallSummary {
  count: number;
  worstMs: number;
  /** When the worst stall began, from the span's start (ms). */
  worstAtMs: number;
  heldMs: number;
}

export function summarizeStalls(stalls: readonly Stall[], fromMs: number, toMs: number): StallSummary {
  let worst: Stall | undefined;
  let heldMs = 0;
  for (const stall of stalls) {
    if (!worst || stall.lateMs > worst.lateMs) worst = stall;
    heldMs += Math.max(0, Math.min(stall.endMs, toMs) - Math.max(stall.startMs, fromMs));
  }
  return { count: stalls.length, worstMs: worst?.lateMs ?? 0, worstAtMs: worst ? worst.startMs - fromMs : 0, heldMs };
}

export function formatStallSummary(summary: StallSummary, spanMs: number): string {
  const span = `${(spanMs / 1000).toFixed(1)} s`;
  if (summary.count === 0) return `harness event loop: never held over 1 ms in ${span}`;
  return `harness event loop: held ${summary.count} time(s) in ${span}, worst ${summary.worstMs.toFixed(1)} ms at +${(summary.worstAtMs / 1000).toFixed(2)} s, ${summary.heldMs.toFixed(1)} ms in all`;
}
