/**
 * A check that could not be judged because the harness itself was late by more than
 * `tolerance.harnessShare` of the tolerance it was judging (REQUIREMENTS.md "Statuses"; TTCN-3's
 * inconc). Thrown from a step, it fails that step in Cucumber's eyes, and the conformance report,
 * which reads the exception's type, makes the scenario `inconclusive`: the SUT is not blamed.
 * The message always starts with "inconclusive: " so any reader of the JUnit or console output sees it.
 */
export class InconclusiveError extends Error {
  constructor(message: string) {
    super(message.startsWith('inconclusive: ') ? message : `inconclusive: ${message}`);
    this.name = 'InconclusiveError';
  }
}
