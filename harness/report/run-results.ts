import { readFileSync } from 'node:fs';
import { Envelope, Pickle, TestStepResultStatus } from '@cucumber/messages';
import { astLineIndex, pickleKey } from './scenario-key';

export type ScenarioStatus = 'passed' | 'failed' | 'skipped';

/** What one Cucumber run did, read back from its message stream. */
export interface RunResults {
  startedAt?: string;
  /** Final status of every scenario that ran, by scenario key (last attempt wins). */
  statuses: Map<string, ScenarioStatus>;
}

// Undefined, pending, ambiguous and unknown steps fail a scenario, as REQUIREMENTS.md says.
const FAILING: ReadonlySet<string> = new Set([
  TestStepResultStatus.FAILED,
  TestStepResultStatus.UNDEFINED,
  TestStepResultStatus.PENDING,
  TestStepResultStatus.AMBIGUOUS,
  TestStepResultStatus.UNKNOWN,
]);

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
  const pickleOfTestCase = new Map<string, string>();
  const testCaseOfStarted = new Map<string, string>();
  const stepStatuses = new Map<string, string[]>();
  const results: RunResults = { statuses: new Map() };

  for (const envelope of envelopes) {
    if (envelope.gherkinDocument?.uri) lineIndexByUri.set(envelope.gherkinDocument.uri, astLineIndex(envelope.gherkinDocument));
    else if (envelope.pickle) pickles.set(envelope.pickle.id, envelope.pickle);
    else if (envelope.testRunStarted) results.startedAt = isoOf(envelope.testRunStarted.timestamp);
    else if (envelope.testCase) pickleOfTestCase.set(envelope.testCase.id, envelope.testCase.pickleId);
    else if (envelope.testCaseStarted) {
      testCaseOfStarted.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
      stepStatuses.set(envelope.testCaseStarted.id, []);
    } else if (envelope.testStepFinished) {
      stepStatuses.get(envelope.testStepFinished.testCaseStartedId)?.push(envelope.testStepFinished.testStepResult.status);
    } else if (envelope.testCaseFinished) {
      const startedId = envelope.testCaseFinished.testCaseStartedId;
      const pickle = pickles.get(pickleOfTestCase.get(testCaseOfStarted.get(startedId) ?? '') ?? '');
      if (!pickle) continue;
      const key = pickleKey(pickle, lineIndexByUri.get(pickle.uri) ?? new Map());
      results.statuses.set(key, scenarioStatusOf(stepStatuses.get(startedId) ?? []));
    }
  }
  return results;
}

/** A scenario with no steps run, or only skipped ones, was skipped (e.g. by a Before hook). */
export function scenarioStatusOf(steps: readonly string[]): ScenarioStatus {
  if (steps.some((status) => FAILING.has(status))) return 'failed';
  if (steps.length > 0 && steps.every((status) => status === TestStepResultStatus.PASSED)) return 'passed';
  return steps.some((status) => status === TestStepResultStatus.PASSED || status === TestStepResultStatus.SKIPPED) ? 'skipped' : 'failed';
}

function isoOf(timestamp: { seconds: number; nanos: number }): string {
  return new Date(timestamp.seconds * 1000 + Math.floor(timestamp.nanos / 1e6)).toISOString();
}
