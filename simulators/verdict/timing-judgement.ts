/**
 * The decision rule for a measured value against a tolerance when the instrument itself may have
 * been late (the idea of ISO 14253-1: a result within the instrument's uncertainty of the limit
 * proves neither conformance nor its absence). The harness's own lateness L over the judged span is
 * that uncertainty; it can move a measured value either way (a late send stamp makes audio look
 * early, a late receive stamp makes it look late).
 * - L within `share` of the tolerance T: the instrument counts as exact; the check's own rule stands.
 * - Beyond that, a value passes only when it is within T by more than L, and fails only when it is
 *   beyond T by more than L; in between, or when the check's own rule excused a value over T, the
 *   check is inconclusive.
 * - A check without a magnitude (a missing or leaked frame) that failed is inconclusive; one that
 *   passed stands (lateness can delay or reorder frames, never invent one that matches).
 */
import { HarnessLateness, LatenessReport } from './harness-lateness';

export type TimingVerdict = 'pass' | 'fail' | 'inconclusive';

export interface TimingJudgement {
  verdict: TimingVerdict;
  lateness: LatenessReport;
}

export interface TimingCheck {
  /** How far off the measured value is (ms, sign ignored), or undefined for a check without one. */
  measuredMs: number | undefined;
  toleranceMs: number;
  /** The check's own rule failed it (it may excuse a value over T, e.g. a hidden padding edge). */
  failed: boolean;
  /** The span of the harness's clock the check judges. */
  span: { fromMs: number; toMs: number };
}

export function judgeTiming(check: TimingCheck, harness: { lateness: HarnessLateness; share: number }): TimingJudgement {
  const lateness = harness.lateness.during(check.span.fromMs, check.span.toMs);
  const own: TimingVerdict = check.failed ? 'fail' : 'pass';
  const late = lateness.lateMs;
  if (late <= harness.share * check.toleranceMs) return { verdict: own, lateness };
  if (check.measuredMs === undefined) return { verdict: check.failed ? 'inconclusive' : 'pass', lateness };
  const off = Math.abs(check.measuredMs);
  if (off + late <= check.toleranceMs) return { verdict: 'pass', lateness };
  // A value over T that the check's own rule excused (a hidden padding edge: no frame was due) rests
  // on the harness's send times too, so lateness leaves it as open as any other.
  return { verdict: check.failed && off - late > check.toleranceMs ? 'fail' : 'inconclusive', lateness };
}
