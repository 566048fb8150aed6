/** Counts of one test stage; summed over stages for the final `N passed, N failed` line. */
export interface TestCounts {
  passed: number;
  /** Every test that did not pass, inconclusive ones included (a gate must not pass on them). */
  failed: number;
  skipped: number;
  /** Of the failed, those the harness could not judge (it was late itself): the SUT is not blamed. */
  inconclusive: number;
}

export const NO_TESTS: TestCounts = { passed: 0, failed: 0, skipped: 0, inconclusive: 0 };

export function addCounts(a: TestCounts, b: TestCounts): TestCounts {
  return { passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped, inconclusive: a.inconclusive + b.inconclusive };
}

/** The closing line CI reads: exactly `N passed, N failed`, then `, N skipped` when there are some. */
export function formatCounts(counts: TestCounts): string {
  const base = `${counts.passed} passed, ${counts.failed} failed`;
  return counts.skipped > 0 ? `${base}, ${counts.skipped} skipped` : base;
}

/** The line just above the closing one, when some of the failed were inconclusive. */
export function formatInconclusive(counts: TestCounts): string | undefined {
  if (counts.inconclusive === 0) return undefined;
  return `of the ${counts.failed} failed, ${counts.inconclusive} ${counts.inconclusive === 1 ? 'was' : 'were'} inconclusive: ` +
    'the harness itself was too late to judge (see the inconclusive lines above); the SUT is not blamed, run again on a less loaded machine';
}
