import { AnalysisTolerances } from '../../simulators/analysis';
import type { Tolerances } from '../../profiles/profile-schema';

/** The analyzer's tolerances, every one from the profile (tolerance.*): never a literal in a step. */
export function analysisTolerances(tolerance: Tolerances): Partial<AnalysisTolerances> {
  const { padEdgeMs, shiftMs, durationMs, leakGuardMs, dropGuardMs } = tolerance;
  return { padEdgeMs, shiftMs, durationMs, leakGuardMs, dropGuardMs };
}
