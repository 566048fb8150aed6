/**
 * Weighs every timing verdict of a recording against the harness's own lateness over the span it
 * judges (simulators/verdict/timing-judgement.ts): a verdict the harness's lateness could have made
 * or unmade becomes `inconclusive`, its message naming that lateness. Crosstalk, duplicates and
 * foreign streams are about which audio is where, not when: lateness never excuses them.
 */
import { HarnessLateness, LatenessReport } from '../verdict/harness-lateness';
import { judgeTiming } from '../verdict/timing-judgement';
import { TimeBase, Verdict } from './recording-analysis';
import { AnalysisTolerances } from './tolerances';

export interface HarnessLatenessInput {
  lateness: HarnessLateness;
  /** tolerance.harnessShare: the share of a tolerance the harness's own lateness may use. */
  share: number;
}

interface Weighable {
  toleranceMs: number;
  measuredMs: number | undefined;
  /** The harness's lateness that bears on this verdict's measurement. */
  lateness: LatenessReport;
}

/** A stamp is held by a stall that covers it or ends within this much of it (the monitor's resolution). */
const STAMP_SLACK_MS = 2;

export function weighHarnessLateness(
  verdicts: Verdict[],
  context: {
    timeBase: TimeBase; sampleRate: number; lengthSamples: number; tolerances: AnalysisTolerances; harness: HarnessLatenessInput;
    stampedBy?: 'recorder' | 'sender'; sharesHarnessLoop?: boolean;
  },
): void {
  const base = context.timeBase.fileStartMs;
  if (base === undefined) return;
  const toMs = (sample: number) => base + (sample * 1000) / context.sampleRate;
  const timeLine = context.stampedBy !== 'recorder' && context.sharesHarnessLoop ? startTaken(verdicts, base, context.harness.lateness) : undefined;
  for (const verdict of verdicts) {
    if (verdict.severity !== 'pass' && verdict.severity !== 'fail') continue;
    const described = describe(verdict, context.tolerances, toMs, toMs(context.lengthSamples), context.harness.lateness, context.stampedBy ?? 'sender');
    const weighable = described && timeLine && SHIFTED_BY_A_LATE_START.has(verdict.type) ? { ...described, lateness: worst([described.lateness, timeLine]) } : described;
    if (!weighable) continue;
    const judged = judgeTiming(
      { measuredMs: weighable.measuredMs, toleranceMs: weighable.toleranceMs, failed: verdict.severity === 'fail', span: { fromMs: 0, toMs: 0 } },
      { lateness: { during: () => weighable.lateness }, share: context.harness.share },
    );
    if (judged.verdict !== 'inconclusive') continue;
    verdict.severity = 'inconclusive';
    verdict.harnessLateness = weighable.lateness;
    verdict.message +=
      ` — inconclusive: ${weighable.lateness.evidence} (${weighable.lateness.lateMs.toFixed(1)} ms bears on this check), more than tolerance.harnessShare (${context.harness.share}) of the ${weighable.toleranceMs} ms judged`;
  }
}

/** Verdicts measured against the file's time line, which a late start of the recorder moves as a whole. */
const SHIFTED_BY_A_LATE_START: ReadonlySet<Verdict['type']> = new Set(['time-shift', 'padding', 'duration']);

/**
 * How long the harness's loop was held while a recorder on that loop took the start command: from
 * the sender's start stamp over as long as the worst shift found (a late start shows as audio that
 * sits early by as much).
 */
function startTaken(verdicts: readonly Verdict[], startMs: number, lateness: HarnessLateness): LatenessReport {
  const shifts = verdicts.flatMap((v) => (v.type === 'time-shift' && v.shiftMs !== undefined ? [Math.abs(v.shiftMs)] : []));
  const untilMs = startMs + Math.max(0, ...shifts) + STAMP_SLACK_MS;
  const held = lateness.heldDuring?.(startMs - STAMP_SLACK_MS, untilMs) ?? lateness.during(startMs - STAMP_SLACK_MS, untilMs);
  return { lateMs: held.lateMs, evidence: `while the recorder, on the harness's own loop, took the start command: ${held.evidence}` };
}

function describe(
  verdict: Verdict,
  tolerances: AnalysisTolerances,
  toMs: (sample: number) => number,
  fileEndMs: number,
  lateness: HarnessLateness,
  stampedBy: 'recorder' | 'sender',
): Weighable | undefined {
  const at = (ms: number) => lateness.during(ms - STAMP_SLACK_MS, ms + STAMP_SLACK_MS);
  const over = (v: Verdict, afterMs: number, beforeMs = STAMP_SLACK_MS): LatenessReport =>
    worst(v.spans.map((s) => lateness.during(toMs(s.start) - beforeMs, toMs(s.end) + afterMs)));
  switch (verdict.type) {
    case 'time-shift':
      // The median's own bound (frame-verdicts.ts medianUncertainty): a stall that touched a few frames leaves it alone.
      return verdict.uncertainty ? { toleranceMs: tolerances.shiftMs, measuredMs: verdict.shiftMs, lateness: verdict.uncertainty } : undefined;
    case 'padding': {
      const errors = [verdict.startErrorMs, verdict.endErrorMs].filter((e): e is number => e !== undefined).map(Math.abs);
      // The edges are stamps: the pause and resume as the recorder (or the client) took them.
      return { toleranceMs: tolerances.padEdgeMs, measuredMs: errors.length ? Math.max(...errors) : undefined, lateness: worst([at(verdict.pause.startMs), at(verdict.pause.endMs)]) };
    }
    case 'duration':
      // A recorder that stamps its own start and stop writes exactly that span, however late it ran.
      if (stampedBy === 'recorder') return undefined;
      return { toleranceMs: tolerances.durationMs, measuredMs: verdict.errorMs, lateness: at(fileEndMs) };
    case 'drop':
      // A frame is missing when the harness sent it late or stalled before the recorder took it.
      return { toleranceMs: tolerances.dropGuardMs, measuredMs: undefined, lateness: over(verdict, tolerances.dropGuardMs) };
    case 'leak':
      return { toleranceMs: tolerances.leakGuardMs, measuredMs: undefined, lateness: over(verdict, tolerances.leakGuardMs) };
    case 'unknown-audio':
      // Frames held up by a stall (of the sender, or of a relay or recorder on the harness's loop)
      // reach the recorder in a burst when it ends and may sit off their grid, as pieces too short
      // to name: a stall that ends within shiftMs before the audio bears on it as much as one after.
      return { toleranceMs: tolerances.shiftMs, measuredMs: undefined, lateness: over(verdict, tolerances.shiftMs, tolerances.shiftMs) };
    default:
      return undefined;
  }
}

function worst(reports: LatenessReport[]): LatenessReport {
  return reports.reduce((a, b) => (b.lateMs > a.lateMs ? b : a), { lateMs: 0, evidence: 'the harness was on time' });
}
