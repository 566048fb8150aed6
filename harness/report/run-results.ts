import { readFileSync } from 'node:fs';
import { Envelope, Hook, HookType, Pickle, PickleStepType, TestStep, TestStepResultStatus } from '@cucumber/messages';
import { astLineIndex, pickleKey } from './scenario-key';
import { StepFailure, stepFailureOf } from './step-failure';

/** `inconclusive`: a step could not judge because the harness was late, and no step failed. */
export type ScenarioStatus = 'passed' | 'failed' | 'inconclusive' | 'skipped';

/** What one Cucumber run did, read back from its message stream. */
export interface RunResults {
  startedAt?: string;
  /** Final status of every scenario that ran, by scenario key (last attempt wins). */
  statuses: Map<string, ScenarioStatus>;
  /** Why a failed or inconclusive scenario was so: its first failing (or inconclusive) step. */
  failures: Map<string, StepFailure>;
  /** Cucumber's id of the final attempt of each scenario (its evidence folder names it). */
  attempts: Map<string, string>;
  /** Why the run did not end as a run should (an exception, or no testRunFinished at all). */
  crashed?: string;
}

export function readRunResults(ndjsonPath: string): RunResults {
  const envelopes = readFileSync(ndjsonPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Envelope);
  return runResultsOf(envelopes);
}

export function runResultsOf(envelopes: Envelope[]): RunResults {
  const lineIndexByUri = new Map<string, Map<string, number>>();
  const pickles = new Map<string, Pickle>();
  const hooks = new Map<string, Hook>();
  const testCases = new Map<string, { pickleId: string; steps: Map<string, TestStep> }>();
  const testCaseOfStarted = new Map<string, string>();
  const stepResults = new Map<string, StepOutcome[]>();
  const results: RunResults = { statuses: new Map(), failures: new Map(), attempts: new Map() };
  let finished = false;

  for (const envelope of envelopes) {
    if (envelope.gherkinDocument?.uri) lineIndexByUri.set(envelope.gherkinDocument.uri, astLineIndex(envelope.gherkinDocument));
    else if (envelope.pickle) pickles.set(envelope.pickle.id, envelope.pickle);
    else if (envelope.hook) hooks.set(envelope.hook.id, envelope.hook);
    else if (envelope.testRunStarted) results.startedAt = isoOf(envelope.testRunStarted.timestamp);
    else if (envelope.testRunFinished) {
      finished = true;
      const exception = envelope.testRunFinished.exception;
      if (exception) results.crashed = `${exception.type}: ${exception.message ?? ''}`.trim();
    }    else if (envelope.testCase) {
      const steps = new Map(envelope.testCase.testSteps.map((step) => [step.id, step]));
      testCases.set(envelope.testCase.id, { pickleId: envelope.testCase.pickleId, steps });
    } else if (envelope.testCaseStarted) {
      testCaseOfStarted.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
      stepResults.set(envelope.testCaseStarted.id, []);
    } else if (envelope.testStepFinished) {
      const { testCaseStartedId, testStepId, testStepResult } = envelope.testStepFinished;
      const testCase = testCases.get(testCaseOfStarted.get(testCaseStartedId) ?? '');
      const step = testCase?.steps.get(testStepId);
      const pickle = pickles.get(testCase?.pickleId ?? '');
      const failure = stepFailureOf(step && pickle ? stepName(step, pickle, hooks) : 'a step', testStepResult);
      stepResults.get(testCaseStartedId)?.push({ status: testStepResult.status, failure });
    } else if (envelope.testCaseFinished) {
      const startedId = envelope.testCaseFinished.testCaseStartedId;
      const pickle = pickles.get(testCases.get(testCaseOfStarted.get(startedId) ?? '')?.pickleId ?? '');
      if (!pickle) continue;
      const key = pickleKey(pickle, lineIndexByUri.get(pickle.uri) ?? new Map());
      const outcome = scenarioOutcomeOf(stepResults.get(startedId) ?? []);
      results.statuses.set(key, outcome.status);
      results.attempts.set(key, startedId);
      if (outcome.failure) results.failures.set(key, outcome.failure);
      else results.failures.delete(key); // a retry that passed leaves no failure behind
    }
  }
  if (!finished && !results.crashed) results.crashed = 'the message stream has no testRunFinished';
  return results;
}

export interface StepOutcome {
  status: string;
  failure?: StepFailure;
}

/**
 * A real failure wins over an inconclusive step; a scenario with no steps run, or only skipped
 * ones, was skipped (e.g. by a Before hook). The failure kept is the first of the winning kind.
 */
export function scenarioOutcomeOf(steps: readonly StepOutcome[]): { status: ScenarioStatus; failure?: StepFailure } {
  const failed = steps.find((step) => step.failure && !step.failure.inconclusive);
  if (failed) return { status: 'failed', failure: failed.failure };
  const inconclusive = steps.find((step) => step.failure?.inconclusive);
  if (inconclusive) return { status: 'inconclusive', failure: inconclusive.failure };
  if (steps.length > 0 && steps.every((step) => step.status === TestStepResultStatus.PASSED)) return { status: 'passed' };
  const someRan = steps.some((step) => step.status === TestStepResultStatus.PASSED || step.status === TestStepResultStatus.SKIPPED);
  return someRan ? { status: 'skipped' } : { status: 'failed', failure: { step: 'the scenario', check: 'no step ran', message: 'no step ran', inconclusive: false } };
}

const KEYWORD: Record<string, string> = { [PickleStepType.CONTEXT]: 'Given', [PickleStepType.ACTION]: 'When', [PickleStepType.OUTCOME]: 'Then' };

/** "Then the recording holds …", or "After hook (steps/support/hooks.ts:23)". */
function stepName(step: TestStep, pickle: Pickle, hooks: Map<string, Hook>): string {
  const pickleStep = pickle.steps.find((s) => s.id === step.pickleStepId);
  if (pickleStep) return `${KEYWORD[pickleStep.type ?? ''] ?? '*'} ${pickleStep.text}`;
  const hook = hooks.get(step.hookId ?? '');
  const kind = hook?.type === HookType.BEFORE_TEST_CASE ? 'Before hook' : hook?.type === HookType.AFTER_TEST_CASE ? 'After hook' : 'a hook';
  const where = hook?.sourceReference.uri ? ` (${hook.sourceReference.uri}:${hook.sourceReference.location?.line ?? '?'})` : '';
  return `${kind}${where}`;
}

function isoOf(timestamp: { seconds: number; nanos: number }): string {
  return new Date(timestamp.seconds * 1000 + Math.floor(timestamp.nanos / 1e6)).toISOString();
}
