import { TestStepResult, TestStepResultStatus } from '@cucumber/messages';

/**
 * Why a scenario did not pass, as the reports show it: which step, its first failing check in one
 * line, and the whole message for whoever reproduces it.
 */
export interface StepFailure {
  /** The step's text, or the hook that failed. */
  step: string;
  /** The first failing check, one line (e.g. "time-shift: stream 2 … sit 34.0 ms late …"). */
  check: string;
  /** The whole message, without the stack trace. */
  message: string;
  /**
   * The step could not judge because the harness itself was late (InconclusiveError): the
   * scenario is inconclusive unless another step really failed.
   */
  inconclusive: boolean;
}

/**
 * The error a step throws when the harness, not the SUT, stood in the way: of this class, whose
 * message always starts with the prefix. Cucumber records only the thrown class's own name, so a
 * subclass (e.g. one for "cannot judge" evidence) is known by the prefix.
 */
export const INCONCLUSIVE_ERROR = 'InconclusiveError';
export const INCONCLUSIVE_PREFIX = 'inconclusive: ';

/** Undefined, pending, ambiguous and unknown steps fail a scenario, as REQUIREMENTS.md says. */
export const FAILING_STATUSES: ReadonlySet<string> = new Set([
  TestStepResultStatus.FAILED,
  TestStepResultStatus.UNDEFINED,
  TestStepResultStatus.PENDING,
  TestStepResultStatus.AMBIGUOUS,
  TestStepResultStatus.UNKNOWN,
]);

/** The failure of one finished step, or undefined when it did not fail. */
export function stepFailureOf(step: string, result: TestStepResult): StepFailure | undefined {
  if (!FAILING_STATUSES.has(result.status)) return undefined;
  const message = result.exception?.message ?? withoutStack(result.message) ?? `the step is ${result.status.toLowerCase()}`;
  return {
    step,
    check: firstCheckOf(message),
    message,
    inconclusive: result.status === TestStepResultStatus.FAILED &&
      (result.exception?.type === INCONCLUSIVE_ERROR || (result.exception?.message?.startsWith(INCONCLUSIVE_PREFIX) ?? false)),
  };
}

/**
 * The first failing check of a message: a recording check lists its failures as "✗ <check>" lines
 * and what it could not judge as "? <check>" lines under a summary line; any other message leads
 * with what was wrong.
 */
export function firstCheckOf(message: string): string {
  const lines = message.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const listed = lines.find((line) => line.startsWith('✗ ')) ?? lines.find((line) => line.startsWith('? '));
  return listed ? listed.slice(2) : lines[0] ?? '(no message)';
}

/** Cucumber's result message is "<type>: <message>" followed by the stack; the stack goes. */
function withoutStack(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const kept = message.split('\n').filter((line) => !/^\s+at /.test(line));
  return kept.join('\n').trim() || undefined;
}
