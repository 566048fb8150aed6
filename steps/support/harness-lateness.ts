/**
 * The harness's own lateness as the steps hand it to every check: one event-loop stall monitor per
 * worker process (every embedded instrument shares its loop), and the senders whose frames a check
 * judges. tolerance.harnessShare sets how much of a tolerance that lateness may use.
 */
import { HarnessLatenessInput } from '../../simulators/analysis/lateness-verdicts';
import { harnessLateness, PacedFrames } from '../../simulators/verdict/harness-lateness';
import { InconclusiveError } from '../../simulators/verdict/inconclusive-error';
import { judgeTiming } from '../../simulators/verdict/timing-judgement';
import { EventLoopStallMonitor } from '../../simulators/time/event-loop-stalls';
import type { Tolerances } from '../../profiles/profile-schema';

export const stallMonitor = new EventLoopStallMonitor();

export function harnessInput(tolerance: Tolerances, senders: readonly PacedFrames[] = []): HarnessLatenessInput {
  return { lateness: harnessLateness({ stalls: stallMonitor, senders }), share: tolerance.harnessShare };
}

/**
 * A step's timing check (e.g. the recording INVITE within tolerance.startMs of the answer), judged
 * against the harness's lateness over [fromMs, toMs]: returns when it passes, throws an
 * AssertionError-like Error when it fails, InconclusiveError when the harness was too late to tell.
 */
export function assertTiming(
  harness: HarnessLatenessInput,
  check: { measuredMs: number; toleranceMs: number; fromMs: number; toMs: number; message: string },
): void {
  const failed = check.measuredMs > check.toleranceMs;
  const judged = judgeTiming({ measuredMs: check.measuredMs, toleranceMs: check.toleranceMs, failed, span: { fromMs: check.fromMs, toMs: check.toMs } }, harness);
  if (judged.verdict === 'pass') return;
  if (judged.verdict === 'inconclusive') {
    throw new InconclusiveError(`${check.message} — ${judged.lateness.evidence}, more than tolerance.harnessShare (${harness.share}) of ${check.toleranceMs} ms`);
  }
  throw new TimingCheckError(check.message);
}

export class TimingCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimingCheckError';
  }
}
