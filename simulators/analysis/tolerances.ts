/**
 * How far a recording may deviate before a verdict fails. Every value is a named setting the caller
 * passes from its profile (tolerance.padEdgeMs and friends); these defaults match the profile's.
 */
export interface AnalysisTolerances {
  /** A padding edge may sit this far from the pause/resume time (PAD-01: one frame). */
  padEdgeMs: number;
  /** An audio segment may sit this far from where its send times put it (PAD-06: one frame). */
  shiftMs: number;
  /** Frames sent this close to a pause edge are edge frames, not leaks. */
  leakGuardMs: number;
  /** Frames sent this close to a pause edge or the recording's start/stop are not counted as drops. */
  dropGuardMs: number;
  /** File duration may differ from the session's wall time by this much (PAD-01: one frame). */
  durationMs: number;
  /**
   * Unexplained audio shorter than this (ms) is not reported (a click at an edge). Pieces of frames
   * are named down to a sample or two on a clean path, but a piece of a few samples that is quieter
   * than quietDbfs cannot be told from noise and stays unexplained: below 1 ms that is no finding.
   */
  unknownMinMs: number;
}

export const DEFAULT_TOLERANCES: AnalysisTolerances = {
  padEdgeMs: 20,
  shiftMs: 20,
  leakGuardMs: 20,
  dropGuardMs: 20,
  durationMs: 20,
  unknownMinMs: 1,
};

export function resolveTolerances(given: Partial<AnalysisTolerances> = {}): AnalysisTolerances {
  const resolved = { ...DEFAULT_TOLERANCES, ...given };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`tolerance ${name} = ${value} must be a finite number >= 0`);
  }
  return resolved;
}
